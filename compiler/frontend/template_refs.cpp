#include "frontend/template_refs.h"

#include <cctype>

#include "passes/suggest.h"

namespace flowc {

namespace {

bool is_template_class(const Workflow& wf) {
  return wf.kind == WorkflowKind::WorkflowTemplate || wf.kind == WorkflowKind::ClusterWorkflowTemplate;
}

// The class `name` names in this file: defined earlier, or imported from a
// module of the project. Null when it is neither (then the call is not a
// typed reference, and the task's usual error explains what a task returns).
// `name` is how the call spells the class ("Shared", "m.Shared"); it is
// class `cls` of `module` ("" : not imported).
const Workflow* find_class(const std::string& name, const std::string& module, const std::string& cls, Span at,
                           const RefLookup& lookup, DiagnosticSink& sink, bool& failed) {
  if (module.empty()) return nullptr;
  auto cannot = [&](const std::string& why) {
    sink.error("E1301", at, "'" + name + "' is imported from '" + module + "', " + why)
        .notes.push_back({"a task calls a template of another module's WorkflowTemplate or ClusterWorkflowTemplate "
                          "class: return Shared.echo(...)",
                          std::nullopt});
    failed = true;
    return nullptr;
  };
  if (!lookup.loader || !lookup.loader->reads_files())
    return cannot("and a compiled string reads no other files: compile the file itself");
  if (lookup.loader->module_file(module).empty())
    return cannot("which flowc cannot find in the project (a module beside the compiled file, or in the package "
                  "above it)");
  size_t errors = sink.error_count();
  const Workflow* wf = lookup.loader->load_class(module, cls, at, sink);
  if (!wf && sink.error_count() != errors) failed = true;  // that module has errors, reported there
  if (!wf && !failed) {
    sink.error("E1301", at, "'" + name + "' is imported from '" + lookup.loader->module_file(module) +
                                "', which has no workflow class '" + cls + "'")
        .notes.push_back({"a task calls a template of another module's WorkflowTemplate or ClusterWorkflowTemplate "
                          "class: return Shared.echo(...)",
                          std::nullopt});
    failed = true;
  }
  return wf;
}

// `a.b.C` -> {"a", "b", "C"}; {} if `n` is not a plain dotted name.
std::vector<std::string> dotted_parts(const SyntaxTree& tree, TSNode n) {
  std::vector<std::string> parts;
  while (is(n, "attribute")) {
    parts.insert(parts.begin(), std::string(tree.text(field(n, "attribute"))));
    n = field(n, "object");
  }
  if (!is(n, "identifier")) return {};
  parts.insert(parts.begin(), std::string(tree.text(n)));
  return parts;
}

// The (module, class) a dotted class name comes from, by the file's imports:
//   from m import C [as A]      C / A          -> (m, C)
//   import pkg.mod              pkg.mod.C      -> (pkg.mod, C)
//   import pkg.mod as m         m.C            -> (pkg.mod, C)
//   from pkg import mod         mod.C          -> (pkg.mod, C)   (and relative forms)
// ("", "") when the head is no import's.
std::pair<std::string, std::string> class_origin(const std::vector<std::string>& parts, const DslNames& names) {
  if (parts.size() == 1) return names.import_origin(parts[0]);
  std::string module = names.imported_path(parts[0]);
  if (module.empty()) return {};
  for (size_t i = 1; i + 1 < parts.size(); ++i) module += (module.ends_with(".") ? "" : ".") + parts[i];
  return {module, parts.back()};
}

// A call `X.tpl(...)` whose X flowc cannot follow to a class statically:
// from a star import, or bound otherwise than by an import. Said at the call
// when it may be a typed reference (a capitalised class-like name), so that
// it is never passed over as something else (issue 23).
TypedRef unfollowed(const SyntaxTree& tree, TSNode object, const std::vector<std::string>& parts,
                    const RefLookup& lookup, DiagnosticSink& sink) {
  const std::string& last = parts.back();
  if (last.empty() || !std::isupper(static_cast<unsigned char>(last[0]))) return TypedRef::None;
  std::string name(tree.text(object));
  const auto& stars = lookup.names.star_modules();
  if (parts.size() == 1 && !lookup.names.is_imported(parts[0]) && !stars.empty()) {
    sink.error("E1306", tree.span(object),
               "'" + name + "' may come from 'from " + stars.front() +
                   " import *', which flowc does not follow: import the class by name (from " + stars.front() +
                   " import " + name + ")");
    return TypedRef::Failed;
  }
  if (lookup.names.is_rebound(parts[0])) {
    sink.error("E1306", tree.span(object),
               "'" + parts[0] + "' is imported, then assigned again at module level: flowc does not follow what it "
                                "is bound to at run time (call the imported class by a name nothing rebinds)");
    return TypedRef::Failed;
  }
  // A bare name nothing imports: the task's own error (E0208) says what a task returns.
  if (parts.size() == 1) return TypedRef::None;
  sink.error("E1306", tree.span(object),
             "flowc cannot follow '" + name +
                 "' to a workflow class statically (it is not imported by name, or is bound at run time): "
                 "import the WorkflowTemplate class (from flows.shared import Shared), or write the reference as "
                 "V1alpha1TemplateRef(name=..., template=...)");
  return TypedRef::Failed;
}

Note defined_here(const std::string& what, Span span, const SourceFile* file) {
  Note n{what, span};
  n.file = file;
  return n;
}

}  // namespace

std::string deployed_name(const Workflow& wf) {
  if (const Value* n = wf.metadata.get("name"); n && n->is_string()) return n->text;
  return wf.name;
}

std::string describe_template_class(const Workflow& wf) {
  return std::string(kind_name(wf.kind)) + " '" + deployed_name(wf) + "'";
}

TypedRef read_typed_reference(const SyntaxTree& tree, TSNode fn, const RefLookup& lookup, DiagnosticSink& sink,
                              Task& task) {
  if (!is(fn, "attribute")) return TypedRef::None;
  TSNode object = field(fn, "object");
  std::vector<std::string> parts = dotted_parts(tree, object);
  if (parts.empty() || parts[0] == "self") return TypedRef::None;
  std::string cls(tree.text(object));
  // `dsl.V1alpha1TemplateRef(...)`: the DSL's own names are not classes of the
  // project (a class of this file is, whatever a star import might bind).
  const Workflow* local = parts.size() == 1 ? lookup.local_workflow(cls) : nullptr;
  // A bare name a DSL star import may bind is the DSL's, unless a star import
  // of a module of the project may bind it too (then unfollowed() says so).
  bool other_star = parts.size() == 1 && !lookup.names.is_imported(parts[0]) && !lookup.names.star_modules().empty();
  if (!local && (!lookup.names.resolve(tree, fn).empty() ||
                 (!other_star && !lookup.names.dsl_module_of(tree, object).empty())))
    return TypedRef::None;
  bool failed = false;
  const Workflow* wf = local;
  if (!wf) {
    auto [module, name] = class_origin(parts, lookup.names);
    if (module.empty()) return unfollowed(tree, object, parts, lookup, sink);
    wf = find_class(cls, module, name, tree.span(object), lookup, sink, failed);
  }
  if (failed) return TypedRef::Failed;
  if (!wf) return TypedRef::None;
  TSNode attr = field(fn, "attribute");
  std::string method(tree.text(attr));
  if (!is_template_class(*wf)) {
    sink.error("E1302", tree.span(object), "'" + cls + "' is a " + kind_name(wf->kind) +
                                               "; a task can call the templates of a WorkflowTemplate or "
                                               "ClusterWorkflowTemplate only (Argo's templateRef)")
        .notes.push_back(defined_here("class '" + wf->class_name + "' is defined here", wf->span, wf->file));
    return TypedRef::Failed;
  }
  const Template* found = nullptr;
  std::vector<std::string> methods;
  for (const Template& t : wf->templates) {
    methods.push_back(t.method);
    if (t.method == method) found = &t;
  }
  if (!found) {
    auto& d = sink.error("E1303", tree.span(attr), describe_template_class(*wf) + " (class '" + wf->class_name +
                                                       "') has no template '" + method + "'");
    std::string near = closest(method, methods);
    if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
    suggest_fix(d, tree.span(attr), method, near, /*at_end=*/true);
    d.notes.push_back(defined_here("class '" + wf->class_name + "' is defined here", wf->span, wf->file));
    return TypedRef::Failed;
  }
  if (found->broken) return TypedRef::Failed;  // reported in its own file
  Span at = tree.span(fn);
  Value ref = Value::dict(at);
  ref.model = "V1alpha1TemplateRef";
  ref.set("name", Value::of_string(deployed_name(*wf), tree.span(object)));
  ref.set("template", Value::of_string(found->name, tree.span(attr)));
  if (wf->kind == WorkflowKind::ClusterWorkflowTemplate) ref.set("clusterScope", Value::of_bool(true, at));
  task.template_ref = std::move(ref);
  task.template_span = tree.span(attr);
  task.ref_workflow = wf;
  task.ref_template = found;
  return TypedRef::Found;
}

}  // namespace flowc

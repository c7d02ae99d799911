#include "frontend/template_refs.h"

#include "passes/suggest.h"

namespace flowc {

namespace {

bool is_template_class(const Workflow& wf) {
  return wf.kind == WorkflowKind::WorkflowTemplate || wf.kind == WorkflowKind::ClusterWorkflowTemplate;
}

// The class `name` names in this file: defined earlier, or imported from a
// module of the project. Null when it is neither (then the call is not a
// typed reference, and the task's usual error explains what a task returns).
const Workflow* find_class(const std::string& name, Span at, const RefLookup& lookup, DiagnosticSink& sink,
                           bool& failed) {
  if (const Workflow* local = lookup.local_workflow(name)) return local;
  // Not a structured binding: the lambda below captures `module`, and clang
  // before 16 (Debian's, used for the sanitizer build) refuses to capture one.
  const auto origin = lookup.names.import_origin(name);
  const std::string& module = origin.first;
  const std::string& cls = origin.second;
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
  if (!is(object, "identifier")) return TypedRef::None;
  std::string cls(tree.text(object));
  if (cls == "self") return TypedRef::None;
  // `dsl.V1alpha1TemplateRef(...)`: the DSL's own names are not classes of the
  // project (a class of this file is, whatever a star import might bind).
  if (!lookup.local_workflow(cls) &&
      (!lookup.names.dsl_module_of(tree, object).empty() || !lookup.names.resolve(tree, fn).empty()))
    return TypedRef::None;
  bool failed = false;
  const Workflow* wf = find_class(cls, tree.span(object), lookup, sink, failed);
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

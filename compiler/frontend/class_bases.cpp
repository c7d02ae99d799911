#include "frontend/class_bases.h"

#include "passes/suggest.h"

namespace flowc {

namespace {

const char* const kKinds[] = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow",
                              "WorkflowEventBinding", "Manifest"};

std::string kinds_list() {
  std::string out;
  for (const char* k : kKinds) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

// A name that reads like one of the DSL's classes.
bool dsl_looking(std::string_view name) {
  return name.find("Workflow") != std::string_view::npos || name.find("EventBinding") != std::string_view::npos;
}

std::string last_part(std::string_view dotted) {
  size_t dot = dotted.rfind('.');
  return std::string(dot == std::string_view::npos ? dotted : dotted.substr(dot + 1));
}

}  // namespace

std::optional<WorkflowKind> workflow_kind(std::string_view dsl) {
  if (dsl == "Workflow") return WorkflowKind::Workflow;
  if (dsl == "WorkflowTemplate") return WorkflowKind::WorkflowTemplate;
  if (dsl == "ClusterWorkflowTemplate") return WorkflowKind::ClusterWorkflowTemplate;
  if (dsl == "CronWorkflow") return WorkflowKind::CronWorkflow;
  if (dsl == "WorkflowEventBinding") return WorkflowKind::WorkflowEventBinding;
  if (dsl == "Manifest") return WorkflowKind::Manifest;  // frontend/manifest.h
  return std::nullopt;
}

ClassBases read_class_bases(const SyntaxTree& tree, TSNode cls, const BaseLookup& lookup, bool looks_like_workflow,
                            DiagnosticSink& sink) {
  ClassBases out;
  TSNode supers = field(cls, "superclasses");
  if (ts_node_is_null(supers)) return out;
  struct Unresolved {
    TSNode node;
    std::string why;
  };
  std::vector<Unresolved> unresolved;
  for (uint32_t i = 0; i < named_count(supers); ++i) {
    TSNode b = named_child(supers, i);
    if (is(b, "keyword_argument") || is(b, "comment")) continue;
    std::string text(tree.text(b));
    std::string dsl = lookup.names.resolve(tree, b);
    if (auto k = workflow_kind(dsl)) {
      if (!out.kind) out.kind = k;
      continue;
    }
    if (is(b, "identifier")) {
      if (const Workflow* local = lookup.local_workflow(text)) {
        out.bases.push_back(local);
        if (!out.kind) out.kind = local->kind;
        continue;
      }
      if (lookup.defined_here(text)) continue;  // a class of this file that is not a workflow (a mixin)
    }
    // From one of the DSL's modules, but not a workflow kind: a typo, or a
    // kind of a newer or older DSL.
    std::string dsl_module = lookup.names.dsl_module_of(tree, b);
    if (!dsl_module.empty()) {
      std::string name = last_part(text);
      auto& d = sink.error("E0216", tree.span(b), "'" + text + "' is not a workflow class of the DSL (" +
                                                      dsl_module + "); flowc cannot compile a class derived from it");
      std::vector<std::string> kinds(std::begin(kKinds), std::end(kKinds));
      std::string near = closest(name, kinds);
      if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
      suggest_fix(d, tree.span(b), name, near, /*at_end=*/true);
      if (near.empty()) d.notes.push_back({"workflow classes derive from " + kinds_list(), std::nullopt});
      out.failed = true;
      continue;
    }
    if (!is(b, "identifier")) {
      if (dsl_looking(text)) unresolved.push_back({b, "'" + text + "' is not a class flowc knows"});
      continue;
    }
    // A base class imported from another file of the tree.
    auto [module, name] = lookup.names.import_origin(text);
    if (module.empty()) {
      if (!lookup.names.is_imported(text) && dsl_looking(text))
        unresolved.push_back({b, "'" + text + "' is neither imported nor defined in this file"});
      continue;
    }
    std::string file = lookup.loader ? lookup.loader->module_file(module) : "";
    if (file.empty()) {
      if (!looks_like_workflow && !dsl_looking(text)) continue;  // a third-party base of an unrelated class
      std::string why = "'" + text + "' is imported from '" + module + "', ";
      if (!lookup.loader || !lookup.loader->reads_files())
        why += "and a compiled string reads no other files: compile the file itself";
      else
        why += "which flowc cannot find in the compiled tree (a module beside the compiled file, or a package "
               "folder with __init__.py)";
      unresolved.push_back({b, why});
      continue;
    }
    size_t errors = sink.error_count();
    if (const Workflow* base = lookup.loader->load_class(module, name, tree.span(b), sink)) {
      out.bases.push_back(base);
      if (!out.kind) out.kind = base->kind;
    } else if (sink.error_count() == errors && (looks_like_workflow || dsl_looking(text))) {
      unresolved.push_back({b, "'" + text + "' is imported from '" + file + "', which has no workflow class '" +
                                   name + "'"});
    } else if (sink.error_count() != errors) {
      out.failed = true;  // reported while reading that file
    }
  }
  if (!out.kind && !out.failed) {
    for (auto& u : unresolved) {
      sink.error("E0217", tree.span(u.node), "cannot tell whether class '" +
                                                 std::string(tree.text(field(cls, "name"))) +
                                                 "' is a workflow: base class " + u.why)
          .notes.push_back({"a workflow class derives from " + kinds_list() +
                                ", or from a workflow class of the compiled tree",
                            std::nullopt});
      out.failed = true;
    }
  }
  return out;
}

}  // namespace flowc

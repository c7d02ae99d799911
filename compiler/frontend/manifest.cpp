#include "frontend/manifest.h"

namespace flowc {

void read_manifest_class(Workflow& wf, TSNode body, const Env& module_env, Evaluator& eval, const SyntaxTree& tree,
                         DiagnosticSink& sink) {
  bool found = false;
  for (uint32_t i = 0; i < ts_node_named_child_count(body); ++i) {
    TSNode st = ts_node_named_child(body, i);
    if (is(st, "comment") || (is(st, "expression_statement") && ts_node_named_child_count(st) == 1 &&
                              is(ts_node_named_child(st, 0), "string")))
      continue;  // comments and docstrings
    TSNode assign = is(st, "expression_statement") ? ts_node_named_child(st, 0) : TSNode{};
    TSNode left = ts_node_is_null(assign) || !is(assign, "assignment") ? TSNode{} : ts_node_child_by_field_name(assign, "left", 4);
    if (ts_node_is_null(left) || tree.text(left) != "manifest" || found) {
      sink.error("E1032", tree.span(st), "a Manifest class holds one statement: manifest = {...}");
      continue;
    }
    found = true;
    auto v = eval.eval(ts_node_child_by_field_name(assign, "right", 5), module_env);
    if (!v) continue;  // reported
    if (!v->is_dict() || !v->get("apiVersion") || !v->get("kind")) {
      sink.error("E1031", v->span, "manifest must be a dict with the document's apiVersion and kind");
      continue;
    }
    wf.manifest = std::move(*v);
  }
  if (!found) sink.error("E1031", wf.span, "Manifest class '" + wf.class_name + "' has no manifest = {...}");
}

}  // namespace flowc

// {{variables}}: what a field may name, loops' items, tasks' and steps' outputs, hooks.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

// Argo's resolveAllVariables over every string (and key) of `node`.
void Validator::check_vars(const J& node, std::string& ptr, const Scope& scope, const Extra* extra, Base& base, const std::string& where) {
  if (node.is_string()) {
    check_text(node.get_ref<const std::string&>(), ptr, scope, extra, base, where);
  } else if (node.is_array()) {
    size_t n = ptr.size();
    for (size_t i = 0; i < node.size(); ++i) {
      ptr += "/" + std::to_string(i);
      check_vars(node[i], ptr, scope, extra, base, where);
      ptr.resize(n);
    }
  } else if (node.is_object()) {
    size_t n = ptr.size();
    for (auto it = node.begin(); it != node.end(); ++it) {
      ptr += pointer_token(it.key());
      if (it.key().find("{{") != std::string::npos) check_text(it.key(), ptr, scope, extra, base, where);
      check_vars(it.value(), ptr, scope, extra, base, where);
      ptr.resize(n);
    }
  }
}

void Validator::check_text(const std::string& s, const std::string& ptr, const Scope& scope, const Extra* extra, Base& base, const std::string& where) {
  size_t pos = 0;
  while ((pos = s.find("{{", pos)) != std::string::npos) {
    size_t end = s.find("}}", pos + 2);
    if (end == std::string::npos) return;  // no closing braces: plain text to Argo's template engine
    std::string raw = s.substr(pos + 2, end - pos - 2);
    std::string tag(trim(raw));
    pos = end + 2;
    if (!resolves(tag, scope, extra)) {
      // Argo names the variable as written, spaces and all (validate.go:750).
      std::string msg = where + ": failed to resolve {{" + raw + "}}";
      if (tag == "item" || tag.starts_with("item.")) msg += " (only a task or step with withItems, withParam or withSequence has an item)";
      else if (tag.starts_with("tasks.")) msg += " (tasks.X is known in a DAG task, for X an ancestor of the task when it asks for its status)";
      // validate.go:1002-1004: X's own hooks see X's outputs only when X has an exit hook.
      else if (tag.starts_with("steps.") && ptr.find("/hooks/") != std::string::npos)
        msg += " (steps.X is known in a step of a later group than X's, and in X's own hooks only when X has an exit hook)";
      else if (tag.starts_with("steps.")) msg += " (steps.X is known in a step of a later group than X's)";
      else if (tag == "retries" || tag.starts_with("lastRetry.")) msg += " (only a template with a retryStrategy has retries)";
      report("E0705", ptr, msg, &base);
    }
  }
}

bool Validator::resolves(const std::string& tag, const Scope& scope, const Extra* extra) const {
  if (tag.starts_with("=")) return true;  // an expression, evaluated by Argo at run time
  static const char* const checked[] = {"item.", "steps.", "inputs.", "outputs.", "pod.", "workflow.", "tasks.", "lastRetry."};
  bool check = tag == "item" || tag == "retries";
  for (const char* p : checked) check = check || tag.starts_with(p);
  if (!check) return true;  // a variable Argo does not check (custom, node.name, ...)
  if (scope.keys.count(tag) || globals_.count(tag)) return true;
  if ((tag.starts_with("tasks.") || tag.starts_with("steps.")) && node_resolves(tag, scope)) return true;
  if (extra && (*extra)(tag)) return true;
  if ((tag == "item" || tag.starts_with("item.")) && scope.any_item) return true;
  if (tag.starts_with("workflow.outputs.parameters.") && any_wf_out_params_) return true;
  if (tag.starts_with("workflow.outputs.artifacts.") && any_wf_out_artifacts_) return true;
  if (tag.starts_with("outputs.")) return true;  // a template's own outputs (metrics)
  for (const char* p : {"workflow.creationTimestamp", "workflow.scheduledTime", "workflow.duration", "tasks.name",
                        "steps.name", "node.name"})
    if (tag.starts_with(p)) return true;
  if (wft_ && tag.starts_with("workflow.parameters")) return true;  // given by the workflow that uses the template
  return false;
}

// Argo's addItemsToScope.
bool Validator::add_items(const J& task, const std::string& tp, Scope& scope, Base& base, const std::string& label) {
  const J* items = get(task, "withItems");
  bool param = nonempty(task, "withParam");
  const J* seq = get(task, "withSequence");
  int defined = (length(items) > 0) + param + (seq != nullptr);
  if (defined > 1) {
    report("E0718", tp, label + " only one of withItems, withParam, withSequence can be specified", &base);
    return false;
  }
  if (length(items) > 0) {
    for (size_t i = 0; i < items->size(); ++i) {
      const J& it = (*items)[i];
      if (it.is_null()) {  // addItemsToScope (validate.go:1074-1076): not a string, number, bool, list or map
        report("E0718", tp + "/withItems/" + std::to_string(i), label + " unsupported withItems type: null", &base);
        return false;
      }
      if (it.is_object())
        for (auto kv = it.begin(); kv != it.end(); ++kv) scope.keys.insert("item." + kv.key());
      else if (it.is_array())
        for (size_t k = 0; k < it.size(); ++k) scope.keys.insert("item.[" + std::to_string(k) + "]");
      else scope.keys.insert("item");
    }
  } else if (param) {
    scope.keys.insert("item");
    scope.any_item = true;
  } else if (seq) {
    if (get(seq, "count") && get(seq, "end")) {
      report("E0718", tp + "/withSequence", label + " only one of count or end can be defined in withSequence", &base);
      return false;
    }
    scope.keys.insert("item");
  }
  return true;
}

// Argo's addOutputsToScope: what {{tasks.X...}} / {{steps.X...}} may name (see node_resolves).
void Validator::add_outputs(const J* tmpl, const char* kind, const std::string& name, Scope& scope, bool aggregate) {
  NodeRef& n = scope.nodes[std::string(kind) + "." + name];
  n.tmpl = tmpl;
  n.unknown = tmpl == nullptr;
  n.aggregate = n.aggregate || aggregate;
}

void Validator::check_hooks(const J* hooks, const std::string& ptr, const std::string& label, Base& base) {
  if (!hooks || !hooks->is_object()) return;
  for (auto it = hooks->begin(); it != hooks->end(); ++it) {
    std::string hp = ptr + pointer_token(it.key());
    if (it.key() != "exit" && !nonempty(it.value(), "expression"))
      report("E0719", hp, label + "." + it.key() + " Expression required", &base);
    if (it.value().is_object() && (get(it.value(), "template") || get(it.value(), "templateRef")))
      holder_template(it.value(), hp, base, Args{get(it.value(), "arguments") ? get(it.value(), "arguments") : &kEmptyArgs},
                      label + "." + it.key());
  }
}

}  // namespace flowc::validation

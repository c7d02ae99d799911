#include "frontend/template_call.h"

#include <algorithm>

namespace flowc {

namespace {

bool is_task_param(const std::vector<std::string>& params, const std::string& name) {
  return std::find(params.begin(), params.end(), name) != params.end();
}

// The argument's value as a parameter or artifact item (no name yet).
std::optional<Value> argument_item(const Value& v, bool& artifact) {
  Value item = Value::dict(v.span);
  artifact = v.is_dict() && v.model == "V1alpha1Artifact";
  if (artifact) {
    for (auto& [k, x] : v.fields)
      if (k != "name") item.set(k, x);
    return item;
  }
  item.set("value", v);
  return item;
}

}  // namespace

std::string param_name(const SyntaxTree& tree, TSNode p) {
  if (is(p, "identifier")) return std::string(tree.text(p));
  if (is(p, "default_parameter") || is(p, "typed_default_parameter")) return std::string(tree.text(field(p, "name")));
  if (is(p, "typed_parameter") && named_count(p) > 0 && is(named_child(p, 0), "identifier"))
    return std::string(tree.text(named_child(p, 0)));
  return "";
}

std::vector<std::string> template_params(const SyntaxTree& tree, TSNode def, bool method) {
  std::vector<std::string> out;
  TSNode params = field(def, "parameters");
  for (uint32_t i = 0; i < named_count(params); ++i) {
    TSNode p = named_child(params, i);
    if (is(p, "comment") || is(p, "positional_separator")) continue;
    if (is(p, "list_splat_pattern") || is(p, "keyword_separator") || is(p, "dictionary_splat_pattern")) break;
    std::string name = param_name(tree, p);
    if (name.empty()) break;
    if (method && i == 0 && name == "self") continue;
    out.push_back(name);
  }
  return out;
}

bool read_call_arguments(const SyntaxTree& tree, TSNode call, const std::vector<std::string>& task_params,
                         const Env& local, Evaluator& eval, Checker& checker, DiagnosticSink& sink, Task& task) {
  TSNode args = field(call, "arguments");
  size_t position = 0;
  task.call_parameters_at = task.parameters.items.size();
  task.call_artifacts_at = task.artifacts.items.size();
  for (uint32_t i = 0; i < named_count(args); ++i) {
    TSNode a = named_child(args, i);
    if (is(a, "comment")) continue;
    if (is(a, "list_splat") || is(a, "dictionary_splat")) {
      sink.error("E0202", tree.span(a),
                 "flowc cannot unpack '" + std::string(tree.text(a)) + "' statically; pass each template argument: self." +
                     task.template_name + "(name=value)");
      return false;
    }
    bool keyword = is(a, "keyword_argument");
    TSNode val = keyword ? field(a, "value") : a;
    std::string key = keyword ? std::string(tree.text(field(a, "name"))) : "";
    if (keyword) task.keywords.push_back(key);
    std::string forwarded = is(val, "identifier") && is_task_param(task_params, std::string(tree.text(val)))
                                ? std::string(tree.text(val))
                                : "";
    if (!keyword) {
      PositionalArgument p;
      p.span = tree.span(a);
      p.forwarded = forwarded;
      if (forwarded.empty()) {
        auto v = eval.eval(val, local);
        if (!v) return false;
        auto item = argument_item(*v, p.artifact);
        if (!p.artifact) {
          Value checked = *item;
          checked.set("name", Value::of_string("x"));
          if (!checker.check(checked, "V1alpha1Parameter", "positional argument " + std::to_string(position + 1)))
            return false;
        }
        p.item = std::move(*item);
      }
      task.positional.push_back(std::move(p));
      ++position;
      continue;
    }
    if (!forwarded.empty()) continue;
    auto v = eval.eval(val, local);
    if (!v) return false;
    bool artifact = false;
    Value item = Value::dict(v->span);
    item.set("name", Value::of_string(key, tree.span(field(a, "name"))));
    Value made = *argument_item(*v, artifact);
    for (auto& [k, x] : made.fields) item.set(k, x);
    if (artifact) {
      task.artifacts.items.push_back(std::move(item));
      continue;
    }
    Value checked = item;
    if (!checker.check(checked, "V1alpha1Parameter", "argument '" + key + "'")) return false;
    task.parameters.items.push_back(std::move(item));
  }
  return true;
}

}  // namespace flowc

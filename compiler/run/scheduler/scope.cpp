// The scheduler (run/scheduler.h), part: steps/DAG outputs and a finished step/task's scope entries.
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

std::string Scheduler::Impl::artifact_from_expression(const std::string& expression, Frame& frame, std::string& key) {
  static const char* kMarker = "\x01flowc-artifact";
  Scope scope = frame.vars;
  for (auto& [k, host] : frame.artifacts) {
    size_t dot = k.rfind('.');
    scope[k] = json{{"name", dot == std::string::npos ? k : k.substr(dot + 1)}, {kMarker, k}};
  }
  ExprResult r = evaluate_expr(expression, expr_env(scope));
  if (!r.ok) return r.error;
  if (!r.value.is_object() || !r.value.contains(kMarker))
    return "Variable {{" + expression + "}} is not an artifact";
  key = r.value[kMarker].get<std::string>();
  return {};
}

std::string Scheduler::Impl::template_outputs(const std::string& id, const ojson& tmpl, Frame& frame) {
  if (!tmpl.contains("outputs")) return {};
  const ojson& o = tmpl["outputs"];
  ojson outputs = ojson::object();
  if (o.contains("parameters")) {
    ojson params = ojson::array();
    for (auto& p : o["parameters"]) {
      std::optional<std::string> value;
      ojson vf = p.value("valueFrom", ojson::object());
      if (vf.contains("parameter")) {
        Substitution sub;
        std::string v = substitute(str(vf, "parameter"), frame.vars, false, sub);
        if (!sub.ok) {
          if (vf.contains("default")) v = str(vf, "default");
          else return sub.error;
        }
        value = v;
      } else if (vf.contains("expression")) {
        ExprResult r = evaluate_expr(str(vf, "expression"), expr_env(frame.vars));
        if (!r.ok) {
          if (vf.contains("default")) value = str(vf, "default");
          else return r.error;
        } else {
          value = go_value_text(r.value);  // wfv1.AnyStringPtr: fmt %v
        }
      } else if (p.contains("value")) {
        Substitution sub;
        value = substitute(str(p, "value"), frame.vars, false, sub);
      }
      params.push_back(output_parameter(p, value));
    }
    outputs["parameters"] = params;
  }
  if (o.contains("artifacts")) {
    ojson arts = ojson::array();
    for (auto& a : o["artifacts"]) {
      std::string name = str(a, "name");
      std::string from = str(a, "from");
      std::string key;
      if (a.contains("fromExpression")) {
        std::string err = artifact_from_expression(str(a, "fromExpression"), frame, key);
        if (!err.empty()) return err;
        from = str(a, "fromExpression");
      } else {
        size_t b = from.find("{{"), e = from.rfind("}}");
        key = b != std::string::npos && e != std::string::npos ? from.substr(b + 2, e - b - 2) : from;
        key.erase(0, key.find_first_not_of(' '));
        key.erase(key.find_last_not_of(' ') + 1);
      }
      auto it = frame.artifacts.find(key);
      if (it == frame.artifacts.end()) {
        if (a.value("optional", false)) continue;
        return "Unable to resolve: " + from;
      }
      arts.push_back(output_artifact(a, it->second, false));
    }
    if (!arts.empty()) outputs["artifacts"] = arts;
  }
  status.update(id, [&](Node& n) { n.outputs = outputs; });
  return {};
}

void Scheduler::Impl::add_node_scope(Frame& frame, const std::string& prefix, const Node& n) {
  frame.vars[prefix + ".id"] = n.id;
  if (!n.pod_ip.empty()) frame.vars[prefix + ".ip"] = n.pod_ip;
  frame.vars[prefix + ".status"] = std::string(phase_name(n.phase));
  if (n.started_at) frame.vars[prefix + ".startedAt"] = rfc3339(*n.started_at);
  if (n.finished_at) frame.vars[prefix + ".finishedAt"] = rfc3339(*n.finished_at);
  if (!n.outputs.is_object()) return;
  if (n.outputs.contains("exitCode")) frame.vars[prefix + ".exitCode"] = str(n.outputs, "exitCode");
  if (n.outputs.contains("result")) frame.vars[prefix + ".outputs.result"] = str(n.outputs, "result");
  if (n.outputs.contains("parameters"))
    for (auto& p : n.outputs["parameters"])
      if (p.contains("value")) frame.vars[prefix + ".outputs.parameters." + str(p, "name")] = str(p, "value");
  if (n.outputs.contains("artifacts"))
    for (auto& a : n.outputs["artifacts"])
      if (a.contains("localPath")) frame.artifacts[prefix + ".outputs.artifacts." + str(a, "name")] = str(a, "localPath");
}

void Scheduler::Impl::add_aggregate_scope(Frame& frame, const std::string& prefix, const std::vector<std::string>& child_ids) {
  json results = json::array();
  json param_list = json::array();
  std::map<std::string, json> value_lists;
  for (auto& cid : child_ids) {
    Node n = status.get(cid);
    if (!n.outputs.is_object() || n.outputs.empty() || n.phase != Phase::Succeeded) continue;
    if (n.outputs.contains("parameters") && !n.outputs["parameters"].empty()) {
      json param = json::object();
      for (auto& p : n.outputs["parameters"]) {
        std::string v = str(p, "value");
        param[str(p, "name")] = v;
        auto& list = value_lists[str(p, "name")];
        if (list.is_null()) list = json::array();
        list.push_back(v);
      }
      param_list.push_back(param);
    }
    if (n.outputs.contains("result")) {
      // "Support the case where item may be a map": a result that is JSON
      // is kept as that value, else as a string.
      std::string r = str(n.outputs, "result");
      json item;
      try {
        item = json::parse(r);
      } catch (...) {
        item = r;
      }
      results.push_back(item);
    }
  }
  frame.vars[prefix + ".outputs.result"] = go_json(results);
  frame.vars[prefix + ".outputs.parameters"] = go_json(param_list);
  for (auto& [name, list] : value_lists) frame.vars[prefix + ".outputs.parameters." + name] = go_json(list);
}

}  // namespace flowc::run

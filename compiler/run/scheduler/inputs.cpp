// The scheduler (run/scheduler.h), part: a template's inputs from its arguments (common.ProcessArgs), input artifacts.
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

std::string Scheduler::Impl::bind_inputs(const ojson& tmpl, const ojson& arguments, Frame& caller, Frame& frame, ojson& inputs_out) {
  ojson in = tmpl.value("inputs", ojson::object());
  ojson params_out = ojson::array();
  json params_json = json::array();
  auto arg_param = [&](const std::string& name) -> const ojson* {
    if (!arguments.contains("parameters")) return nullptr;
    for (auto& p : arguments["parameters"])
      if (str(p, "name") == name) return &p;
    return nullptr;
  };
  if (in.contains("parameters"))
    for (auto& p : in["parameters"]) {
      std::string name = str(p, "name");
      std::optional<std::string> value;
      if (const ojson* a = arg_param(name)) {
        if (a->contains("value")) value = str(*a, "value");
      }
      if (!value && p.contains("value")) value = str(p, "value");
      if (!value && p.contains("default")) value = str(p, "default");
      if (!value && p.contains("valueFrom")) {
        const ojson& vf = p["valueFrom"];
        if (vf.contains("configMapKeyRef")) {
          // common.ProcessArgs: the ConfigMap's value (--configmap), its
          // default when not given (the plan refused the rest).
          auto cm = plan.config_maps.find(str(vf["configMapKeyRef"], "name") + "/" + str(vf["configMapKeyRef"], "key"));
          if (cm != plan.config_maps.end()) value = cm->second;
          else if (vf.contains("default")) value = str(vf, "default");
        } else if (vf.contains("expression")) {
          ExprResult r = evaluate_expr(str(vf, "expression"), expr_env(frame.vars));
          if (!r.ok) return r.error;
          value = go_value_text(r.value);  // wfv1.AnyStringPtr: fmt %v
        } else if (vf.contains("default")) {
          value = str(vf, "default");
        }
      }
      if (!value) return "inputs.parameters." + name + " was not supplied";  // common.ProcessArgs
      if (p.contains("enum") && p["enum"].is_array()) {
        bool found = false;
        for (auto& e : p["enum"]) found = found || value_text(json::parse(e.dump())) == *value;
        if (!found) return "inputs.parameters." + name + " value '" + *value + "' is not in its enum";
      }
      Substitution sub;
      *value = substitute(*value, frame.vars, true, sub);
      frame.vars["inputs.parameters." + name] = *value;
      params_out.push_back({{"name", name}, {"value", *value}});
      params_json.push_back({{"name", name}, {"value", *value}});
    }
  if (!params_json.empty()) frame.vars["inputs.parameters"] = go_json(params_json);
  ojson arts_out = ojson::array();
  if (in.contains("artifacts"))
    for (auto& a : in["artifacts"]) {
      std::string name = str(a, "name");
      const ojson* arg = nullptr;
      if (arguments.contains("artifacts"))
        for (auto& x : arguments["artifacts"])
          if (str(x, "name") == name) arg = &x;
      std::string host;
      std::string err = resolve_artifact(a, arg, caller, host);
      if (!err.empty()) return err;
      ojson shown = {{"name", name}};
      if (a.contains("path")) shown["path"] = a["path"];
      if (host.empty()) {
        if (!a.value("optional", false)) return "inputs.artifacts." + name + " was not supplied";
      } else {
        shown["localPath"] = host;
        frame.artifacts["inputs.artifacts." + name] = host;
      }
      if (a.contains("path")) frame.vars["inputs.artifacts." + name + ".path"] = str(a, "path");
      arts_out.push_back(shown);
    }
  ojson inputs = ojson::object();
  if (!params_out.empty()) inputs["parameters"] = params_out;
  if (!arts_out.empty()) inputs["artifacts"] = arts_out;
  inputs_out = inputs;
  return {};
}

std::string Scheduler::Impl::sub_path(const ojson& src, const std::string& name, std::string& host) {
  std::string sp = src.contains("subPath") ? src["subPath"].get<std::string>() : "";
  if (sp.empty()) return {};
  fs::path rel = fs::path(sp).lexically_normal();
  if (rel.is_absolute() || (!rel.empty() && *rel.begin() == ".."))
    return "input artifact '" + name + "': subPath '" + sp + "' leaves the artifact";
  fs::path p = fs::path(host) / rel;
  std::error_code ec;
  if (!fs::exists(p, ec)) return "input artifact '" + name + "': subPath '" + sp + "' is not in the artifact";
  host = p.string();
  return {};
}

std::string Scheduler::Impl::resolve_artifact(const ojson& decl, const ojson* arg, Frame& caller, std::string& host) {
  const ojson& src = arg ? *arg : decl;
  std::string name = str(decl, "name");
  auto mapped = plan.artifacts.find(name);
  if (mapped != plan.artifacts.end()) {
    host = fs::absolute(mapped->second).string();
    return {};
  }
  if (src.contains("fromExpression"))
    return "input artifact '" + name + "': fromExpression is not supported by flowc run";
  if (src.contains("from")) {
    std::string ref = str(src, "from");
    size_t b = ref.find("{{"), e = ref.rfind("}}");
    std::string key = b != std::string::npos && e != std::string::npos ? ref.substr(b + 2, e - b - 2) : ref;
    key.erase(0, key.find_first_not_of(' '));
    key.erase(key.find_last_not_of(' ') + 1);
    auto it = caller.artifacts.find(key);
    if (it != caller.artifacts.end()) {
      host = it->second;
      return sub_path(src, name, host);
    }
    std::string gprefix = "workflow.outputs.artifacts.";
    if (key.rfind(gprefix, 0) == 0) {
      std::lock_guard<std::mutex> lock(globals_mu);
      auto g = global_artifacts.find(key.substr(gprefix.size()));
      if (g != global_artifacts.end()) {
        host = g->second;
        return sub_path(src, name, host);
      }
    }
    if (decl.value("optional", false) || src.value("optional", false)) return {};
    return "Unable to resolve: " + ref;
  }
  if (src.contains("raw")) {
    Substitution sub;
    std::string data = substitute(str(src["raw"], "data"), caller.vars, false, sub);
    if (!sub.ok) return sub.error;
    fs::path dir = fs::path(options.work_dir) / "raw";
    fs::create_directories(dir);
    static std::atomic<int> counter{0};
    fs::path file = dir / (name + "-" + std::to_string(counter++));
    std::ofstream(file, std::ios::binary) << data;
    host = file.string();
    return {};
  }
  for (const char* remote : {"s3", "gcs", "git", "http", "artifactory", "hdfs", "oss", "azure"})
    if (src.contains(remote))
      return "input artifact '" + name + "' is in a remote " + remote +
             " location flowc run cannot reach; map a local file to it with --artifact " + name + "=PATH";
  return {};
}

}  // namespace flowc::run

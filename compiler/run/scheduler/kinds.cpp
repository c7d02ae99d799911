// The scheduler (run/scheduler.h), part: the template kinds that run no pod process of their own: dispatch, data, suspend, http.
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

void Scheduler::Impl::run_kind(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                               Frame& frame, Deadline deadline, const std::string&) {
  std::string kind = template_kind(tmpl);
  frame.vars["pod.name"] = pod_name(node_name, tmpl.value("name", ""));
  if (kind == "steps") run_steps(id, node_name, tmpl, base, frame, deadline);
  else if (kind == "dag") run_dag(id, node_name, tmpl, base, frame, deadline);
  if (kind == "steps" || kind == "dag") kill_daemons(id);
  else if (kind == "suspend") run_suspend(id, tmpl, frame, deadline);
  else if (kind == "container" || kind == "script" || kind == "containerSet") run_pod(id, node_name, tmpl, frame, deadline);
  else if (kind == "data") run_data(id, tmpl, frame);
  else if (kind == "http") run_http(id, tmpl, frame, deadline);
  else status.mark(id, Phase::Error, "flowc run cannot run a '" + kind + "' template");
  if (kind == "steps" || kind == "dag") {
    Node n = status.get(id);
    if (n.phase == Phase::Succeeded) {
      std::string err = template_outputs(id, tmpl, frame);
      if (!err.empty()) status.mark(id, Phase::Error, err);
    }
  }
  publish_globals(id, tmpl);
}

void Scheduler::Impl::run_data(const std::string& id, const ojson& tmpl_in, Frame& frame) {
  Substitution sub;
  ojson tmpl = substitute_tree(tmpl_in, frame.vars, false, sub);
  if (!sub.ok) {
    status.mark(id, Phase::Error, sub.error);
    return;
  }
  DataOutcome d = run_data_template(tmpl["data"], plan.artifacts);
  if (!d.ok) {
    status.mark(id, Phase::Error, d.error);
    return;
  }
  status.update(id, [&](Node& n) { n.outputs = {{"result", d.result}}; });
  status.mark(id, Phase::Succeeded);
}

void Scheduler::Impl::publish_globals(const std::string& id, const ojson& tmpl) {
  if (!tmpl.contains("outputs")) return;
  Node n = status.get(id);
  if (!n.outputs.is_object()) return;
  std::lock_guard<std::mutex> lock(globals_mu);
  const ojson& decl = tmpl["outputs"];
  if (decl.contains("parameters") && n.outputs.contains("parameters"))
    for (auto& p : decl["parameters"]) {
      std::string g = str(p, "globalName");
      if (g.empty()) continue;
      for (auto& o : n.outputs["parameters"])
        if (str(o, "name") == str(p, "name") && o.contains("value")) globals["workflow.outputs.parameters." + g] = str(o, "value");
    }
  if (decl.contains("artifacts") && n.outputs.contains("artifacts"))
    for (auto& a : decl["artifacts"]) {
      std::string g = str(a, "globalName");
      if (g.empty()) continue;
      for (auto& o : n.outputs["artifacts"])
        if (str(o, "name") == str(a, "name") && o.contains("localPath")) global_artifacts[g] = str(o, "localPath");
    }
}

void Scheduler::Impl::run_suspend(const std::string& id, const ojson& tmpl, Frame& frame, Deadline deadline) {
  const ojson& s = tmpl["suspend"];
  Substitution sub;
  std::string duration = s.contains("duration") ? value_text(json::parse(substitute_tree(s["duration"], frame.vars, false, sub).dump())) : "";
  ojson outputs = ojson::object();
  auto supplied_outputs = [&](std::string& err) {
    ojson params = ojson::array();
    if (tmpl.contains("outputs") && tmpl["outputs"].contains("parameters"))
      for (auto& p : tmpl["outputs"]["parameters"]) {
        std::string name = str(p, "name");
        ojson vf = p.value("valueFrom", ojson::object());
        auto it = plan.supplied.find(name);
        if (it != plan.supplied.end()) params.push_back({{"name", name}, {"value", it->second}, {"valueFrom", vf}});
        else if (vf.contains("default")) params.push_back({{"name", name}, {"value", str(vf, "default")}, {"valueFrom", vf}});
        else if (vf.contains("supplied")) err = "the suspend node's output parameter '" + name + "' has no supplied value (pass -p " + name + "=VALUE with --resume)";
      }
    if (!params.empty()) outputs["parameters"] = params;
  };
  if (!duration.empty()) {
    auto d = parse_duration(duration);
    if (!d) {
      status.mark(id, Phase::Error, "cannot read the suspend duration '" + duration + "'");
      return;
    }
    sleep_unless_stopped(*d, deadline);
    if (stop || deadline_passed(deadline)) {
      status.mark(id, Phase::Failed, stop ? stop_message : "Step exceeded its deadline");
      return;
    }
    std::string err;
    supplied_outputs(err);
    status.update(id, [&](Node& n) { n.outputs = outputs; });
    status.mark(id, Phase::Succeeded);
    return;
  }
  if (!plan.resume) {
    status.mark(id, Phase::Failed,
                "suspended indefinitely: flowc run cannot wait for `argo resume`; pass --resume (with -p NAME=VALUE "
                "for supplied output parameters) to resume it");
    return;
  }
  std::string err;
  supplied_outputs(err);
  if (!err.empty()) {
    status.mark(id, Phase::Failed, err);
    return;
  }
  status.update(id, [&](Node& n) { n.outputs = outputs; });
  status.mark(id, Phase::Succeeded, "resumed by flowc run --resume");
}

void Scheduler::Impl::run_http(const std::string& id, const ojson& tmpl_in, Frame& frame, Deadline deadline) {
  Substitution sub;
  ojson tmpl = substitute_tree(tmpl_in, frame.vars, false, sub);
  if (!sub.ok) {
    status.mark(id, Phase::Error, sub.error);
    return;
  }
  const ojson& http = tmpl["http"];
  std::string why = local_url_problem(str(http, "url"));
  if (!why.empty()) {  // (the plan refused what it could see; this is what substitution made)
    status.mark(id, Phase::Error, "flowc run sends http requests only to this machine: " + why);
    return;
  }
  ProcessSpec spec;
  spec.node_id = id;
  spec.argv = http_agent_argv(python_argv0("python3"), http);
  if (http.contains("timeoutSeconds") && http["timeoutSeconds"].is_number())
    spec.deadline = std::chrono::seconds(http["timeoutSeconds"].get<int64_t>());
  if (deadline) {
    auto left = std::max(std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - SteadyClock::now()),
                         std::chrono::milliseconds(1));
    if (!spec.deadline || left < *spec.deadline) spec.deadline = left;
  }
  ProcessResult r = executor.run(spec, stop_flag(), {});
  Phase phase = Phase::Failed;
  std::string message;
  ojson outputs = ojson::object();
  http_node_result(http, r, phase, message, outputs);
  if (phase != Phase::Succeeded && r.timed_out && deadline && deadline_passed(deadline))
    message = "Step exceeded its deadline";
  status.update(id, [&](Node& n) { n.outputs = outputs; });
  status.mark(id, phase, message);
}

}  // namespace flowc::run

// The scheduler (run/scheduler.h), part: a pod: container, script, containerSet.
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

std::string Scheduler::Impl::python_argv0(const std::string& cmd) {
  if ((cmd == "python" || cmd == "python3") && !options.python.empty()) return options.python;
  return cmd;
}

void Scheduler::Impl::run_pod(const std::string& id, const std::string& node_name, const ojson& tmpl_in, Frame& frame, Deadline deadline) {
  // operator.go executeContainer/executeScript -> the template substituted
  // with its inputs (common.SubstituteParams), strictly: an unresolved
  // {{...}} is an error, never a literal argument.
  // common: {{outputs.parameters.X.path}} / {{outputs.artifacts.X.path}}.
  if (tmpl_in.contains("outputs")) {
    const ojson& o = tmpl_in["outputs"];
    if (o.contains("artifacts"))
      for (auto& a : o["artifacts"])
        if (a.contains("path")) frame.vars["outputs.artifacts." + str(a, "name") + ".path"] = str(a, "path");
    if (o.contains("parameters"))
      for (auto& p : o["parameters"])
        if (p.contains("valueFrom") && p["valueFrom"].contains("path"))
          frame.vars["outputs.parameters." + str(p, "name") + ".path"] = str(p["valueFrom"], "path");
  }
  Substitution sub;
  ojson tmpl = substitute_tree(tmpl_in, frame.vars, false, sub);
  if (!sub.ok) {
    status.mark(id, Phase::Error, sub.error);
    return;
  }
  if (stop || deadline_passed(deadline)) {
    status.mark(id, Phase::Failed, stop ? stop_message : "Step exceeded its deadline");
    return;
  }
  std::string kind = template_kind(tmpl);
  fs::path node_dir = fs::path(options.work_dir) / "nodes" / id;

  std::vector<PlacedFile> inputs;
  if (tmpl.contains("inputs") && tmpl["inputs"].contains("artifacts"))
    for (auto& a : tmpl["inputs"]["artifacts"]) {
      auto it = frame.artifacts.find("inputs.artifacts." + str(a, "name"));
      if (it != frame.artifacts.end() && a.contains("path")) inputs.push_back({str(a, "path"), it->second});
    }
  std::vector<std::string> out_paths;
  if (tmpl.contains("outputs")) {
    const ojson& o = tmpl["outputs"];
    if (o.contains("parameters"))
      for (auto& p : o["parameters"])
        if (p.contains("valueFrom") && p["valueFrom"].contains("path")) out_paths.push_back(str(p["valueFrom"], "path"));
    if (o.contains("artifacts"))
      for (auto& a : o["artifacts"])
        if (a.contains("path")) out_paths.push_back(str(a, "path"));
  }

  std::vector<ojson> containers;  // in the order they run
  containers.push_back(tmpl[kind]);
  SlotGuard slot(pods);  // spec.parallelism / --parallelism: running pods
  if (stop) {
    status.mark(id, Phase::Failed, stop_message);
    return;
  }
  if (kind == "containerSet") {
    run_container_set(id, node_name, tmpl, inputs, out_paths, node_dir, deadline);
    return;
  }
  ProcessResult main_result;
  bool have_main = false;
  Phase phase = Phase::Succeeded;
  std::string message;
  for (size_t ci = 0; ci < containers.size(); ++ci) {
    const ojson& c = containers[ci];
    ProcessSpec spec;
    spec.node_id = id;
    std::vector<std::string> argv;
    if (c.contains("command"))
      for (auto& x : c["command"]) argv.push_back(value_text(json::parse(x.dump())));
    if (!argv.empty()) argv[0] = python_argv0(argv[0]);
    std::vector<PlacedFile> placed = inputs;
    if (kind == "script") {
      // Argo places a script's source in the pod and appends its path
      // (workflow/common: ExecutorScriptSourcePath "/argo/staging/script").
      // (Straight from memory: no file on the host, docs/run.md "Speed".)
      placed.push_back({"/argo/staging/script", "", str(c, "source")});
      argv.push_back("/argo/staging/script");
    }
    if (c.contains("args"))
      for (auto& x : c["args"]) argv.push_back(value_text(json::parse(x.dump())));
    spec.argv = argv;
    if (c.contains("env"))
      for (auto& e : c["env"]) {
        if (e.contains("valueFrom")) {
          status.mark(id, Phase::Error, "env '" + str(e, "name") + "' takes its value from the cluster (valueFrom), which flowc run cannot read");
          return;
        }
        spec.env.emplace_back(str(e, "name"), str(e, "value"));
      }
    spec.env.emplace_back("ARGO_NODE_ID", id);
    spec.env.emplace_back("ARGO_WORKFLOW_NAME", status.workflow_name());
    spec.working_dir = str(c, "workingDir");
    spec.inputs = placed;
    // workflowpod.go: the pod's volumes, mounted where each container says.
    std::string volume_error;
    spec.mounts = volumes.mounts(plan.workflow["spec"], tmpl, c, id, volume_error);
    if (!volume_error.empty()) {
      status.mark(id, Phase::Error, volume_error);
      return;
    }
    {
      // The pod's initContainers and sidecars (pod_containers.h), in the main container's view.
      std::string pod_error;
      auto argv0 = [this](const std::string& cmd) { return python_argv0(cmd); };
      if (tmpl.contains("initContainers")) spec.init_containers = pod_containers(tmpl["initContainers"], argv0, pod_error);
      if (pod_error.empty() && tmpl.contains("sidecars")) spec.sidecars = pod_containers(tmpl["sidecars"], argv0, pod_error);
      if (!pod_error.empty()) {
        status.mark(id, Phase::Error, pod_error);
        return;
      }
    }
    bool is_main = true;
    if (is_main) spec.output_paths = out_paths;
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - SteadyClock::now());
      spec.deadline = std::max(left, std::chrono::milliseconds(1));
    }
    // --logs prefixes each line with the pod's name, as `argo logs` does
    // (cmd/argo/commands/logs.go: fmt.Sprintf("%s: %s", event.PodName, ...)).
    std::string pod = pod_name(node_name, tmpl.value("name", ""));
    OutputSink sink;
    if (options.on_output)
      sink = [&, pod](std::string_view chunk, bool err) { options.on_output(pod, chunk, err); };
    if (tmpl.value("daemon", false)) {
      status.update(id, [&](Node& n) { n.work_dir = node_dir.string(); });
      std::optional<ReadinessProbe> probe;
      if (c.contains("readinessProbe")) {
        std::string why = read_readiness_probe(c, probe.emplace());
        if (!why.empty()) {
          status.mark(id, Phase::Error, why);
          return;
        }
      }
      start_daemon(id, spec, sink, probe);
      return;
    }
    ProcessResult r = executor.run(spec, stop_flag(), sink);
    Phase cp = Phase::Succeeded;
    std::string cm;
    classify(r, cp, cm);
    classify_pod_containers(r, cp, cm);
    status.update(id, [&](Node& n) {
      n.stdout_path = r.stdout_path;
      n.stderr_path = r.stderr_path;
      n.work_dir = node_dir.string();
    });
    if (is_main) {
      main_result = r;
      have_main = true;
    }
    if (cp != Phase::Succeeded) {
      phase = cp;
      message = cm;
      break;
    }
  }
  finish_pod(id, tmpl, have_main ? &main_result : nullptr, phase, message);
}

// Outputs: exitCode, result (stdout), parameters from files, artifacts;
// then the node's phase. `main`: how the main container ended (none: it never ran).
void Scheduler::Impl::finish_pod(const std::string& id, const ojson& tmpl, const ProcessResult* main, Phase phase, std::string message) {
  const ProcessResult& main_result = main ? *main : ProcessResult();
  ojson outputs = ojson::object();
  // (An init container that failed: the main container never ran, no outputs.)
  if (main && !(main_result.exit_code < 0 && !main_result.pod_containers.empty())) {
    if (main_result.error.empty()) outputs["exitCode"] = std::to_string(main_result.exit_code);
    // executor.go CaptureScriptResult: stdout, one trailing newline trimmed,
    // only the last 256 kB kept.
    if (main_result.error.empty() && !main_result.stdout_path.empty())
      outputs["result"] = trim_one_newline(read_file(main_result.stdout_path, 256 * 1024, true));
    std::string out_err = collect_outputs(tmpl, main_result, outputs, phase == Phase::Succeeded);
    if (!out_err.empty() && phase == Phase::Succeeded) {
      phase = Phase::Error;
      message = out_err;
    }
  }
  // The outputs object as Argo writes it: parameters, artifacts, result, exitCode.
  ojson ordered = ojson::object();
  for (const char* k : {"parameters", "artifacts", "result", "exitCode"})
    if (outputs.contains(k)) ordered[k] = outputs[k];
  status.update(id, [&](Node& n) { n.outputs = ordered; });
  status.mark(id, phase, message);
}

const std::atomic<bool>& Scheduler::Impl::stop_flag() const { return stop; }

void Scheduler::Impl::classify(const ProcessResult& r, Phase& phase, std::string& message) {
  if (!r.error.empty()) {
    phase = Phase::Error;
    message = r.error;
  } else if (r.cancelled) {
    phase = Phase::Failed;
    message = stop_message.empty() ? "terminated" : stop_message;
  } else if (r.timed_out) {
    phase = Phase::Failed;
    message = "Pod was active on the node longer than the specified deadline";
  } else if (r.exit_code != 0) {
    phase = Phase::Failed;
    message = "Error (exit code " + std::to_string(r.exit_code) + ")";
  } else {
    phase = Phase::Succeeded;
  }
}

std::string Scheduler::Impl::collect_outputs(const ojson& tmpl, const ProcessResult& r, ojson& outputs, bool succeeded) {
  if (!tmpl.contains("outputs")) return {};
  const ojson& o = tmpl["outputs"];
  auto collected = [&](const std::string& path) -> const CollectedPath* {
    for (auto& c : r.outputs)
      if (c.container_path == path) return &c;
    return nullptr;
  };
  std::string error;
  if (o.contains("parameters")) {
    ojson params = ojson::array();
    for (auto& p : o["parameters"]) {
      std::optional<std::string> value;
      ojson vf = p.value("valueFrom", ojson::object());
      if (vf.contains("path")) {
        const CollectedPath* c = collected(str(vf, "path"));
        if (c && c->exists && !c->is_dir) value = trim_one_newline(read_file(c->host_path));
        else if (vf.contains("default")) value = str(vf, "default");
        else if (succeeded && error.empty())
          error = "open " + str(vf, "path") + ": no such file or directory";  // the executor's SaveParameters error
      } else if (p.contains("value")) {
        value = str(p, "value");
      }
      params.push_back(output_parameter(p, value));
    }
    outputs["parameters"] = params;
  }
  if (o.contains("artifacts")) {
    ojson arts = ojson::array();
    for (auto& a : o["artifacts"]) {
      const CollectedPath* c = a.contains("path") ? collected(str(a, "path")) : nullptr;
      if (!c || !c->exists) {
        if (!a.value("optional", false) && succeeded && error.empty())
          error = "failed to save outputs: open " + str(a, "path") + ": no such file or directory";
        continue;
      }
      arts.push_back(output_artifact(a, c->host_path, true));
    }
    if (!arts.empty()) outputs["artifacts"] = arts;
  }
  return error;
}


}  // namespace flowc::run

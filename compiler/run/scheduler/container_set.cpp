// The scheduler (run/scheduler.h), part: a containerSet pod, its containers
// started together as Argo starts them. Scheduler::Impl is declared in
// run/scheduler/impl.h.
//
// Argo puts every container of the set in one pod; each runs under the
// emissary (cmd/argoexec/commands/emissary.go), which first waits for the
// containers named in its `dependencies` (waitForDependencies /
// waitForDependency: each dependency's /var/run/argo/ctr/<name>/exitcode)
// and only then starts its command; a container with no dependencies starts
// at once. A dependency that exited non-zero ends the waiting container
// without running its command ("dependency %q exited with non-zero code"),
// with the emissary's default exit code 64. Here the same happens in one
// view: the host executor runs each container beside a waiting main process
// (its sidecars, executor.h PodContainer: the pod's shared filesystem, PID
// namespace and network), each wrapped in a small POSIX shell emissary that
// waits, runs the command and writes its exit code to /argo/ctr/<name>/.
#include "run/scheduler/impl.h"

namespace flowc::run {

namespace {

constexpr const char* kCtr = "/argo/ctr";

// The emissary: $1 the container's name, $2 its dependencies (space-separated),
// $3 how many times to run the command, $4 the seconds between runs, then
// its command. Waits for each dependency's exitcode (emissary.go
// waitForDependency), 64 without running when one is not 0 (emissary.go:
// exitCode := 64, returned before the command starts), else runs the command
// until it exits 0 or the runs are spent (emissary.go: retry.OnError with
// containerSet.retryStrategy's backoff), its standard output appended to a
// file for the Container node and `outputs.result` (startCommand: O_APPEND);
// the exit code is renamed into place so a waiter never reads half of it.
constexpr const char* kEmissary =
    "d=/argo/ctr/$1; deps=$2; runs=$3; pause=$4; shift 4; mkdir -p \"$d\"\n"
    "for x in $deps; do\n"
    "  until [ -e /argo/ctr/$x/exitcode ]; do sleep 0.005; done\n"
    "  c=$(cat /argo/ctr/$x/exitcode)\n"
    "  if [ \"$c\" != 0 ]; then\n"
    "    echo \"dependency \\\"$x\\\" exited with non-zero code: $c\" >&2\n"
    "    echo 64 > \"$d/code\"; mv \"$d/code\" \"$d/exitcode\"; exit 64\n"
    "  fi\n"
    "done\n"
    "while :; do\n"
    "  \"$@\" >> \"$d/stdout\"; c=$?; runs=$((runs - 1))\n"
    "  if [ $c = 0 ] || [ $runs -le 0 ]; then break; fi\n"
    "  sleep $pause\n"
    "done\n"
    "echo $c > \"$d/code\"; mv \"$d/code\" \"$d/exitcode\"; exit $c\n";

// The pod's main process: waits until every container has written its exit
// code (the pod ends when all its containers have).
constexpr const char* kWaitAll =
    "for x in \"$@\"; do until [ -e /argo/ctr/$x/exitcode ]; do sleep 0.005; done; done\n";

const CollectedPath* collected(const ProcessResult& r, const std::string& path) {
  for (auto& c : r.outputs)
    if (c.container_path == path) return &c;
  return nullptr;
}

}  // namespace

void Scheduler::Impl::run_container_set(const std::string& id, const std::string& node_name, const ojson& tmpl,
                                        const std::vector<PlacedFile>& inputs, const std::vector<std::string>& out_paths,
                                        const fs::path& node_dir, Deadline deadline) {
  const ojson& list = tmpl["containerSet"]["containers"];
  std::string error;
  auto argv0 = [this](const std::string& cmd) { return python_argv0(cmd); };
  std::vector<PodContainer> containers = pod_containers(list, argv0, error);
  if (!error.empty()) {
    status.mark(id, Phase::Error, error);
    return;
  }
  // containerSet.retryStrategy (container_set_template_types.go
  // GetRetryStrategy): wait.Backoff{Steps: retries, Duration: duration},
  // which the emissary's retry.OnError runs at most Steps times with
  // Duration between (Factor 0: constant); none: once (Steps: 1). Steps 0
  // would run nothing and report success: refused rather than guessed.
  int runs = 1;
  std::string pause = "0";
  const ojson& cs = tmpl["containerSet"];
  if (cs.contains("retryStrategy") && cs["retryStrategy"].contains("retries")) {
    const ojson& rs = cs["retryStrategy"];
    runs = rs["retries"].is_number_integer() ? rs["retries"].get<int>() : std::atoi(str(rs, "retries").c_str());
    if (runs < 1) {
      status.mark(id, Phase::Error, "containerSet.retryStrategy.retries is " + str(rs, "retries") +
                                        ": Argo's emissary would run no container at all (wait.Backoff Steps 0); flowc run refuses it");
      return;
    }
    if (rs.contains("duration")) {
      auto d = parse_duration(str(rs, "duration"));
      if (!d) {
        status.mark(id, Phase::Error, "containerSet.retryStrategy.duration \"" + str(rs, "duration") + "\" is not a duration");
        return;
      }
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(d->count()) / 1000.0);
      pause = buf;
    }
  }
  ProcessSpec spec;
  spec.node_id = id;
  spec.argv = {"/bin/sh", "-c", kWaitAll, "sh"};
  std::vector<std::string> names;
  for (size_t i = 0; i < containers.size(); ++i) {
    const ojson& c = list[i];
    std::string deps;
    if (c.contains("dependencies"))
      for (auto& d : c["dependencies"]) deps += (deps.empty() ? "" : " ") + d.get<std::string>();
    PodContainer& pc = containers[i];
    std::vector<std::string> argv = {"/bin/sh", "-c", kEmissary, "sh", pc.name, deps, std::to_string(runs), pause};
    argv.insert(argv.end(), pc.argv.begin(), pc.argv.end());
    pc.argv = std::move(argv);
    pc.env.emplace_back("ARGO_NODE_ID", id);
    pc.env.emplace_back("ARGO_WORKFLOW_NAME", status.workflow_name());
    pc.env.emplace_back("ARGO_CONTAINER_NAME", pc.name);  // (common.EnvVarContainerName)
    names.push_back(pc.name);
    spec.argv.push_back(pc.name);
    // workflowpod.go: the pod's volumes, mounted where each container says;
    // one view here, so the pod's mounts are every container's together.
    // container_set_template.go GetContainers: the set's volumeMounts are
    // appended to each container's.
    ojson with = c;
    if (cs.contains("volumeMounts") && cs["volumeMounts"].is_array())
      for (auto& vm : cs["volumeMounts"]) with["volumeMounts"].push_back(vm);
    for (VolumeMount& m : volumes.mounts(plan.workflow["spec"], tmpl, with, id, error)) {
      bool seen = false;
      for (auto& have : spec.mounts) seen = seen || have.container_path == m.container_path;
      if (!seen) spec.mounts.push_back(m);
    }
    if (!error.empty()) {
      status.mark(id, Phase::Error, error);
      return;
    }
  }
  spec.sidecars = containers;
  spec.env = {{"ARGO_NODE_ID", id}, {"ARGO_WORKFLOW_NAME", status.workflow_name()}};
  fs::path ctr = node_dir / "ctr";
  fs::create_directories(ctr);
  spec.inputs = inputs;
  spec.inputs.push_back({kCtr, ctr.string()});
  spec.output_paths = out_paths;
  for (auto& n : names)
    for (const char* f : {"/exitcode", "/stdout"}) spec.output_paths.push_back(std::string(kCtr) + "/" + n + f);
  if (deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - SteadyClock::now());
    spec.deadline = std::max(left, std::chrono::milliseconds(1));
  }

  // container_set_template.go executeContainerSet: one Container node per
  // container, "<pod>.<container>"; one with no dependencies is a child of
  // the pod's node, any other a child of each container it depends on.
  std::map<std::string, std::string> child;
  for (size_t i = 0; i < names.size(); ++i) {
    child[names[i]] = status.add_node(node_name + "." + names[i], names[i], "Container", tmpl.value("name", ""), id);
    status.mark(child[names[i]], Phase::Running);
  }
  for (size_t i = 0; i < names.size(); ++i) {
    const ojson& c = list[i];
    if (!c.contains("dependencies") || c["dependencies"].empty()) status.add_child(id, child[names[i]]);
    else
      for (auto& d : c["dependencies"]) status.add_child(child[d.get<std::string>()], child[names[i]]);
  }

  std::string pod = pod_name(node_name, tmpl.value("name", ""));
  OutputSink sink;
  if (options.on_output) sink = [&, pod](std::string_view chunk, bool err) { options.on_output(pod, chunk, err); };
  ProcessResult r = executor.run(spec, stop_flag(), sink);
  Phase pod_phase = Phase::Succeeded;
  std::string pod_message;
  classify(r, pod_phase, pod_message);
  status.update(id, [&](Node& n) { n.work_dir = node_dir.string(); });

  // Each container's end from its exitcode: 0 Succeeded, else Failed (the
  // pod's phase is Failed once any container failed: a pod with
  // restartPolicy Never whose containers have all ended, one of them
  // non-zero). A container that never wrote one (the pod was stopped or
  // timed out first) ends with the pod's message.
  std::string main = names.back();  // the container named main, else the last (outputs come from it)
  for (auto& n : names)
    if (n == "main") main = n;
  ProcessResult main_result = r;
  bool have_main = false;
  // The pod's message: operator.go inferFailedReason takes the first failed
  // main container of pod.status.containerStatuses, which the kubelet lists
  // sorted by name (kubelet_pods.go: SortedContainerStatuses); every
  // container of a containerSet is a main one (GetMainContainerNames).
  Phase phase = pod_phase;
  std::string message = pod_message;
  std::string failed_first;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    const CollectedPath* code = collected(r, std::string(kCtr) + "/" + n + "/exitcode");
    const CollectedPath* out = collected(r, std::string(kCtr) + "/" + n + "/stdout");
    std::string log;
    for (auto& pc : r.pod_containers)
      if (pc.name == n) log = pc.log_path;
    // operator.go podReconciliation, for a containerSet's containers: exit 0
    // Succeeded; 64 (the emissary's own failure: a dependency that failed, a
    // command not found) Error; any other Failed, with "%s: %s (exit code
    // %d): %s" (name, the kubelet's reason "Error", code, the termination
    // message: none here); a container still running when the pod failed
    // "Pod Failed whilst container running".
    Phase cp = Phase::Failed;
    std::string cm = "Pod Failed whilst container running";
    int exit_code = -1;
    if (code && code->exists && !code->is_dir) {
      exit_code = std::atoi(read_file(code->host_path).c_str());
      cp = exit_code == 0 ? Phase::Succeeded : exit_code == 64 ? Phase::Error : Phase::Failed;
      cm = exit_code == 0 ? "" : n + ": Error (exit code " + std::to_string(exit_code) + "): ";
    }
    status.update(child[n], [&](Node& node) {
      if (out && out->exists) node.stdout_path = out->host_path;
      node.stderr_path = log;
      if (exit_code >= 0) node.outputs = {{"exitCode", std::to_string(exit_code)}};
    });
    status.mark(child[n], cp, cm);
    if (cp != Phase::Succeeded && exit_code >= 0 && (phase == Phase::Succeeded || n < failed_first)) {
      ProcessResult one;
      one.exit_code = exit_code;
      classify(one, phase, message);
      failed_first = n;
    }
    if (n == main && exit_code >= 0) {
      have_main = true;
      main_result.exit_code = exit_code;
      main_result.stdout_path = out && out->exists ? out->host_path : "";
      main_result.stderr_path = log;
    }
  }
  status.update(id, [&](Node& n) {
    n.stdout_path = main_result.stdout_path;
    n.stderr_path = main_result.stderr_path;
  });
  finish_pod(id, tmpl, have_main ? &main_result : nullptr, phase, message);
}

}  // namespace flowc::run

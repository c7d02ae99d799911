#include "run/scheduler.h"

#include "run/scheduler/impl.h"

// The run itself, the workflow's variables and stopping. The other parts of
// Scheduler::Impl are in run/scheduler/*.cpp, one concept a file.

namespace flowc::run {

void Scheduler::Impl::init_globals() {
  const ojson& meta = plan.workflow.value("metadata", ojson::object());
  globals["workflow.name"] = status.workflow_name();
  globals["workflow.namespace"] = meta.value("namespace", "default");
  globals["workflow.serviceAccountName"] = plan.workflow["spec"].value("serviceAccountName", "default");
  std::mt19937_64 rng(std::random_device{}());
  char uid[40];
  uint64_t a = rng(), b = rng();
  std::snprintf(uid, sizeof uid, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(a >> 32), static_cast<unsigned>(a & 0xffff),
                static_cast<unsigned>((a >> 16) & 0xfff), static_cast<unsigned>(b & 0xfff),
                static_cast<unsigned long long>((b >> 12) & 0xffffffffffffULL));
  globals["workflow.uid"] = std::string(uid);
  globals["workflow.creationTimestamp"] = rfc3339(status.started_at);
  globals["workflow.mainEntrypoint"] = plan.entrypoint;
  json params = json::array();
  for (auto& [k, v] : plan.parameters) {
    globals["workflow.parameters." + k] = v;
    params.push_back({{"name", k}, {"value", v}});
  }
  globals["workflow.parameters.json"] = go_json(params);
  for (const char* what : {"labels", "annotations"})
    if (meta.contains(what) && meta[what].is_object())
      for (auto& [k, v] : meta[what].items()) globals[std::string("workflow.") + what + "." + k] = str(meta[what], k.c_str());
  if (plan.workflow["spec"].contains("priority")) globals["workflow.priority"] = str(plan.workflow["spec"], "priority");
}

Scope Scheduler::Impl::globals_copy() {
  std::lock_guard<std::mutex> lock(globals_mu);
  return globals;
}

void Scheduler::Impl::stop_run(const std::string& message, bool everything) {
  {
    std::lock_guard<std::mutex> lock(stop_mu);
    if (stop_message.empty()) stop_message = message;
  }
  stop = true;
  if (everything) kill_all = true;
}

bool Scheduler::Impl::deadline_passed(const Deadline& d) const { return d && SteadyClock::now() >= *d; }

Deadline Scheduler::Impl::earlier(const Deadline& a, const Deadline& b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

Phase Scheduler::Impl::run(const std::atomic<bool>& interrupt) {
  init_globals();
  int parallelism = options.parallelism;
  if (!parallelism && plan.workflow["spec"].contains("parallelism") && plan.workflow["spec"]["parallelism"].is_number())
    parallelism = clamp_to_int(plan.workflow["spec"]["parallelism"]);
  pods.set_limit(std::max(parallelism, 0));
  if (auto d = json_duration(plan.workflow["spec"].value("activeDeadlineSeconds", ojson())))
    workflow_deadline = SteadyClock::now() + *d;

  // A watcher: Ctrl-C, --timeout and the workflow's activeDeadlineSeconds.
  std::atomic<bool> done{false};
  auto run_deadline = options.timeout ? Deadline(SteadyClock::now() + *options.timeout) : Deadline();
  std::thread watcher([&] {
    while (!done) {
      if (interrupt) stop_run("interrupted (Ctrl-C)", true);
      if (deadline_passed(run_deadline))
        stop_run("flowc run --timeout " + std::to_string(options.timeout->count() / 1000.0).substr(0, 5) + "s exceeded", true);
      // operator.go: a workflow past spec.activeDeadlineSeconds fails with
      // "Max duration limit exceeded" (its exit handler still runs).
      if (deadline_passed(workflow_deadline)) stop_run("Max duration limit exceeded", false);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  JoinOnExit join_watcher{done, {&watcher}};

  status.phase = Phase::Running;
  ojson holder = {{"template", plan.entrypoint}};
  const TemplateBase* base = &plan.local;
  Frame caller;
  caller.vars = globals_copy();
  // operator.go: the entrypoint gets the workflow's arguments (the
  // parameters as bound: -p, --parameter-file, values, defaults).
  ojson args = plan.workflow["spec"].value("arguments", ojson::object());
  ojson bound = ojson::array();
  for (auto& [k, v] : plan.parameters) bound.push_back({{"name", k}, {"value", v}});
  args["parameters"] = bound;
  // Workflow-level hooks other than exit watch the entry node (hooks.go executeWfLifeCycleHook).
  std::string entry_id = with_hooks(holder, status.workflow_name(), status.workflow_name(), "", caller, base, "",
                                    workflow_deadline, [&] {
                                      return execute(status.workflow_name(), status.workflow_name(), holder, base,
                                                     args, caller, "", workflow_deadline, false, "");
                                    });
  status.entry_node_id = entry_id;
  kill_daemons("");  // (a daemon entrypoint: its scope is the workflow's main part)
  Node entry = status.get(entry_id);
  Phase phase = entry.phase;
  std::string message = entry.message;
  if (deadline_passed(workflow_deadline)) stop_run("Max duration limit exceeded", false);
  if (stop) {
    // Stopped (deadline, --timeout, Ctrl-C): the workflow Failed with why.
    phase = Phase::Failed;
    message = stop_message;
  }
  if (!fulfilled(phase)) phase = Phase::Failed;

  // exit_handler.go / operator.go runOnExitNode: spec.onExit (or the
  // workflow's `exit` hook) runs as "<workflow>.onExit" after the entry
  // node, with workflow.status and workflow.failures set.
  std::string on_exit = plan.workflow["spec"].value("onExit", "");
  ojson exit_holder;
  if (!on_exit.empty()) exit_holder = {{"template", on_exit}};
  else if (plan.workflow["spec"].contains("hooks") && plan.workflow["spec"]["hooks"].contains("exit"))
    exit_holder = plan.workflow["spec"]["hooks"]["exit"];
  if (!exit_holder.is_null() && !kill_all) {
    {
      std::lock_guard<std::mutex> lock(globals_mu);
      globals["workflow.status"] = std::string(workflow_status_name(phase));
      globals["workflow.failures"] = failures_json();
      globals["workflow.duration"] = std::to_string(
          std::chrono::duration<double>(Clock::now() - status.started_at).count());
    }
    bool was_stopped = stop;
    stop = false;  // the exit handler runs even after a deadline
    Frame exit_caller;
    exit_caller.vars = globals_copy();
    ojson exit_args = exit_holder.value("arguments", ojson::object());
    std::string exit_id = execute(status.workflow_name() + ".onExit", status.workflow_name() + ".onExit", exit_holder,
                                  &plan.local, exit_args, exit_caller, "", Deadline(), true, "");
    stop = stop || was_stopped;
    Node exit_node = status.get(exit_id);
    // operator.go: a successful workflow whose exit handler fails is Failed.
    if (phase == Phase::Succeeded && !successful(exit_node.phase)) {
      phase = failed_or_error(exit_node.phase) ? exit_node.phase : Phase::Failed;
      message = exit_node.message;
    }
  }
  if (kill_all && phase == Phase::Succeeded) phase = Phase::Failed;
  if (kill_all) message = stop_message;

  kill_all_daemons();  // what no scope ended (a daemon started by an exit hook): the workflow's end ends it
  done = true;
  watcher.join();
  status.phase = phase;
  status.message = successful(phase) ? "" : message;
  status.finished_at = Clock::now();
  collect_global_outputs();
  status.notify();
  return phase;
}

std::string Scheduler::Impl::failures_json() {
  // operator.go operate: every node (any type) Failed or Errored as a
  // failedNodeStatus (fields in the struct's order; a nil list is
  // "null"), the JSON strconv.Quote'd into the variable.
  std::string items;
  for (auto& n : status.nodes()) {
    if (!failed_or_error(n.phase)) continue;
    items += (items.empty() ? "{" : ",{") + std::string("\"displayName\":") + go_json(n.display_name) +
             ",\"message\":" + go_json(n.message) + ",\"templateName\":" + go_json(n.template_name) +
             ",\"phase\":" + go_json(phase_name(n.phase)) + ",\"podName\":" +
             go_json(pod_name(n.name, n.template_name)) + ",\"finishedAt\":" +
             (n.finished_at ? go_json(rfc3339(*n.finished_at)) : "null") + "}";  // metav1.Time: null when zero
  }
  return go_quote(items.empty() ? "null" : "[" + items + "]");
}

void Scheduler::Impl::collect_global_outputs() {
  std::lock_guard<std::mutex> lock(globals_mu);
  ojson params = ojson::array();
  std::string prefix = "workflow.outputs.parameters.";
  for (auto& [k, v] : globals)
    if (k.rfind(prefix, 0) == 0) params.push_back({{"name", k.substr(prefix.size())}, {"value", value_text(v)}});
  ojson arts = ojson::array();
  for (auto& [name, path] : global_artifacts) arts.push_back({{"name", name}, {"localPath", path}});
  ojson out = ojson::object();
  if (!params.empty()) out["parameters"] = params;
  if (!arts.empty()) out["artifacts"] = arts;
  status.outputs = out;
}

std::string Scheduler::Impl::pod_name(const std::string& node_name, const std::string& template_name) const {
  if (node_name == status.workflow_name()) return node_name;
  std::string prefix = status.workflow_name();
  if (!template_name.empty()) prefix += "-" + template_name;
  std::string out = prefix + "-" + std::to_string(fnv32a(node_name));
  return out;
}

Scheduler::Scheduler(const Plan& plan, Executor& executor, RunOptions options, WorkflowStatus& status)
    : impl_(std::make_unique<Impl>(plan, executor, std::move(options), status)) {}
Scheduler::~Scheduler() = default;

Phase Scheduler::run(const std::atomic<bool>& interrupt) { return impl_->run(interrupt); }

}  // namespace flowc::run

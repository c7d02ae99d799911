// The scheduler (run/scheduler.h), part: executeTemplate (operator.go): one node from its template, to its end.
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

#include <limits>

#include "run/go_numbers.h"

namespace flowc::run {

std::string Scheduler::Impl::execute(const std::string& node_name, const std::string& display_name, const ojson& holder,
                                     const TemplateBase* base, const ojson& arguments, Frame& caller, const std::string& boundary_id,
                                     Deadline deadline, bool hooked, const std::string& parent_id) {
  ojson inline_store;
  std::string error;
  const TemplateBase* tbase = base;
  const ojson* tmpl_ptr = resolve_template(plan, tbase, holder, inline_store, error);
  if (!tmpl_ptr) {
    std::string id = status.add_node(node_name, display_name, "Pod", holder.value("template", ""), boundary_id);
    link(parent_id, id);
    status.mark(id, Phase::Error, error);
    return id;
  }
  const ojson& tmpl = *tmpl_ptr;
  std::string tname = tmpl.value("name", "");
  std::string kind = template_kind(tmpl);
  bool skip = plan.skip.count(tname) > 0;
  std::string type = skip ? "Skipped"
                     : kind == "steps" ? "Steps"
                     : kind == "dag" ? "DAG"
                     : kind == "suspend" ? "Suspend"
                     : kind == "http" ? "HTTP"
                     : kind == "plugin" ? "Plugin"
                                        : "Pod";
  bool retry = tmpl.contains("retryStrategy") && !skip;
  std::string id = status.add_node(node_name, display_name, retry ? "Retry" : type, tname, boundary_id);
  status.update(id, [&](Node& n) {
    n.type = retry ? "Retry" : type;
    // operator.go executeSteps / executeDAG / processNodeRetries
    // (initializeExecutableNode / initializeNode): Steps, DAG and Retry
    // nodes are created Running, never Pending (a workflow hook on
    // workflow.status == "Pending" must not see the entry that way).
    if (!skip && (retry || type == "Steps" || type == "DAG")) {
      n.phase = Phase::Running;
      n.started_at = Clock::now();
    }
    n.template_scope = tbase->scope;
    n.hooked = hooked;
    if (holder.contains("templateRef")) {
      n.template_ref = holder["templateRef"];
      n.template_name.clear();
    }
  });
  link(parent_id, id);

  // operator.go executeTemplate: currentStackDepth++ on entry; at
  // maxAllowedStackDepth (controller.go: 100) the node is an Error
  // (ErrMaxDepthExceeded), so an unbounded recursion ends instead of
  // growing without limit.
  const int depth = caller.depth + 1;
  if (depth >= kMaxStackDepth) {
    status.mark(id, Phase::Error,
                "Maximum recursion depth exceeded. See "
                "https://argo-workflows.readthedocs.io/en/latest/scaling/#maximum-recursion-depth");
    return id;
  }

  if (stop) {
    status.mark(id, Phase::Failed, stop_message);
    return id;
  }
  if (skip) {
    status.mark(id, Phase::Skipped, "Skipped by request (flowc run --skip " + tname + ")");
    return id;
  }

  // common.ProcessArgs: the template's inputs from the arguments.
  Frame frame;
  frame.depth = depth;
  frame.vars = globals_copy();
  ojson inputs;
  std::string bind_error = bind_inputs(tmpl, arguments, caller, frame, inputs);
  status.update(id, [&](Node& n) { n.inputs = inputs; });
  if (!bind_error.empty()) {
    status.mark(id, Phase::Error, bind_error);
    return id;
  }
  frame.vars["node.name"] = node_name;

  // Template deadlines: activeDeadlineSeconds and timeout bound the node.
  // A value that cannot be read ends the node in Error, as in Argo:
  // activeDeadlineSeconds is an IntOrString (workflowpod.go, intstr.Int64),
  // timeout a Go duration (operator.go checkTemplateTimeout: "invalid
  // timeout format. ...").
  Deadline own = deadline;
  for (const char* key : {"activeDeadlineSeconds", "timeout"})
    if (tmpl.contains(key)) {
      Substitution sub;
      json v = json::parse(substitute_tree(tmpl[key], frame.vars, false, sub).dump());
      std::string error;
      std::optional<std::chrono::milliseconds> d;
      if (std::string_view(key) == "timeout") {
        if (auto ns = go_parse_duration(v.is_string() ? v.get<std::string>() : v.dump(), error))
          d = std::chrono::duration_cast<std::chrono::milliseconds>(*ns);
        else
          error = "invalid timeout format. " + error;
      } else if (auto n = int_or_string(v, error)) {
        if (*n < std::numeric_limits<int64_t>::max() / 1000) d = std::chrono::milliseconds(*n * 1000);
        else error = "activeDeadlineSeconds " + std::to_string(*n) + " is too large";
      }
      if (!d) {
        status.mark(id, Phase::Error, error);
        return id;
      }
      own = earlier(own, SteadyClock::now() + *d);
    }

  // memoize (operator.go executeTemplate: "memoization"): a key already in
  // this run's store gives the stored outputs without running
  // (initializeCacheHitNode); a miss runs, its node carrying
  // memoizationStatus {hit: false} from the start (initializeCacheNode),
  // and a Succeeded node's outputs are saved (podReconciliation: c.Save).
  std::string memo_key;
  if (tmpl.contains("memoize")) {
    Substitution sub;
    memo_key = substitute(str(tmpl["memoize"], "key"), frame.vars, false, sub);
    std::string cache;
    const ojson& m = tmpl["memoize"];
    if (m.contains("cache") && m["cache"].contains("configMap")) cache = str(m["cache"]["configMap"], "name");
    std::lock_guard<std::mutex> lock(memo_mu);
    auto it = memo.find(memo_key);
    bool hit = it != memo.end();
    status.update(id, [&](Node& n) {
      if (hit) n.outputs = it->second;
      n.memoization_key = memo_key;
      n.memoization_hit = hit;
      n.memoization_cache = cache;
    });
    if (hit) {
      status.mark(id, Phase::Succeeded);
      return id;
    }
  }

  // synchronization (within the run): a mutex is held while the node runs.
  std::unique_lock<std::mutex> held;
  if (tmpl.contains("synchronization")) {
    std::string name = mutex_name(tmpl["synchronization"]);
    if (!name.empty()) {
      std::mutex* m;
      {
        std::lock_guard<std::mutex> lock(mutexes_mu);
        auto& slot = mutexes[name];
        if (!slot) slot = std::make_unique<std::mutex>();
        m = slot.get();
      }
      held = std::unique_lock<std::mutex>(*m);
    }
  }
  // Semaphores (sync_manager.go TryAcquire): all of the template's, or wait.
  std::vector<std::string> sem_keys;
  if (tmpl.contains("synchronization"))
    for (auto& s : semaphores_of(tmpl["synchronization"])) sem_keys.push_back(s.table_key);
  if (!semaphores.acquire(sem_keys, stop, [&](const std::string& m) { status.update(id, [&](Node& n) { n.message = m; }); })) {
    status.mark(id, Phase::Failed, stop_message);
    return id;
  }
  struct SemaphoreGuard {
    Semaphores& s;
    std::vector<std::string> keys;
    ~SemaphoreGuard() { s.release(keys); }
  } sem_guard{semaphores, sem_keys};
  if (!sem_keys.empty()) status.update(id, [&](Node& n) { n.message.clear(); });

  status.mark(id, Phase::Running);
  if (retry) run_retries(id, node_name, tmpl, tbase, frame, own);
  else run_kind(id, node_name, tmpl, tbase, frame, own, "");

  Node done = status.get(id);
  if (!memo_key.empty() && done.phase == Phase::Succeeded) {
    std::lock_guard<std::mutex> lock(memo_mu);
    memo[memo_key] = done.outputs;
  }
  return id;
}

std::string Scheduler::Impl::mutex_name(const ojson& sync) {
  if (sync.contains("mutex")) return "mutex/" + str(sync["mutex"], "name");
  if (sync.contains("mutexes") && sync["mutexes"].is_array() && !sync["mutexes"].empty())
    return "mutex/" + str(sync["mutexes"][0], "name");
  return {};
}

void Scheduler::Impl::link(const std::string& parent_id, const std::string& child_id) {
  if (!parent_id.empty()) status.add_child(parent_id, child_id);
}

}  // namespace flowc::run

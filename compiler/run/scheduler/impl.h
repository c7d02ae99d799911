// Scheduler::Impl (run/scheduler.h): the scheduler's state and its steps,
// declared here, defined by concept in run/scheduler.cpp (the run, the
// workflow's variables, stopping) and run/scheduler/*.cpp. Internal to the
// scheduler: nothing outside those files includes it.
#pragma once
#include "run/scheduler.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "run/expression/depends.h"
#include "run/expression/expr.h"
#include "run/expression/govaluate.h"
#include "run/http_template.h"
#include "run/pod_containers.h"
#include "run/readiness_probe.h"
#include "run/variables.h"
#include "run/data_template.h"
#include "run/semaphores.h"
#include "run/sequence.h"
#include "run/volumes.h"

namespace flowc::run {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
using Deadline = std::optional<SteadyClock::time_point>;

// A counting semaphore that also lets the run's stop flag wake waiters.
class Slots {
 public:
  explicit Slots(int n) : free_(n) {}
  void acquire() {
    if (free_ <= 0 && unlimited()) return;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release() {
    if (unlimited()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++free_;
    }
    cv_.notify_one();
  }
  bool unlimited() const { return limit_ == 0; }
  void set_limit(int n) {
    limit_ = n;
    free_ = n;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
  int limit_ = 0;
};

struct SlotGuard {
  Slots& s;
  explicit SlotGuard(Slots& slots) : s(slots) { s.acquire(); }
  ~SlotGuard() { s.release(); }
};

// The file's text, or with a limit only its first (or last) `limit` bytes,
// read without holding the rest: a node's output may be gigabytes.
std::string read_file(const std::string& path, size_t limit = 0, bool tail = false);

// executor.go SaveParameters / CaptureScriptResult: "Trims off a single
// newline for user convenience".
std::string trim_one_newline(std::string s);

// Sets `done` and joins `threads` when the scope ends, an exception
// included: a joinable std::thread destroyed calls std::terminate (an abort
// instead of flowc's "internal error" message and exit code 70).
struct JoinOnExit {
  std::atomic<bool>& done;
  std::vector<std::thread*> threads;
  ~JoinOnExit() {
    done = true;
    for (std::thread* t : threads)
      if (t->joinable()) t->join();
  }
};

// A JSON number as an int within [0, INT_MAX] (parallelism), 0 when it is not one.
int clamp_to_int(const ojson& v);

// Argo's parseStringToDuration (run/go_numbers.h) in ms; nullopt when it cannot be read.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text);

std::optional<std::chrono::milliseconds> json_duration(const ojson& v);

std::string str(const ojson& v, const char* key);

// One entry of a node's outputs.parameters as Argo writes it: the declared
// name, the value found (none: no "value"), globalName and valueFrom as
// declared. (Pods and steps/DAG templates differ only in where the value
// comes from.)
ojson output_parameter(const ojson& declared, const std::optional<std::string>& value);

// One entry of outputs.artifacts: name, the container path when it has one
// (a pod's), where the file is here (flowc's localPath), globalName.
ojson output_artifact(const ojson& declared, const std::string& local_path, bool with_path);

// wfv1.Item's String(): a string as it is, anything else as Go JSON
// (steps.go expandStep: fmt.Sprintf("%s(%d:%v)", step.Name, i, item)).
std::string item_label(const json& item);

struct Frame {
  Scope vars;
  int depth = 0;  // nested executeTemplate calls up to this template's (operator.go currentStackDepth)
  std::map<std::string, std::string> artifacts;  // "steps.A.outputs.artifacts.x" -> host path
};

// controller.go maxAllowedStackDepth.
constexpr int kMaxStackDepth = 100;

struct Scheduler::Impl {
  const Plan& plan;
  Executor& executor;
  RunOptions options;
  WorkflowStatus& status;

  Scope globals;
  std::mutex globals_mu;
  // Daemons (daemon: true) still running, each on its own thread until the
  // steps/DAG node that started it (its boundary) ends.
  struct Daemon {
    std::string id, boundary;
    std::atomic<bool> cancel{false};
    std::thread thread;
  };
  std::mutex daemons_mu;
  std::vector<std::unique_ptr<Daemon>> daemons;
  // A retried daemon's attempt that is daemoned -> its Retry node, which
  // ends as the attempt does (operator.go processNodeRetries).
  std::map<std::string, std::string> daemon_retry_parent;
  std::mutex daemon_retry_mu;
  std::map<std::string, std::string> global_artifacts;
  Slots pods{0};
  std::atomic<bool> stop{false};       // no new nodes; running processes killed (deadline, --timeout, Ctrl-C)
  std::atomic<bool> kill_all{false};   // also stops the exit handler (--timeout, Ctrl-C)
  std::string stop_message;
  std::mutex stop_mu;
  std::map<std::string, std::unique_ptr<std::mutex>> mutexes;  // synchronization.mutex, by name
  std::mutex mutexes_mu;
  std::map<std::string, ojson> memo;  // memoize: key -> outputs
  std::mutex memo_mu;
  Deadline workflow_deadline;

  Volumes volumes;  // the run's volume folders (claims, emptyDirs)
  Semaphores semaphores{plan.semaphore_limits};  // synchronization.semaphores (semaphores.h)

  Impl(const Plan& p, Executor& e, RunOptions o, WorkflowStatus& s)
      : plan(p), executor(e), options(std::move(o)), status(s), volumes(options.work_dir, plan.volumes) {}

  // ---- variables -------------------------------------------------------

  void init_globals();

  Scope globals_copy();

  // ---- stopping --------------------------------------------------------

  void stop_run(const std::string& message, bool everything);

  bool deadline_passed(const Deadline& d) const;

  static Deadline earlier(const Deadline& a, const Deadline& b);

  // ---- the entry point -------------------------------------------------

  Phase run(const std::atomic<bool>& interrupt);

  std::string failures_json();

  void collect_global_outputs();

  // POD_NAMES=v2 (util.GeneratePodName): "<workflow>-<template>-<fnv32a(node name)>",
  // the workflow's name for a root Pod node.
  std::string pod_name(const std::string& node_name, const std::string& template_name) const;

  // ---- executeTemplate (operator.go) ------------------------------------

  // Runs the template `holder` names as the node `node_name`, to its end,
  // and returns the node's ID.
  std::string execute(const std::string& node_name, const std::string& display_name, const ojson& holder,
                      const TemplateBase* base, const ojson& arguments, Frame& caller, const std::string& boundary_id,
                      Deadline deadline, bool hooked, const std::string& parent_id);

  static std::string mutex_name(const ojson& sync);

  void link(const std::string& parent_id, const std::string& child_id);

  // ---- inputs ----------------------------------------------------------

  std::string bind_inputs(const ojson& tmpl, const ojson& arguments, Frame& caller, Frame& frame, ojson& inputs_out);

  // An argument artifact's `subPath`: the file or folder at that path
  // inside the artifact (wfv1.Artifact.SubPath; the executor loads the key
  // with the sub-path appended, failing when it is not there).
  static std::string sub_path(const ojson& src, const std::string& name, std::string& host);

  // An input artifact's file on the host: from an earlier output (`from`),
  // `raw` data, or a local file mapped to it with --artifact NAME=PATH.
  std::string resolve_artifact(const ojson& decl, const ojson* arg, Frame& caller, std::string& host);

  // ---- retries (operator.go processNodeRetries) -------------------------

  void run_retries(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                   Frame& frame, Deadline deadline);

  // A node's time (wall clock, as the status records it) on the steady
  // clock the deadlines use.
  static SteadyClock::time_point to_steady(std::chrono::system_clock::time_point t);

  // retryStrategy.backoff (operator.go processNodeRetries): once the first
  // attempt started maxDuration ago the node ends ("Max duration limit
  // exceeded"); a wait of duration * factor^(attempts-1), capped by cap,
  // that would end after that limit ends it too ("Backoff would exceed max
  // duration limit"); otherwise the wait is taken (only when a limit is set
  // and not yet reached, as Argo's requeue condition says) and the next
  // attempt runs with the maxDuration deadline. Returns why the node ends,
  // or "" to go on.
  std::string retry_backoff(const ojson& rs, const std::string& id, const Node& last, int attempt,
                            std::optional<int> limit, Deadline& deadline, Deadline& max_deadline, std::string& error);

  std::string type_of(const ojson& tmpl);

  void sleep_unless_stopped(std::chrono::milliseconds wait, Deadline deadline);

  // ---- by kind ----------------------------------------------------------

  void run_kind(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                Frame& frame, Deadline deadline, const std::string&);

  // A data template runs here, in-process (data_template.h); Argo runs it
  // in a pod of its own: the node is a Pod node.
  void run_data(const std::string& id, const ojson& tmpl_in, Frame& frame);

  // wfv1 Outputs.parameters[].globalName: exported as workflow.outputs.parameters.<globalName>.
  void publish_globals(const std::string& id, const ojson& tmpl);

  // ---- suspend (operator.go executeSuspend) ------------------------------

  void run_suspend(const std::string& id, const ojson& tmpl, Frame& frame, Deadline deadline);

  // ---- daemons (operator.go assessNodeStatus, killDaemonedChildren) ---------

  // Starts a daemon's pod on a thread of its own and returns once it runs:
  // the node is then Running and daemoned (assessNodeStatus: a running daemon
  // pod whose containers are all ready; flowc runs no readiness probe, so a
  // started container is ready), its IP this machine's loopback (every pod
  // here shares the host's network). When it ends — killed because its scope
  // ended, or by itself — a daemoned node is Succeeded (assessNodeStatus:
  // "ignore pod failure for daemoned steps").
  void start_daemon(const std::string& id, ProcessSpec spec, OutputSink sink, std::optional<ReadinessProbe> probe);

  void kill_all_daemons();

  // The Retry node of a daemoned attempt `child` that has ended: it ends as
  // the attempt did, with its outputs (processNodeRetries: a fulfilled last
  // child). Once per child, from whichever thread sees the end first.
  void end_retry_parent(const std::string& child);

  // steps.go / dag.go killDaemonedChildren: a steps or DAG node's daemons
  // are killed once it has ended (SIGTERM, then SIGKILL after the grace
  // period), and waited for.
  void kill_daemons(const std::string& boundary);

  // ---- an http template (http_template.h) -----------------------------------

  // agent.go executeHTTPTemplate: the request from a process of its own (as
  // Argo's agent pod), bounded by timeoutSeconds and the template's deadline.
  void run_http(const std::string& id, const ojson& tmpl_in, Frame& frame, Deadline deadline);

  // ---- a pod: container, script, containerSet ------------------------------

  std::string python_argv0(const std::string& cmd);

  void run_pod(const std::string& id, const std::string& node_name, const ojson& tmpl_in, Frame& frame, Deadline deadline);

  const std::atomic<bool>& stop_flag() const;

  // The pod's phase from its main container's end, as the controller reads
  // the pod status (operator.go assessNodeStatus / inferFailedReason).
  void classify(const ProcessResult& r, Phase& phase, std::string& message);

  std::string collect_outputs(const ojson& tmpl, const ProcessResult& r, ojson& outputs, bool succeeded);

  // Outputs: exitCode, result (stdout), parameters from files, artifacts;
  // then the node's phase. `main`: how the main container ended (none: it never ran).
  void finish_pod(const std::string& id, const ojson& tmpl, const ProcessResult* main, Phase phase, std::string message);

  // A containerSet pod (scheduler/container_set.cpp): its containers started
  // together, each after its dependencies, as Argo's emissary runs them.
  void run_container_set(const std::string& id, const std::string& node_name, const ojson& tmpl,
                         const std::vector<PlacedFile>& inputs, const std::vector<std::string>& out_paths,
                         const fs::path& node_dir, Deadline deadline);

  // ---- outputs of steps / DAG templates (operator.go getTemplateOutputsFromScope) --

  // scope.go resolveArtifact: an output artifact's fromExpression is an
  // expr program over the template's scope (env.GetFuncMap), whose result
  // must be an artifact ("Variable {{...}} is not an artifact" otherwise).
  // The scope's artifacts enter the environment as objects that carry their
  // key, so that the program's result says which artifact it chose.
  std::string artifact_from_expression(const std::string& expression, Frame& frame, std::string& key);

  std::string template_outputs(const std::string& id, const ojson& tmpl, Frame& frame);

  // ---- scope entries for a finished step/task (steps.go / dag.go) ----------

  void add_node_scope(Frame& frame, const std::string& prefix, const Node& n);

  // processAggregateNodeOutputs (operator.go): a loop's outputs as JSON lists
  // of its Succeeded children's, in loop order.
  void add_aggregate_scope(Frame& frame, const std::string& prefix, const std::vector<std::string>& child_ids);

  // ---- loops (steps.go expandStep / dag.go expandTask) ----------------------

  struct Expanded {
    ojson step;   // the step/task with its name "<name>(i:item)" and item substituted
    bool has_item = false;
  };

  // The items of a loop; false with `error` when they cannot be read.
  bool loop_items(const ojson& step, Frame& frame, std::vector<json>& items, bool& is_loop, std::string& error);

  std::vector<Expanded> expand(const ojson& step, const std::vector<json>& items, Frame& frame);

  // ---- steps (steps.go executeSteps / executeStepGroup) -------------------

  bool continues_on(const ojson& step, Phase p);

  // Runs `jobs` at most `limit` at a time (0: all at once), each on its own thread.
  void run_parallel(std::vector<std::function<void()>>& jobs, int limit);

  int template_parallelism(const ojson& tmpl);

  void run_steps(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                 Frame& frame, Deadline deadline);

  void set_outbound(const std::string& id, const std::vector<std::string>& children);

  // operator.go getOutboundNodes.
  std::vector<std::string> outbound(const std::string& id);

  // One step: `when` (operator.go shouldExecute), then the template, then its
  // step-level onExit / exit hook (as "<node>.onExit").
  std::string run_step(const std::string& node_name, const std::string& display, const ojson& step,
                       const TemplateBase* base, Frame& frame, const std::string& boundary, const std::string& parent,
                       Deadline deadline);
  std::string sub_error_;

  // ---- lifecycle hooks other than exit (hooks.go) ---------------------------

  // hooks.go executeTmplLifeCycleHook / executeWfLifeCycleHook: while a
  // step/task (or the workflow) runs, each non-exit hook's `expression` is
  // evaluated (expr, argoexpr.EvalBool over the scope with the node's own
  // status: `steps.X.status`, `tasks.X.status`, `workflow.status`) as the
  // controller does on each reconciliation — here every 20 ms and once more
  // when the node has finished. A hook whose expression became true runs its
  // template once, as the node "<node>.hooks.<hook>" (a child of the node,
  // flagged hooked), beside the node; the node counts as done when its
  // triggered hooks are (hookCompleted). `body` runs the node and returns
  // its ID. `self` is the node's scope prefix ("steps.X", "tasks.X"; empty
  // for the workflow, whose hooks see workflow.status and workflow.failures
  // of the entry node: "Running" while it runs, its end phase after).
  std::string with_hooks(const ojson& holder, const std::string& node_name, const std::string& display,
                         const std::string& self, const Frame& frame, const TemplateBase* base,
                         const std::string& boundary, Deadline deadline, const std::function<std::string()>& body);

  // Arguments substituted in the caller's scope; artifacts' `from` is kept
  // for resolve_artifact.
  ojson substitute_args(const ojson& args, Frame& frame, std::string&);

  void run_step_exit(const std::string& id, const std::string& node_name, const ojson& step, const TemplateBase* base,
                     Frame& frame, const std::string& boundary, Deadline deadline);

  // ---- DAG (dag.go executeDAG / executeDAGTask / assessDAGPhase) ------------

  // Whether the node or a node below it (its children, theirs, ...) is
  // Failed or Error. A task's dependents are connected only once it has
  // finished, so this walks the task's own nodes.
  bool subtree_failed(const std::string& id);

  void run_dag(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
               Frame& frame, Deadline deadline);

  // One DAG task: a loop becomes a TaskGroup "<dag>.<task>" with children
  // "<dag>.<task>(i:item)"; `when` per expanded task.
  std::string run_task(const std::string& task_name, const std::string& display, const ojson& task,
                       const TemplateBase* base, Frame& frame, const std::string& dag_id, Deadline deadline,
                       const std::function<void(const std::string&)>& connect);

  int template_parallelism_of_task(const ojson&);

  std::string run_dag_leaf(const std::string& node_name, const std::string& display, const ojson& task,
                           const TemplateBase* base, Frame& frame, const std::string& dag_id, Deadline deadline,
                           const std::function<void(const std::string&)>& connect);
};

}  // namespace flowc::run

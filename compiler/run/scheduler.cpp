#include "run/scheduler.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "run/expression/depends.h"
#include "run/expression/expr.h"
#include "run/expression/govaluate.h"
#include "run/http_template.h"
#include "run/pod_containers.h"
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

namespace {

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
std::string read_file(const std::string& path, size_t limit = 0, bool tail = false) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  if (limit) {
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0) return {};
    size_t n = std::min(static_cast<size_t>(size), limit);
    in.seekg(tail ? size - static_cast<std::streamoff>(n) : 0, std::ios::beg);
    std::string s(n, '\0');
    in.read(s.data(), static_cast<std::streamsize>(n));
    s.resize(static_cast<size_t>(in.gcount()));
    return s;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// executor.go SaveParameters / CaptureScriptResult: "Trims off a single
// newline for user convenience".
std::string trim_one_newline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// A Go duration ("10s", "1m30s", "500ms") or plain seconds ("10") as ms.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  bool digits_only = std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (digits_only) return std::chrono::milliseconds(std::stoll(text) * 1000);
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    if (j == i) return std::nullopt;
    double v = std::stod(text.substr(i, j - i));
    size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    std::string unit = text.substr(j, k - j);
    if (unit == "ms") total_ms += v;
    else if (unit == "s") total_ms += v * 1000;
    else if (unit == "m") total_ms += v * 60000;
    else if (unit == "h") total_ms += v * 3600000;
    else return std::nullopt;
    i = k;
  }
  return std::chrono::milliseconds(static_cast<int64_t>(total_ms));
}

std::optional<std::chrono::milliseconds> json_duration(const ojson& v) {
  if (v.is_number()) return std::chrono::milliseconds(static_cast<int64_t>(v.get<double>() * 1000));
  if (v.is_string()) return parse_duration(v.get<std::string>());
  return std::nullopt;
}

std::string str(const ojson& v, const char* key) {
  if (!v.is_object()) return {};
  auto it = v.find(key);
  if (it == v.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return value_text(json::parse(it->dump()));
}

// One entry of a node's outputs.parameters as Argo writes it: the declared
// name, the value found (none: no "value"), globalName and valueFrom as
// declared. (Pods and steps/DAG templates differ only in where the value
// comes from.)
ojson output_parameter(const ojson& declared, const std::optional<std::string>& value) {
  ojson out = {{"name", str(declared, "name")}};
  if (value) out["value"] = *value;
  if (declared.contains("globalName")) out["globalName"] = declared["globalName"];
  ojson vf = declared.value("valueFrom", ojson::object());
  if (!vf.empty()) out["valueFrom"] = vf;
  return out;
}

// One entry of outputs.artifacts: name, the container path when it has one
// (a pod's), where the file is here (flowc's localPath), globalName.
ojson output_artifact(const ojson& declared, const std::string& local_path, bool with_path) {
  ojson out = {{"name", str(declared, "name")}};
  if (with_path) out["path"] = declared["path"];
  out["localPath"] = local_path;
  if (declared.contains("globalName")) out["globalName"] = declared["globalName"];
  return out;
}

// wfv1.Item's String(): a string as it is, anything else as Go JSON
// (steps.go expandStep: fmt.Sprintf("%s(%d:%v)", step.Name, i, item)).
std::string item_label(const json& item) {
  if (item.is_string()) return item.get<std::string>();
  return go_json(item);
}

}  // namespace

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

  void init_globals() {
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

  Scope globals_copy() {
    std::lock_guard<std::mutex> lock(globals_mu);
    return globals;
  }

  // ---- stopping --------------------------------------------------------

  void stop_run(const std::string& message, bool everything) {
    {
      std::lock_guard<std::mutex> lock(stop_mu);
      if (stop_message.empty()) stop_message = message;
    }
    stop = true;
    if (everything) kill_all = true;
  }

  bool deadline_passed(const Deadline& d) const { return d && SteadyClock::now() >= *d; }

  static Deadline earlier(const Deadline& a, const Deadline& b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
  }

  // ---- the entry point -------------------------------------------------

  Phase run(const std::atomic<bool>& interrupt) {
    init_globals();
    int parallelism = options.parallelism;
    if (!parallelism && plan.workflow["spec"].contains("parallelism") && plan.workflow["spec"]["parallelism"].is_number())
      parallelism = plan.workflow["spec"]["parallelism"].get<int>();
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

  std::string failures_json() {
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

  void collect_global_outputs() {
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

  // POD_NAMES=v2 (util.GeneratePodName): "<workflow>-<template>-<fnv32a(node name)>",
  // the workflow's name for a root Pod node.
  std::string pod_name(const std::string& node_name, const std::string& template_name) const {
    if (node_name == status.workflow_name()) return node_name;
    std::string prefix = status.workflow_name();
    if (!template_name.empty()) prefix += "-" + template_name;
    std::string out = prefix + "-" + std::to_string(fnv32a(node_name));
    return out;
  }

  // ---- executeTemplate (operator.go) ------------------------------------

  // Runs the template `holder` names as the node `node_name`, to its end,
  // and returns the node's ID.
  std::string execute(const std::string& node_name, const std::string& display_name, const ojson& holder,
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
    Deadline own = deadline;
    for (const char* key : {"activeDeadlineSeconds", "timeout"})
      if (tmpl.contains(key)) {
        Substitution sub;
        ojson v = substitute_tree(tmpl[key], frame.vars, false, sub);
        if (auto d = json_duration(v)) own = earlier(own, SteadyClock::now() + *d);
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

  static std::string mutex_name(const ojson& sync) {
    if (sync.contains("mutex")) return "mutex/" + str(sync["mutex"], "name");
    if (sync.contains("mutexes") && sync["mutexes"].is_array() && !sync["mutexes"].empty())
      return "mutex/" + str(sync["mutexes"][0], "name");
    return {};
  }

  void link(const std::string& parent_id, const std::string& child_id) {
    if (!parent_id.empty()) status.add_child(parent_id, child_id);
  }

  // ---- inputs ----------------------------------------------------------

  std::string bind_inputs(const ojson& tmpl, const ojson& arguments, Frame& caller, Frame& frame, ojson& inputs_out) {
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

  // An argument artifact's `subPath`: the file or folder at that path
  // inside the artifact (wfv1.Artifact.SubPath; the executor loads the key
  // with the sub-path appended, failing when it is not there).
  static std::string sub_path(const ojson& src, const std::string& name, std::string& host) {
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

  // An input artifact's file on the host: from an earlier output (`from`),
  // `raw` data, or a local file mapped to it with --artifact NAME=PATH.
  std::string resolve_artifact(const ojson& decl, const ojson* arg, Frame& caller, std::string& host) {
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

  // ---- retries (operator.go processNodeRetries) -------------------------

  void run_retries(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                   Frame& frame, Deadline deadline) {
    const ojson& rs = tmpl["retryStrategy"];
    Substitution sub;
    ojson limit_v = rs.contains("limit") ? substitute_tree(rs["limit"], frame.vars, false, sub) : ojson();
    std::optional<int> limit;
    if (!limit_v.is_null()) limit = std::stoi(value_text(json::parse(limit_v.dump())));
    std::string policy = str(rs, "retryPolicy");
    if (policy.empty()) policy = "OnFailure";  // wfv1.RetryPolicyOnFailure is the default
    Deadline max_deadline;  // backoff.maxDuration from the first attempt's start
    for (int attempt = 0;; ++attempt) {
      std::string child_name = node_name + "(" + std::to_string(attempt) + ")";
      Frame f = frame;
      f.vars["retries"] = std::to_string(attempt);
      Node retry_node = status.get(id);
      std::string child = status.add_node(child_name, retry_node.display_name + "(" + std::to_string(attempt) + ")",
                                          type_of(tmpl), tmpl.value("name", ""), retry_node.boundary_id);
      status.update(child, [&](Node& n) {
        n.retried = true;
        n.template_scope = base->scope;
        n.inputs = retry_node.inputs;  // (not status.get: update() holds the lock)
      });
      status.add_child(id, child);
      status.mark(child, Phase::Running);
      run_kind(child, child_name, tmpl, base, f, deadline, "");
      Node c = status.get(child);
      status.update(id, [&](Node& n) { n.outputs = c.outputs; });
      if (c.phase == Phase::Succeeded) {
        status.mark(id, Phase::Succeeded);
        return;
      }
      if (stop || deadline_passed(deadline)) {
        status.mark(id, c.phase, c.message);
        return;
      }
      // processNodeRetries, in its order: the backoff (maxDuration, then
      // the wait), the retry policy, the limit, the expression.
      std::string why_not = retry_backoff(rs, id, c, attempt, limit, deadline, max_deadline);
      if (!why_not.empty()) {
        status.mark(id, c.phase, why_not);
        return;
      }
      bool retry_this = policy == "Always" ? failed_or_error(c.phase)
                        : policy == "OnError" ? c.phase == Phase::Error
                        : policy == "OnTransientError" ? false
                                                       : c.phase == Phase::Failed;
      if (!retry_this) {  // "Node not set to be retried": the attempt's own message
        status.mark(id, c.phase, c.message);
        return;
      }
      if (limit && attempt >= *limit) {  // len(childNodeIds) > limit
        status.mark(id, c.phase, "No more retries left");
        return;
      }
      if (rs.contains("expression")) {
        Scope s = f.vars;
        s["lastRetry.exitCode"] = c.outputs.is_object() && c.outputs.contains("exitCode") ? c.outputs["exitCode"].get<std::string>() : "-1";
        s["lastRetry.status"] = std::string(phase_name(c.phase));
        s["lastRetry.message"] = c.message;
        double dur = c.started_at && c.finished_at ? std::chrono::duration<double>(*c.finished_at - *c.started_at).count() : 0;
        s["lastRetry.duration"] = std::to_string(static_cast<int64_t>(dur));
        ExprResult r = evaluate_expr(str(rs, "expression"), expr_env(s));
        if (!r.ok || !r.value.is_boolean()) {  // argoexpr.EvalBool's error ends the node in Error
          status.mark(id, Phase::Error, r.ok ? "retryStrategy.expression does not give a bool" : r.error);
          return;
        }
        if (!r.value.get<bool>()) {
          status.mark(id, c.phase, "retryStrategy.expression evaluated to false");
          return;
        }
      }
    }
  }

  // A node's time (wall clock, as the status records it) on the steady
  // clock the deadlines use.
  static SteadyClock::time_point to_steady(std::chrono::system_clock::time_point t) {
    return SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(t - std::chrono::system_clock::now());
  }

  // retryStrategy.backoff (operator.go processNodeRetries): once the first
  // attempt started maxDuration ago the node ends ("Max duration limit
  // exceeded"); a wait of duration * factor^(attempts-1), capped by cap,
  // that would end after that limit ends it too ("Backoff would exceed max
  // duration limit"); otherwise the wait is taken (only when a limit is set
  // and not yet reached, as Argo's requeue condition says) and the next
  // attempt runs with the maxDuration deadline. Returns why the node ends,
  // or "" to go on.
  std::string retry_backoff(const ojson& rs, const std::string& id, const Node& last, int attempt,
                            std::optional<int> limit, Deadline& deadline, Deadline& max_deadline) {
    if (!rs.contains("backoff")) return {};
    const ojson& b = rs["backoff"];
    if (b.contains("maxDuration")) {
      Node retry_node = status.get(id);
      const std::vector<std::string>& kids = retry_node.children;
      Node first = kids.empty() ? last : status.get(kids.front());
      if (auto md = json_duration(b["maxDuration"]); md && first.started_at) {
        max_deadline = to_steady(*first.started_at + *md);
        if (SteadyClock::now() > *max_deadline) return "Max duration limit exceeded";
      }
    }
    auto base = json_duration(b.value("duration", ojson()));
    if (!base) return {};
    double factor = 0;
    if (b.contains("factor")) factor = std::stod(value_text(json::parse(b["factor"].dump())));
    auto wait = *base;
    if (factor > 0) wait = std::chrono::milliseconds(static_cast<int64_t>(base->count() * std::pow(factor, attempt)));
    if (auto cap = json_duration(b.value("cap", ojson())); cap && wait > *cap) wait = *cap;
    auto waiting_deadline = (last.finished_at ? to_steady(*last.finished_at) : SteadyClock::now()) + wait;
    if (max_deadline && waiting_deadline > *max_deadline) return "Backoff would exceed max duration limit";
    if (limit && attempt + 1 <= *limit) {
      auto left = waiting_deadline - SteadyClock::now();
      if (left.count() > 0) sleep_unless_stopped(std::chrono::duration_cast<std::chrono::milliseconds>(left), deadline);
    }
    if (max_deadline) deadline = earlier(deadline, *max_deadline);
    return {};
  }

  std::string type_of(const ojson& tmpl) {
    std::string kind = template_kind(tmpl);
    return kind == "steps" ? "Steps" : kind == "dag" ? "DAG" : kind == "suspend" ? "Suspend" : "Pod";
  }

  void sleep_unless_stopped(std::chrono::milliseconds wait, Deadline deadline) {
    auto until = SteadyClock::now() + wait;
    while (SteadyClock::now() < until && !stop && !deadline_passed(deadline))
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  // ---- by kind ----------------------------------------------------------

  void run_kind(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
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

  // A data template runs here, in-process (data_template.h); Argo runs it
  // in a pod of its own: the node is a Pod node.
  void run_data(const std::string& id, const ojson& tmpl_in, Frame& frame) {
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

  // wfv1 Outputs.parameters[].globalName: exported as workflow.outputs.parameters.<globalName>.
  void publish_globals(const std::string& id, const ojson& tmpl) {
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

  // ---- suspend (operator.go executeSuspend) ------------------------------

  void run_suspend(const std::string& id, const ojson& tmpl, Frame& frame, Deadline deadline) {
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

  // ---- daemons (operator.go assessNodeStatus, killDaemonedChildren) ---------

  // Starts a daemon's pod on a thread of its own and returns once it runs:
  // the node is then Running and daemoned (assessNodeStatus: a running daemon
  // pod whose containers are all ready; flowc runs no readiness probe, so a
  // started container is ready), its IP this machine's loopback (every pod
  // here shares the host's network). When it ends — killed because its scope
  // ended, or by itself — a daemoned node is Succeeded (assessNodeStatus:
  // "ignore pod failure for daemoned steps").
  void start_daemon(const std::string& id, ProcessSpec spec, OutputSink sink) {
    auto d = std::make_unique<Daemon>();
    d->id = id;
    d->boundary = status.get(id).boundary_id;
    auto started = std::make_shared<std::pair<std::mutex, std::condition_variable>>();
    auto state = std::make_shared<int>(0);  // 0 starting, 1 daemoned, 2 ended
    spec.on_started = [this, id, started, state] {
      status.update(id, [&](Node& n) {
        n.daemoned = true;
        n.pod_ip = "127.0.0.1";
      });
      std::lock_guard<std::mutex> lock(started->first);
      *state = 1;
      started->second.notify_all();
    };
    Daemon* raw = d.get();
    d->thread = std::thread([this, raw, id, spec, sink, started, state] {
      ProcessResult r = executor.run(spec, raw->cancel, sink);
      Phase phase = Phase::Succeeded;
      std::string message;
      bool was_daemoned = status.get(id).daemoned;
      if (!was_daemoned || !r.error.empty()) {
        classify(r, phase, message);
        classify_pod_containers(r, phase, message);
      }
      status.update(id, [&](Node& n) {
        n.daemoned = false;
        n.stdout_path = r.stdout_path;
        n.stderr_path = r.stderr_path;
      });
      status.mark(id, phase, message);
      std::lock_guard<std::mutex> lock(started->first);
      *state = 2;
      started->second.notify_all();
    });
    {
      std::lock_guard<std::mutex> lock(daemons_mu);
      daemons.push_back(std::move(d));
    }
    std::unique_lock<std::mutex> lock(started->first);
    started->second.wait(lock, [&] { return *state != 0; });
  }

  void kill_all_daemons() {
    std::vector<std::string> scopes;
    {
      std::lock_guard<std::mutex> lock(daemons_mu);
      for (auto& d : daemons) scopes.push_back(d->boundary);
    }
    for (auto& b : scopes) kill_daemons(b);
  }

  // steps.go / dag.go killDaemonedChildren: a steps or DAG node's daemons
  // are killed once it has ended (SIGTERM, then SIGKILL after the grace
  // period), and waited for.
  void kill_daemons(const std::string& boundary) {
    std::vector<std::unique_ptr<Daemon>> mine;
    {
      std::lock_guard<std::mutex> lock(daemons_mu);
      for (auto it = daemons.begin(); it != daemons.end();)
        if ((*it)->boundary == boundary) {
          mine.push_back(std::move(*it));
          it = daemons.erase(it);
        } else {
          ++it;
        }
    }
    for (auto& d : mine) d->cancel = true;
    for (auto& d : mine) d->thread.join();
  }

  // ---- an http template (http_template.h) -----------------------------------

  // agent.go executeHTTPTemplate: the request from a process of its own (as
  // Argo's agent pod), bounded by timeoutSeconds and the template's deadline.
  void run_http(const std::string& id, const ojson& tmpl_in, Frame& frame, Deadline deadline) {
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

  // ---- a pod: container, script, containerSet ------------------------------

  std::string python_argv0(const std::string& cmd) {
    if ((cmd == "python" || cmd == "python3") && !options.python.empty()) return options.python;
    return cmd;
  }

  void run_pod(const std::string& id, const std::string& node_name, const ojson& tmpl_in, Frame& frame, Deadline deadline) {
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
    fs::create_directories(node_dir);

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
    if (kind == "containerSet") {
      containers = container_set_order(tmpl["containerSet"]);
    } else {
      containers.push_back(tmpl[kind]);
    }
    SlotGuard slot(pods);  // spec.parallelism / --parallelism: running pods
    if (stop) {
      status.mark(id, Phase::Failed, stop_message);
      return;
    }
    ProcessResult main_result;
    bool have_main = false;
    Phase phase = Phase::Succeeded;
    std::string message;
    for (size_t ci = 0; ci < containers.size(); ++ci) {
      const ojson& c = containers[ci];
      ProcessSpec spec;
      spec.node_id = kind == "containerSet" ? id + "-" + str(c, "name") : id;
      spec.pod = kind == "containerSet" ? id : "";
      std::vector<std::string> argv;
      if (c.contains("command"))
        for (auto& x : c["command"]) argv.push_back(value_text(json::parse(x.dump())));
      if (!argv.empty()) argv[0] = python_argv0(argv[0]);
      std::vector<PlacedFile> placed = inputs;
      if (kind == "script") {
        // Argo places a script's source in the pod and appends its path
        // (workflow/common: ExecutorScriptSourcePath "/argo/staging/script").
        fs::path script = node_dir / "script";
        std::ofstream(script, std::ios::binary) << str(c, "source");
        placed.push_back({"/argo/staging/script", script.string()});
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
      if (kind != "containerSet") {
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
      bool is_main = kind != "containerSet" || str(c, "name") == "main" || (ci + 1 == containers.size() && !have_main);
      if (is_main) spec.output_paths = out_paths;
      if (deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - SteadyClock::now());
        spec.deadline = std::max(left, std::chrono::milliseconds(1));
      }
      std::string child_id;
      if (kind == "containerSet") {
        // container_set_template.go: one Container node per container, "<pod>.<container>".
        child_id = status.add_node(node_name + "." + str(c, "name"), str(c, "name"), "Container", tmpl.value("name", ""), id);
        status.add_child(id, child_id);
        status.mark(child_id, Phase::Running);
      }
      // --logs prefixes each line with the pod's name, as `argo logs` does
      // (cmd/argo/commands/logs.go: fmt.Sprintf("%s: %s", event.PodName, ...)).
      std::string pod = pod_name(node_name, tmpl.value("name", ""));
      OutputSink sink;
      if (options.on_output)
        sink = [&, pod](std::string_view chunk, bool err) { options.on_output(pod, chunk, err); };
      if (kind != "containerSet" && tmpl.value("daemon", false)) {
        status.update(id, [&](Node& n) { n.work_dir = node_dir.string(); });
        start_daemon(id, spec, sink);
        return;
      }
      ProcessResult r = executor.run(spec, stop_flag(), sink);
      Phase cp = Phase::Succeeded;
      std::string cm;
      classify(r, cp, cm);
      classify_pod_containers(r, cp, cm);
      if (!child_id.empty()) {
        status.update(child_id, [&](Node& n) {
          n.stdout_path = r.stdout_path;
          n.stderr_path = r.stderr_path;
          n.outputs = {{"exitCode", std::to_string(r.exit_code)}};
        });
        status.mark(child_id, cp, cm);
      }
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
    // Outputs: exitCode, result (stdout), parameters from files, artifacts.
    ojson outputs = ojson::object();
    // (An init container that failed: the main container never ran, no outputs.)
    if (have_main && !(main_result.exit_code < 0 && !main_result.pod_containers.empty())) {
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

  const std::atomic<bool>& stop_flag() const { return stop; }

  // The pod's phase from its main container's end, as the controller reads
  // the pod status (operator.go assessNodeStatus / inferFailedReason).
  void classify(const ProcessResult& r, Phase& phase, std::string& message) {
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

  std::string collect_outputs(const ojson& tmpl, const ProcessResult& r, ojson& outputs, bool succeeded) {
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

  // containerSet containers in dependency order (a container after those it
  // names in `dependencies`), otherwise in the order written.
  std::vector<ojson> container_set_order(const ojson& cs) {
    std::vector<ojson> all;
    if (cs.contains("containers"))
      for (auto& c : cs["containers"]) {
        // container_set_template.go GetContainers: the set's volumeMounts
        // are appended to each container's.
        ojson with = c;
        if (cs.contains("volumeMounts") && cs["volumeMounts"].is_array())
          for (auto& vm : cs["volumeMounts"]) with["volumeMounts"].push_back(vm);
        all.push_back(std::move(with));
      }
    std::vector<ojson> out;
    std::set<std::string> done;
    while (out.size() < all.size()) {
      bool progressed = false;
      for (auto& c : all) {
        std::string name = str(c, "name");
        if (done.count(name)) continue;
        bool ready = true;
        if (c.contains("dependencies"))
          for (auto& d : c["dependencies"]) ready = ready && done.count(d.get<std::string>());
        if (ready) {
          out.push_back(c);
          done.insert(name);
          progressed = true;
        }
      }
      if (!progressed) break;  // a cycle: validation refuses it; run what is ordered
    }
    return out;
  }

  // ---- outputs of steps / DAG templates (operator.go getTemplateOutputsFromScope) --

  // scope.go resolveArtifact: an output artifact's fromExpression is an
  // expr program over the template's scope (env.GetFuncMap), whose result
  // must be an artifact ("Variable {{...}} is not an artifact" otherwise).
  // The scope's artifacts enter the environment as objects that carry their
  // key, so that the program's result says which artifact it chose.
  std::string artifact_from_expression(const std::string& expression, Frame& frame, std::string& key) {
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

  std::string template_outputs(const std::string& id, const ojson& tmpl, Frame& frame) {
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

  // ---- scope entries for a finished step/task (steps.go / dag.go) ----------

  void add_node_scope(Frame& frame, const std::string& prefix, const Node& n) {
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

  // processAggregateNodeOutputs (operator.go): a loop's outputs as JSON lists
  // of its Succeeded children's, in loop order.
  void add_aggregate_scope(Frame& frame, const std::string& prefix, const std::vector<std::string>& child_ids) {
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

  // ---- loops (steps.go expandStep / dag.go expandTask) ----------------------

  struct Expanded {
    ojson step;   // the step/task with its name "<name>(i:item)" and item substituted
    bool has_item = false;
  };

  // The items of a loop; false with `error` when they cannot be read.
  bool loop_items(const ojson& step, Frame& frame, std::vector<json>& items, bool& is_loop, std::string& error) {
    is_loop = false;
    if (step.contains("withItems")) {
      is_loop = true;
      Substitution sub;
      ojson v = substitute_tree(step["withItems"], frame.vars, false, sub);
      if (!sub.ok) {
        error = sub.error;
        return false;
      }
      for (auto& x : v) items.push_back(json::parse(x.dump()));
      return true;
    }
    if (step.contains("withParam")) {
      is_loop = true;
      Substitution sub;
      std::string text = substitute(str(step, "withParam"), frame.vars, false, sub);
      if (!sub.ok) {
        error = sub.error;
        return false;
      }
      json list;
      try {
        list = json::parse(text);
      } catch (...) {
        error = "withParam value could not be parsed as a JSON list: " + text;
        return false;
      }
      if (!list.is_array()) {
        error = "withParam value could not be parsed as a JSON list: " + text;
        return false;
      }
      for (auto& x : list) items.push_back(x);
      return true;
    }
    if (step.contains("withSequence")) {
      is_loop = true;
      Substitution sub;
      ojson seq = substitute_tree(step["withSequence"], frame.vars, false, sub);
      if (!sub.ok) {
        error = sub.error;
        return false;
      }
      // steps.go expandSequence (sequence.h).
      if (!expand_sequence(json::parse(seq.dump()), items, error)) return false;
      return true;
    }
    return true;
  }

  std::vector<Expanded> expand(const ojson& step, const std::vector<json>& items, Frame& frame) {
    std::vector<Expanded> out;
    std::string name = str(step, "name");
    for (size_t i = 0; i < items.size(); ++i) {
      Scope s = frame.vars;
      s["item"] = items[i];
      if (items[i].is_object())
        for (auto& [k, v] : items[i].items()) s["item." + k] = v;
      ojson copy = step;
      copy.erase("withItems");
      copy.erase("withParam");
      copy.erase("withSequence");
      Substitution sub;
      // Only the item is substituted here (steps.go expandStep uses the item
      // alone); the rest when the step runs.
      Scope item_only;
      item_only["item"] = items[i];
      if (items[i].is_object())
        for (auto& [k, v] : items[i].items()) item_only["item." + k] = v;
      copy = substitute_tree(copy, item_only, true, sub);
      copy["name"] = name + "(" + std::to_string(i) + ":" + item_label(items[i]) + ")";
      out.push_back({copy, true});
    }
    return out;
  }

  // ---- steps (steps.go executeSteps / executeStepGroup) -------------------

  bool continues_on(const ojson& step, Phase p) {
    if (!step.contains("continueOn")) return false;
    const ojson& c = step["continueOn"];
    if (p == Phase::Failed) return c.value("failed", false);
    if (p == Phase::Error) return c.value("error", false);
    return false;
  }

  // Runs `jobs` at most `limit` at a time (0: all at once), each on its own thread.
  void run_parallel(std::vector<std::function<void()>>& jobs, int limit) {
    if (jobs.empty()) return;
    if (jobs.size() == 1) {
      jobs[0]();
      return;
    }
    size_t workers = limit > 0 ? std::min<size_t>(limit, jobs.size()) : jobs.size();
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (size_t w = 0; w < workers; ++w)
      threads.emplace_back([&] {
        for (size_t i = next++; i < jobs.size(); i = next++) jobs[i]();
      });
    for (auto& t : threads) t.join();
  }

  int template_parallelism(const ojson& tmpl) {
    if (tmpl.contains("parallelism") && tmpl["parallelism"].is_number()) return tmpl["parallelism"].get<int>();
    return 0;
  }

  void run_steps(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                 Frame& frame, Deadline deadline) {
    const ojson& groups = tmpl["steps"];
    std::vector<std::string> prev_children;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      std::string sg_name = node_name + "[" + std::to_string(gi) + "]";
      std::string sg = status.add_node(sg_name, "[" + std::to_string(gi) + "]", "StepGroup", tmpl.value("name", ""), id);
      status.update(sg, [&](Node& n) { n.template_scope = base->scope; });
      // steps.go: the first group is the steps node's child; a later group is
      // the child of every outbound node of the previous group's steps.
      if (gi == 0) status.add_child(id, sg);
      else
        for (auto& c : prev_children)
          for (auto& o : outbound(c)) status.add_child(o, sg);
      status.mark(sg, Phase::Running);

      struct Child {
        ojson step;
        std::string base_name;  // the step's name before expansion
        bool loop = false;
      };
      std::vector<Child> children;
      std::map<std::string, std::vector<std::string>> loop_ids;  // step name -> its children's IDs
      std::vector<std::string> group_children;
      std::mutex mu;
      std::string expand_error;
      for (auto& step : groups[gi]) {
        std::vector<json> items;
        bool is_loop = false;
        std::string err;
        if (!loop_items(step, frame, items, is_loop, err)) {
          expand_error = err;
          break;
        }
        if (!is_loop) {
          children.push_back({step, str(step, "name"), false});
          continue;
        }
        loop_ids[str(step, "name")];
        if (items.empty()) {
          // steps.go: an empty loop is a Skipped node "Skipped, empty params".
          std::string skip_id = status.add_node(sg_name + "." + str(step, "name"), str(step, "name"), "Skipped",
                                                str(step, "template"), id);
          status.add_child(sg, skip_id);
          status.mark(skip_id, Phase::Skipped, "Skipped, empty params");
          group_children.push_back(skip_id);
          continue;
        }
        for (auto& e : expand(step, items, frame)) children.push_back({e.step, str(step, "name"), true});
      }
      if (!expand_error.empty()) {
        status.mark(sg, Phase::Error, expand_error);
        status.mark(id, Phase::Error, expand_error);
        return;
      }
      std::vector<std::string> ids(children.size());
      std::vector<std::function<void()>> jobs;
      for (size_t ci = 0; ci < children.size(); ++ci)
        jobs.push_back([&, ci] {
          const ojson& step = children[ci].step;
          std::string child_name = sg_name + "." + str(step, "name");
          ids[ci] = run_step(child_name, str(step, "name"), step, base, frame, id, sg, deadline);
        });
      run_parallel(jobs, template_parallelism(tmpl));
      for (size_t ci = 0; ci < children.size(); ++ci) {
        group_children.push_back(ids[ci]);
        if (children[ci].loop) loop_ids[children[ci].base_name].push_back(ids[ci]);
      }
      // executeStepGroup: "child '%s' failed" for the first unsuccessful child
      // without continueOn, once all children are fulfilled.
      std::string failed_msg;
      Phase group_phase = Phase::Succeeded;
      for (size_t ci = 0; ci < children.size(); ++ci) {
        Node n = status.get(ids[ci]);
        if (!successful(n.phase) && !n.daemoned && !continues_on(children[ci].step, n.phase) && failed_msg.empty()) {
          failed_msg = "child '" + n.id + "' failed";
          group_phase = Phase::Failed;
        }
      }
      // The scope for later groups: steps.<name>.*, loops aggregated.
      for (size_t ci = 0; ci < children.size(); ++ci)
        if (!children[ci].loop) add_node_scope(frame, "steps." + children[ci].base_name, status.get(ids[ci]));
      for (auto& [name, lids] : loop_ids) add_aggregate_scope(frame, "steps." + name, lids);
      status.mark(sg, group_phase, failed_msg);
      prev_children = group_children;
      if (group_phase != Phase::Succeeded) {
        // executeSteps: the steps node fails with the group's message.
        set_outbound(id, prev_children);
        status.mark(id, Phase::Failed, failed_msg);
        return;
      }
    }
    set_outbound(id, prev_children);
    status.mark(id, Phase::Succeeded);
  }

  void set_outbound(const std::string& id, const std::vector<std::string>& children) {
    std::vector<std::string> out;
    for (auto& c : children)
      for (auto& o : outbound(c)) out.push_back(o);
    status.update(id, [&](Node& n) { n.outbound_nodes = out; });
  }

  // operator.go getOutboundNodes.
  std::vector<std::string> outbound(const std::string& id) {
    Node n = status.get(id);
    if (n.type == "Skipped" || n.type == "Suspend" || n.type == "HTTP" || n.type == "Plugin" || n.type == "Pod" ||
        n.type == "Container")
      return {n.id};
    if (n.type == "TaskGroup" && n.children.empty()) return {n.id};
    if (n.type == "Retry") {
      if (!n.children.empty()) return {n.children.back()};
      return {n.id};
    }
    std::vector<std::string> out;
    const std::vector<std::string>& from = n.type == "TaskGroup" ? n.children : n.outbound_nodes;
    for (auto& o : from)
      for (auto& x : outbound(o)) out.push_back(x);
    if (out.empty()) out.push_back(n.id);
    return out;
  }

  // One step: `when` (operator.go shouldExecute), then the template, then its
  // step-level onExit / exit hook (as "<node>.onExit").
  std::string run_step(const std::string& node_name, const std::string& display, const ojson& step,
                       const TemplateBase* base, Frame& frame, const std::string& boundary, const std::string& parent,
                       Deadline deadline) {
    Frame local;
    {
      local = frame;  // a copy: siblings run in parallel
    }
    if (step.contains("when")) {
      Substitution sub;
      std::string when = substitute(str(step, "when"), local.vars, false, sub);
      if (!sub.ok) {
        std::string id = status.add_node(node_name, display, "Skipped", str(step, "template"), boundary);
        link(parent, id);
        status.mark(id, Phase::Error, sub.error);
        return id;
      }
      WhenResult w = evaluate_when(when);
      if (!w.ok || !w.value) {
        std::string id = status.add_node(node_name, display, "Skipped", str(step, "template"), boundary);
        link(parent, id);
        if (!w.ok) status.mark(id, Phase::Error, w.error);
        else status.mark(id, Phase::Skipped, "when '" + when + "' evaluated false");
        return id;
      }
    }
    ojson args = substitute_args(step.value("arguments", ojson::object()), local, sub_error_);
    std::string id;
    if (args.contains("__error")) {
      id = status.add_node(node_name, display, "Pod", str(step, "template"), boundary);
      link(parent, id);
      status.mark(id, Phase::Error, args["__error"].get<std::string>());
      return id;
    }
    std::string self = "steps." + str(step, "name");
    id = with_hooks(step, node_name, display, self, local, base, boundary, deadline, [&] {
      return execute(node_name, display, step, base, args, local, boundary, deadline, false, parent);
    });
    run_step_exit(id, node_name, step, base, local, boundary, deadline);
    return id;
  }
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
                         const std::string& boundary, Deadline deadline, const std::function<std::string()>& body) {
    std::vector<std::pair<std::string, ojson>> hooks;
    const ojson& spec_hooks = self.empty() ? plan.workflow["spec"] : holder;
    if (spec_hooks.contains("hooks") && spec_hooks["hooks"].is_object())
      for (auto& [name, hook] : spec_hooks["hooks"].items())
        if (name != "exit") hooks.emplace_back(name, hook);
    if (hooks.empty()) return body();

    const Frame watch_frame = frame;  // the watcher's own copy: the body runs with `frame`
    std::vector<bool> fired(hooks.size(), false);
    std::vector<std::thread> running;
    std::mutex mu;
    std::string hook_error;
    std::atomic<bool> done{false};
    auto check = [&] {
      // Only once the node exists (node_id() is a hash of the name, known before).
      std::optional<Node> found = status.find_by_name(node_name);
      if (!found) return;
      const Node& n = *found;
      const std::string id = n.id;
      Frame f = watch_frame;
      if (self.empty()) {
        f.vars = globals_copy();
        // operator.go operate sets both from the entry node before executeWfLifeCycleHook.
        f.vars["workflow.status"] = std::string(workflow_status_name(n.phase));
        f.vars["workflow.failures"] = failures_json();
      } else {
        add_node_scope(f, self, n);
      }
      for (size_t i = 0; i < hooks.size(); ++i) {
        if (fired[i]) continue;
        const auto& [hname, hook] = hooks[i];
        ExprResult r = evaluate_expr(str(hook, "expression"), expr_env(f.vars));
        if (!r.ok) {
          std::lock_guard<std::mutex> lock(mu);
          if (hook_error.empty()) hook_error = "hook '" + hname + "': " + r.error;
          fired[i] = true;  // evaluated no further
          continue;
        }
        bool yes = r.value.is_boolean() && r.value.get<bool>();
        if (!yes) continue;
        fired[i] = true;
        std::string hook_node = (self.empty() ? status.workflow_name() : node_name) + ".hooks." + hname;
        std::string hook_display = (self.empty() ? status.workflow_name() : n.display_name) + ".hooks." + hname;
        ojson args = substitute_args(hook.value("arguments", ojson::object()), f, sub_error_);
        // hooks.go: addChildNode(parentNode.Name, hookNodeName) (the entry node for the workflow's)
        running.emplace_back([this, hook_node, hook_display, hook = hook, base, args, f, boundary, deadline, id]() mutable {
          execute(hook_node, hook_display, hook, base, args, f, boundary, deadline, true, id);
        });
      }
    };
    std::thread watcher([&] {
      while (!done) {
        check();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
    std::string id = body();
    done = true;
    watcher.join();
    check();  // once more on the finished node
    for (auto& t : running) t.join();
    if (!hook_error.empty()) status.mark(id, Phase::Error, hook_error);
    return id;
  }

  // Arguments substituted in the caller's scope; artifacts' `from` is kept
  // for resolve_artifact.
  ojson substitute_args(const ojson& args, Frame& frame, std::string&) {
    ojson out = args;
    Substitution sub;
    if (out.contains("parameters"))
      for (auto& p : out["parameters"])
        if (p.contains("value")) p["value"] = substitute_tree(p["value"], frame.vars, false, sub);
    if (out.contains("artifacts"))
      for (auto& a : out["artifacts"])
        if (a.contains("raw")) a["raw"] = substitute_tree(a["raw"], frame.vars, false, sub);
    if (!sub.ok) {
      // The failure is the node's: shown as an Error node with the message.
      ojson bad = ojson::object();
      bad["__error"] = sub.error;
      return bad;
    }
    return out;
  }

  void run_step_exit(const std::string& id, const std::string& node_name, const ojson& step, const TemplateBase* base,
                     Frame& frame, const std::string& boundary, Deadline deadline) {
    ojson holder;
    if (step.contains("onExit")) holder = {{"template", step["onExit"]}};
    else if (step.contains("hooks") && step["hooks"].contains("exit")) holder = step["hooks"]["exit"];
    if (holder.is_null()) return;
    Node n = status.get(id);
    Frame f = frame;
    // exit_handler.go: the exit node sees the step's own status and outputs.
    std::string self = step.contains("dependencies") || step.contains("depends") ? "tasks." : "steps.";
    add_node_scope(f, self + str(step, "name"), n);
    ojson args = substitute_args(holder.value("arguments", ojson::object()), f, sub_error_);
    execute(node_name + ".onExit", n.display_name + ".onExit", holder, base, args, f, boundary, deadline, true, id);
  }

  // ---- DAG (dag.go executeDAG / executeDAGTask / assessDAGPhase) ------------

  // Whether the node or a node below it (its children, theirs, ...) is
  // Failed or Error. A task's dependents are connected only once it has
  // finished, so this walks the task's own nodes.
  bool subtree_failed(const std::string& id) {
    std::vector<std::string> todo{id};
    std::set<std::string> seen;
    while (!todo.empty()) {
      std::string nid = todo.back();
      todo.pop_back();
      if (!seen.insert(nid).second) continue;
      Node n = status.get(nid);
      if (failed_or_error(n.phase)) return true;
      todo.insert(todo.end(), n.children.begin(), n.children.end());
    }
    return false;
  }

  void run_dag(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
               Frame& frame, Deadline deadline) {
    const ojson& dag = tmpl["dag"];
    std::vector<ojson> tasks;
    for (auto& t : dag["tasks"]) tasks.push_back(t);
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < tasks.size(); ++i) index[str(tasks[i], "name")] = i;
    // Each task's depends expression and the tasks it names.
    std::vector<std::string> depends(tasks.size());
    std::vector<std::vector<std::string>> deps(tasks.size());
    for (size_t i = 0; i < tasks.size(); ++i) {
      if (tasks[i].contains("depends")) {
        depends[i] = str(tasks[i], "depends");
        DependsParse p = parse_depends(depends[i]);
        if (!p.ok) {
          status.mark(id, Phase::Error, p.error);
          return;
        }
        deps[i] = p.tasks;
      } else if (tasks[i].contains("dependencies")) {
        for (auto& d : tasks[i]["dependencies"]) deps[i].push_back(d.get<std::string>());
        depends[i] = dependencies_to_depends(deps[i]);
      }
      for (auto& d : deps[i])
        if (!index.count(d)) {
          status.mark(id, Phase::Error, "task '" + str(tasks[i], "name") + "' depends on unknown task '" + d + "'");
          return;
        }
    }
    // Targets: dag.target (space-separated) or the tasks nothing depends on.
    std::vector<std::string> targets;
    std::string target = str(dag, "target");
    if (!target.empty()) {
      Substitution sub;
      target = substitute(target, frame.vars, false, sub);
      std::istringstream in(target);
      for (std::string t; in >> t;) targets.push_back(t);
    } else {
      std::set<std::string> depended;
      for (auto& d : deps)
        for (auto& x : d) depended.insert(x);
      for (auto& t : tasks)
        if (!depended.count(str(t, "name"))) targets.push_back(str(t, "name"));
    }
    // Only the targets and what they depend on run.
    std::set<std::string> needed;
    std::function<void(const std::string&)> need = [&](const std::string& t) {
      if (!index.count(t) || !needed.insert(t).second) return;
      for (auto& d : deps[index[t]]) need(d);
    };
    for (auto& t : targets) need(t);
    bool fail_fast = !dag.contains("failFast") || dag["failFast"].get<bool>();

    enum class St { Waiting, Running, Done };
    std::vector<St> state(tasks.size(), St::Waiting);
    std::vector<std::string> task_node(tasks.size());
    std::mutex mu;
    std::condition_variable cv;
    int running = 0;
    int limit = template_parallelism(tmpl);
    // A task's thread, joined by this loop as soon as it has ended: a
    // finished thread left unjoined keeps its stack mapped, and every node's
    // fork (host executor) copies the page tables of all of them (a
    // 1,000-task chain spent 27 ms of system time a node in those copies).
    std::map<size_t, std::thread> threads;
    std::vector<size_t> ended;
    bool failure_seen = false;  // a node of a finished task failed: failFast's BFS is worth running
    auto task_prefix = [&](size_t i) { return "tasks." + str(tasks[i], "name"); };
    auto continues = [&](const std::string& name, const char* what) {
      auto it = index.find(name);
      if (it == index.end() || !tasks[it->second].contains("continueOn")) return false;
      return tasks[it->second]["continueOn"].value(what, false);
    };
    bool any_failed = false;
    // assessDAGPhase's BFS, for failFast while tasks still run: a target
    // whose branch phase is Failed or Error (without continueOn). Called with `mu` held.
    auto target_failed = [&]() {
      std::set<std::string> target_ids;
      for (auto& t : targets)
        if (index.count(t) && !task_node[index.at(t)].empty()) target_ids.insert(task_node[index.at(t)]);
      std::vector<std::pair<std::string, Phase>> queue;
      std::set<std::pair<std::string, Phase>> seen;
      for (auto& c : status.get(id).children) queue.push_back({c, Phase::Succeeded});
      for (size_t qi = 0; qi < queue.size(); ++qi) {
        auto [nid, branch] = queue[qi];
        if (!seen.insert(queue[qi]).second) continue;
        Node n = status.get(nid);
        if (completed(n.phase)) branch = n.phase;
        if (target_ids.count(nid) && fulfilled(n.phase) && failed_or_error(branch) &&
            !continues_on(tasks[index.at(n.display_name)], branch))
          return true;
        std::vector<std::string> next = n.children;
        if (n.type == "Retry" && !n.children.empty()) next = status.get(n.children.back()).children;
        for (auto& c : next) queue.push_back({c, branch});
      }
      return false;
    };

    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      bool started = false;
      for (size_t i = 0; i < tasks.size(); ++i) {
        std::string name = str(tasks[i], "name");
        if (state[i] != St::Waiting || !needed.count(name)) continue;
        bool ready = true;
        for (auto& d : deps[i]) ready = ready && state[index[d]] == St::Done;
        if (!ready) continue;
        std::string task_name = node_name + "." + name;
        // evaluateDependsLogic: each dependency's TaskResults.
        std::map<std::string, TaskResults> results;
        for (auto& d : deps[i]) {
          Node dn = status.get(task_node[index[d]]);
          TaskResults r;
          r.succeeded = dn.phase == Phase::Succeeded;
          r.failed = dn.phase == Phase::Failed;
          r.errored = dn.phase == Phase::Error;
          r.skipped = dn.phase == Phase::Skipped;
          r.omitted = dn.phase == Phase::Omitted;
          r.daemoned = dn.daemoned;
          if (dn.type == "TaskGroup") {
            r.all_failed = !dn.children.empty();
            for (auto& c : dn.children) {
              Phase cp = status.get(c).phase;
              r.any_succeeded = r.any_succeeded || cp == Phase::Succeeded;
              r.all_failed = r.all_failed && cp == Phase::Failed;
            }
          }
          results[d] = r;
        }
        bool go = depends[i].empty() || evaluate_depends(depends[i], results, continues);
        // By value: the task's thread calls it after this loop moved on.
        auto connect = [this, &deps, &task_node, &index, id, i](const std::string& tid) {
          if (deps[i].empty()) status.add_child(id, tid);
          for (auto& d : deps[i])
            for (auto& o : outbound(task_node[index.at(d)])) status.add_child(o, tid);
        };
        if (!go) {
          // executeDAGTask: "omitted: depends condition not met".
          std::string tid = status.add_node(task_name, name, "Skipped", str(tasks[i], "template"), id);
          connect(tid);
          status.mark(tid, Phase::Omitted, "omitted: depends condition not met");
          task_node[i] = tid;
          state[i] = St::Done;
          started = true;
          continue;
        }
        // failFast (default true): assessDAGPhase fails the DAG as soon as a
        // target's branch failed; after that no new task starts.
        if ((fail_fast && any_failed) || stop) continue;
        if (limit > 0 && running >= limit) continue;
        state[i] = St::Running;
        ++running;
        started = true;
        threads[i] = std::thread([&, i, name, task_name, connect]() mutable {
          std::string tid;
          Frame local;
          {
            std::lock_guard<std::mutex> l(mu);
            local = frame;
          }
          tid = run_task(task_name, name, tasks[i], base, local, id, deadline, connect);
          Node n = status.get(tid);
          std::lock_guard<std::mutex> l(mu);
          task_node[i] = tid;
          (void)n;
          if (n.type == "TaskGroup") {
            add_aggregate_scope(frame, task_prefix(i), n.children);
            frame.vars[task_prefix(i) + ".status"] = std::string(phase_name(n.phase));
            frame.vars[task_prefix(i) + ".id"] = n.id;
          } else {
            add_node_scope(frame, task_prefix(i), n);
          }
          state[i] = St::Done;
          --running;
          // A target's branch turns Failed/Error only through a failed or
          // errored node: until one exists, the BFS (a walk of the whole
          // DAG after every task) cannot find one.
          failure_seen = failure_seen || subtree_failed(tid);
          if (fail_fast && failure_seen && target_failed()) any_failed = true;
          ended.push_back(i);
          cv.notify_all();
        });
      }
      std::vector<size_t> to_join;
      to_join.swap(ended);  // (threads append to `ended` while this one waits unlocked)
      for (size_t e : to_join) {
        auto t = threads.find(e);
        lock.unlock();  // the thread may still be releasing `mu`
        t->second.join();
        lock.lock();
        threads.erase(t);
      }
      // A join unlocks `mu`: a task may have ended meanwhile (running down
      // to 0, a dependent now ready), so look at the tasks again before
      // deciding the DAG is done.
      if (started || !to_join.empty()) continue;
      if (running == 0) break;
      cv.wait(lock);
    }
    lock.unlock();
    for (auto& [i, t] : threads) t.join();

    // assessDAGPhase: a BFS from the DAG's children carrying the branch phase.
    std::map<std::string, Phase> target_phase;
    std::set<std::string> target_ids;
    for (auto& t : targets)
      if (index.count(t) && !task_node[index[t]].empty()) target_ids.insert(task_node[index[t]]);
    std::vector<std::pair<std::string, Phase>> queue;
    std::set<std::pair<std::string, Phase>> seen;
    for (auto& c : status.get(id).children) queue.push_back({c, Phase::Succeeded});
    std::map<std::string, std::optional<Phase>> found;
    for (size_t qi = 0; qi < queue.size(); ++qi) {
      auto [nid, branch] = queue[qi];
      if (!seen.insert(queue[qi]).second) continue;
      Node n = status.get(nid);
      if (completed(n.phase)) branch = n.phase;
      if (target_ids.count(nid)) {
        auto& prev = found[nid];
        if (!prev || !failed_or_error(*prev)) prev = branch;
      }
      std::vector<std::string> next = n.children;
      if (n.type == "Retry" && !n.children.empty()) next = status.get(n.children.back()).children;
      for (auto& c : next) queue.push_back({c, branch});
    }
    Phase result = Phase::Succeeded;
    bool incomplete = false;
    for (auto& t : targets) {
      std::string tid = index.count(t) ? task_node[index[t]] : "";
      std::optional<Phase> p = tid.empty() ? std::nullopt : found[tid];
      if (!p) {
        incomplete = true;
        if (!fail_fast) break;
      } else if (failed_or_error(*p)) {
        if (index.count(t) && continues_on(tasks[index[t]], *p)) continue;
        result = *p;
        if (fail_fast) break;
      }
    }
    // Targets that never got a node (failFast stopped them, or the run
    // stopped) leave the DAG Failed: nothing more will run.
    if (result == Phase::Succeeded && incomplete) result = Phase::Failed;
    std::vector<std::string> out;
    for (auto& t : targets)
      if (index.count(t) && !task_node[index[t]].empty())
        for (auto& o : outbound(task_node[index[t]])) out.push_back(o);
    status.update(id, [&](Node& n) { n.outbound_nodes = out; });
    status.mark(id, result, result == Phase::Succeeded ? "" : (stop ? stop_message : ""));
  }

  // One DAG task: a loop becomes a TaskGroup "<dag>.<task>" with children
  // "<dag>.<task>(i:item)"; `when` per expanded task.
  std::string run_task(const std::string& task_name, const std::string& display, const ojson& task,
                       const TemplateBase* base, Frame& frame, const std::string& dag_id, Deadline deadline,
                       const std::function<void(const std::string&)>& connect) {
    std::vector<json> items;
    bool is_loop = false;
    std::string err;
    if (!loop_items(task, frame, items, is_loop, err)) {
      std::string tid = status.add_node(task_name, display, "TaskGroup", str(task, "template"), dag_id);
      connect(tid);
      status.mark(tid, Phase::Error, err);
      return tid;
    }
    if (!is_loop) {
      // The node is created inside run_step; connect it to its parents first.
      std::string tid = status.node_id(task_name);
      std::string id = run_dag_leaf(task_name, display, task, base, frame, dag_id, deadline, connect);
      (void)tid;
      return id;
    }
    std::string gid = status.add_node(task_name, display, "TaskGroup", str(task, "template"), dag_id);
    connect(gid);
    if (items.empty()) {
      status.mark(gid, Phase::Skipped, "Skipped, empty params");
      return gid;
    }
    status.mark(gid, Phase::Running);
    auto expanded = expand(task, items, frame);
    std::vector<std::string> ids(expanded.size());
    std::vector<std::function<void()>> jobs;
    for (size_t i = 0; i < expanded.size(); ++i)
      jobs.push_back([&, i] {
        std::string child_name = task_name.substr(0, task_name.rfind('.') + 1) + str(expanded[i].step, "name");
        ids[i] = run_dag_leaf(child_name, str(expanded[i].step, "name"), expanded[i].step, base, frame, dag_id, deadline,
                              [&](const std::string& cid) { status.add_child(gid, cid); });
      });
    run_parallel(jobs, template_parallelism_of_task(task));
    Phase phase = Phase::Succeeded;
    std::string message;
    for (auto& cid : ids) {
      Node n = status.get(cid);
      if (!successful(n.phase) && !continues_on(task, n.phase) && message.empty()) {
        phase = failed_or_error(n.phase) ? n.phase : Phase::Failed;
        message = "child '" + n.id + "' failed";
      }
    }
    status.mark(gid, phase, message);
    return gid;
  }

  int template_parallelism_of_task(const ojson&) { return 0; }

  std::string run_dag_leaf(const std::string& node_name, const std::string& display, const ojson& task,
                           const TemplateBase* base, Frame& frame, const std::string& dag_id, Deadline deadline,
                           const std::function<void(const std::string&)>& connect) {
    Frame local = frame;
    if (task.contains("when")) {
      Substitution sub;
      std::string when = substitute(str(task, "when"), local.vars, false, sub);
      WhenResult w = sub.ok ? evaluate_when(when) : WhenResult{false, false, sub.error};
      if (!w.ok || !w.value) {
        std::string id = status.add_node(node_name, display, "Skipped", str(task, "template"), dag_id);
        connect(id);
        if (!w.ok) status.mark(id, Phase::Error, w.error);
        else status.mark(id, Phase::Skipped, "when '" + when + "' evaluated false");
        return id;
      }
    }
    ojson args = substitute_args(task.value("arguments", ojson::object()), local, sub_error_);
    if (args.contains("__error")) {
      std::string id = status.add_node(node_name, display, "Pod", str(task, "template"), dag_id);
      connect(id);
      status.mark(id, Phase::Error, args["__error"].get<std::string>());
      return id;
    }
    // The node is connected before it runs (dag.go: addChildNode first).
    std::string pre = status.node_id(node_name);
    ojson inline_store;
    std::string error;
    const TemplateBase* tb = base;
    const ojson* t = resolve_template(plan, tb, task, inline_store, error);
    std::string type = !t ? "Pod" : t->contains("retryStrategy") ? "Retry" : type_of(*t);
    std::string id = status.add_node(node_name, display, type, t ? t->value("name", "") : "", dag_id);
    connect(id);
    (void)pre;
    id = with_hooks(task, node_name, display, "tasks." + str(task, "name"), local, base, dag_id, deadline, [&] {
      return execute(node_name, display, task, base, args, local, dag_id, deadline, false, "");
    });
    run_step_exit(id, node_name, task, base, local, dag_id, deadline);
    return id;
  }
};

Scheduler::Scheduler(const Plan& plan, Executor& executor, RunOptions options, WorkflowStatus& status)
    : impl_(std::make_unique<Impl>(plan, executor, std::move(options), status)) {}
Scheduler::~Scheduler() = default;

Phase Scheduler::run(const std::atomic<bool>& interrupt) { return impl_->run(interrupt); }

}  // namespace flowc::run

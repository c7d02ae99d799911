// The scheduler (run/scheduler.h), part: DAG (dag.go executeDAG / executeDAGTask / assessDAGPhase).
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

bool Scheduler::Impl::subtree_failed(const std::string& id) {
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

void Scheduler::Impl::run_dag(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
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

std::string Scheduler::Impl::run_task(const std::string& task_name, const std::string& display, const ojson& task,
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

int Scheduler::Impl::template_parallelism_of_task(const ojson&) { return 0; }

std::string Scheduler::Impl::run_dag_leaf(const std::string& node_name, const std::string& display, const ojson& task,
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

}  // namespace flowc::run

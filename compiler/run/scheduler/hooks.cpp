// The scheduler (run/scheduler.h), part: lifecycle hooks (hooks.go) and step exit handlers.
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

std::string Scheduler::Impl::with_hooks(const ojson& holder, const std::string& node_name, const std::string& display,
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
  struct JoinRunning {  // hooks started: joined on every way out (see JoinOnExit)
    std::vector<std::thread>& running;
    ~JoinRunning() {
      for (auto& t : running)
        if (t.joinable()) t.join();
    }
  } join_running{running};
  JoinOnExit join_watcher{done, {&watcher}};
  std::string id = body();
  done = true;
  watcher.join();
  check();  // once more on the finished node
  for (auto& t : running) t.join();
  if (!hook_error.empty()) status.mark(id, Phase::Error, hook_error);
  return id;
}

ojson Scheduler::Impl::substitute_args(const ojson& args, Frame& frame, std::string&) {
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

void Scheduler::Impl::run_step_exit(const std::string& id, const std::string& node_name, const ojson& step, const TemplateBase* base,
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

}  // namespace flowc::run

// The scheduler (run/scheduler.h), part: steps (steps.go executeSteps / executeStepGroup).
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

bool Scheduler::Impl::continues_on(const ojson& step, Phase p) {
  if (!step.contains("continueOn")) return false;
  const ojson& c = step["continueOn"];
  if (p == Phase::Failed) return c.value("failed", false);
  if (p == Phase::Error) return c.value("error", false);
  return false;
}

void Scheduler::Impl::run_parallel(std::vector<std::function<void()>>& jobs, int limit) {
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

int Scheduler::Impl::template_parallelism(const ojson& tmpl) {
  return tmpl.contains("parallelism") ? clamp_to_int(tmpl["parallelism"]) : 0;
}

void Scheduler::Impl::run_steps(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
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

void Scheduler::Impl::set_outbound(const std::string& id, const std::vector<std::string>& children) {
  std::vector<std::string> out;
  for (auto& c : children)
    for (auto& o : outbound(c)) out.push_back(o);
  status.update(id, [&](Node& n) { n.outbound_nodes = out; });
}

std::vector<std::string> Scheduler::Impl::outbound(const std::string& id) {
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

std::string Scheduler::Impl::run_step(const std::string& node_name, const std::string& display, const ojson& step,
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

}  // namespace flowc::run

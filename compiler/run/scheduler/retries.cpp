// The scheduler (run/scheduler.h), part: retryStrategy (operator.go processNodeRetries).
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "run/go_numbers.h"

namespace flowc::run {

void Scheduler::Impl::run_retries(const std::string& id, const std::string& node_name, const ojson& tmpl, const TemplateBase* base,
                                  Frame& frame, Deadline deadline) {
  // The backoff's values may be parameters (Argo substitutes the whole
  // template first); the expression is evaluated later with its own scope.
  ojson rs = tmpl["retryStrategy"];
  if (rs.contains("backoff")) {
    Substitution bs;
    rs["backoff"] = substitute_tree(rs["backoff"], frame.vars, false, bs);
    if (!bs.ok) {
      status.mark(id, Phase::Error, bs.error);
      return;
    }
  }
  Substitution sub;
  ojson limit_v = rs.contains("limit") ? substitute_tree(rs["limit"], frame.vars, false, sub) : ojson();
  std::optional<int> limit;
  if (!sub.ok) {
    status.mark(id, Phase::Error, sub.error);
    return;
  }
  if (!limit_v.is_null()) {  // processNodeRetries: intstr.Int32(retryStrategy.Limit); an error ends the node in Error
    std::string error;
    auto n = int_or_string(json::parse(limit_v.dump()), error);
    if (!n) {
      status.mark(id, Phase::Error, error);
      return;
    }
    limit = static_cast<int>(std::clamp<int64_t>(*n, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
  }
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
    if (c.daemoned && c.phase == Phase::Running) {
      // processNodeRetries: a daemoned last child makes the Retry node
      // daemoned, in the child's phase, and it ends as the child does
      // (end_retry_parent, when the daemon ends). An attempt that failed
      // before it was daemoned (its process ended before its readiness
      // probe passed) is retried as any other.
      status.update(id, [&](Node& n) {
        n.daemoned = true;
        n.pod_ip = c.pod_ip;
      });
      {
        std::lock_guard<std::mutex> lock(daemon_retry_mu);
        daemon_retry_parent[child] = id;
      }
      if (status.get(child).phase != Phase::Running) end_retry_parent(child);  // it ended meanwhile
      return;
    }
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
    std::string error;
    std::string why_not = retry_backoff(rs, id, c, attempt, limit, deadline, max_deadline, error);
    if (!error.empty()) {  // processNodeRetries returned an error: markNodeError
      status.mark(id, Phase::Error, error);
      return;
    }
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

SteadyClock::time_point Scheduler::Impl::to_steady(std::chrono::system_clock::time_point t) {
  return SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(t - std::chrono::system_clock::now());
}

std::string Scheduler::Impl::retry_backoff(const ojson& rs, const std::string& id, const Node& last, int attempt,
                                           std::optional<int> limit, Deadline& deadline, Deadline& max_deadline,
                                           std::string& error) {
  if (!rs.contains("backoff")) return {};
  const ojson& b = rs["backoff"];
  // operator.go processNodeRetries: each value read (wfv1.ParseStringToDuration,
  // intstr.Int32) returns its error, which ends the node in Error.
  auto duration_of = [&](const char* key) -> std::optional<std::chrono::milliseconds> {
    std::string text = str(b, key);
    auto d = argo_duration(text, error);
    if (!d) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(*d);
  };
  if (b.contains("maxDuration") && !str(b, "maxDuration").empty()) {
    Node retry_node = status.get(id);
    const std::vector<std::string>& kids = retry_node.children;
    Node first = kids.empty() ? last : status.get(kids.front());
    auto md = duration_of("maxDuration");
    if (!md) return {};
    if (first.started_at) {
      max_deadline = to_steady(*first.started_at + *md);
      if (SteadyClock::now() > *max_deadline) return "Max duration limit exceeded";
    }
  }
  if (str(b, "duration").empty()) {
    error = "no base duration specified for retryStrategy";
    return {};
  }
  auto base = duration_of("duration");
  if (!base) return {};
  int64_t factor = 0;
  if (b.contains("factor") && !b["factor"].is_null()) {
    auto f = int_or_string(json::parse(b["factor"].dump()), error);
    if (!f) return {};
    factor = *f;
  }
  auto wait = *base;
  if (factor > 0) {
    double ms = static_cast<double>(base->count()) * std::pow(static_cast<double>(factor), attempt);
    wait = std::chrono::milliseconds(ms > 9e15 ? static_cast<int64_t>(9e15) : static_cast<int64_t>(ms));
  }
  if (b.contains("cap") && !str(b, "cap").empty()) {
    auto cap = duration_of("cap");
    if (!cap) return {};
    if (wait > *cap) wait = *cap;
  }
  auto waiting_deadline = (last.finished_at ? to_steady(*last.finished_at) : SteadyClock::now()) + wait;
  if (max_deadline && waiting_deadline > *max_deadline) return "Backoff would exceed max duration limit";
  if (limit && attempt + 1 <= *limit) {
    auto left = waiting_deadline - SteadyClock::now();
    if (left.count() > 0) sleep_unless_stopped(std::chrono::duration_cast<std::chrono::milliseconds>(left), deadline);
  }
  if (max_deadline) deadline = earlier(deadline, *max_deadline);
  return {};
}

std::string Scheduler::Impl::type_of(const ojson& tmpl) {
  std::string kind = template_kind(tmpl);
  return kind == "steps" ? "Steps" : kind == "dag" ? "DAG" : kind == "suspend" ? "Suspend" : "Pod";
}

void Scheduler::Impl::sleep_unless_stopped(std::chrono::milliseconds wait, Deadline deadline) {
  auto until = SteadyClock::now() + wait;
  while (SteadyClock::now() < until && !stop && !deadline_passed(deadline))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace flowc::run

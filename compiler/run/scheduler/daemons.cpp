// The scheduler (run/scheduler.h), part: daemons (operator.go assessNodeStatus, killDaemonedChildren).
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

void Scheduler::Impl::start_daemon(const std::string& id, ProcessSpec spec, OutputSink sink, std::optional<ReadinessProbe> probe) {
  auto d = std::make_unique<Daemon>();
  d->id = id;
  d->boundary = status.get(id).boundary_id;
  auto started = std::make_shared<std::pair<std::mutex, std::condition_variable>>();
  auto state = std::make_shared<int>(0);  // 0 starting, 1 daemoned, 2 ended
  auto daemoned = [this, id] {
    status.update(id, [&](Node& n) {
      n.daemoned = true;
      n.pod_ip = "127.0.0.1";
    });
  };
  spec.on_started = [daemoned, started, state, ready_at_start = !probe] {
    if (ready_at_start) daemoned();
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
    end_retry_parent(id);
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
  if (!probe || *state != 1) return;
  // The readiness probe (readiness_probe.h), as the kubelet's prober worker
  // runs it: the first after initialDelaySeconds, then every periodSeconds;
  // ready after successThreshold passes in a row. A readiness probe never
  // restarts the container, and until the first ready the container is
  // simply not ready (prober worker: failureThreshold only turns a ready
  // container unready), so the node stays Running, not daemoned, until it
  // passes, the daemon ends by itself, or the run stops (its deadline).
  auto wait_for = [&](std::chrono::milliseconds d) {
    return !started->second.wait_for(lock, d, [&] { return *state != 1 || stop.load(); });
  };
  if (!wait_for(std::chrono::seconds(probe->initial_delay_seconds))) return;
  for (int passes = 0;;) {
    lock.unlock();
    bool ok = probe_once(*probe);
    lock.lock();
    if (*state != 1 || stop) return;
    passes = ok ? passes + 1 : 0;
    if (passes >= probe->success_threshold) {
      daemoned();
      return;
    }
    if (!wait_for(std::chrono::seconds(probe->period_seconds))) return;
  }
}

void Scheduler::Impl::end_retry_parent(const std::string& child) {
  std::string parent;
  {
    std::lock_guard<std::mutex> lock(daemon_retry_mu);
    auto it = daemon_retry_parent.find(child);
    if (it == daemon_retry_parent.end()) return;
    parent = it->second;
    daemon_retry_parent.erase(it);
  }
  Node c = status.get(child);
  status.update(parent, [&](Node& n) {
    n.daemoned = false;
    n.outputs = c.outputs;
  });
  status.mark(parent, c.phase, c.message);
}

void Scheduler::Impl::kill_all_daemons() {
  std::vector<std::string> scopes;
  {
    std::lock_guard<std::mutex> lock(daemons_mu);
    for (auto& d : daemons) scopes.push_back(d->boundary);
  }
  for (auto& b : scopes) kill_daemons(b);
}

void Scheduler::Impl::kill_daemons(const std::string& boundary) {
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

}  // namespace flowc::run

// The scheduler (run/scheduler.h), part: daemons (operator.go assessNodeStatus, killDaemonedChildren).
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

void Scheduler::Impl::start_daemon(const std::string& id, ProcessSpec spec, OutputSink sink) {
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

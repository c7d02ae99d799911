// Semaphores (issue 21): `synchronization.semaphores` (and the older
// `semaphore`) of a template, honoured within the run. Argo keeps a
// semaphore's limit where flowc cannot read it — a ConfigMap key
// (configMapKeyRef) or the controller's database (database.key) — so the
// user gives it: `--semaphore CONFIGMAP/KEY=N` (or `--configmap
// CONFIGMAP/KEY=N`, the ConfigMap's own value) and `--semaphore KEY=N` for a
// database semaphore; without it the run is refused before anything runs.
//
// Argo's semaphore (workflow/sync/semaphore.go) lets at most `limit`
// holders hold it; waiters queue in a priority queue ordered by the
// workflow's priority, then its creation time (sync/priority_queue.go). All
// the waiters of one run are nodes of one workflow — same priority, same
// creation time — so Argo's order among them is the heap's, unspecified;
// flowc serves them first come, first served. A template with several
// semaphores (v3.6 `semaphores`, and its mutexes) takes all of them at once
// or waits (sync_manager.go TryAcquire: all locks or none).
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run {

// A semaphore of a template: the name flowc knows it by and where its limit
// comes from, for messages ("configmap/my-config/template", "database/template").
struct SemaphoreRef {
  std::string key;          // the --semaphore name: "CONFIGMAP/KEY" or the database key
  std::string table_key;    // "configmap/CONFIGMAP/KEY" or "database/KEY" (unique across both kinds)
  std::string described;    // "the ConfigMap 'my-config' (key 'template')" / "the database (key 'template')"
};

// The semaphores a `synchronization` object names, in order.
std::vector<SemaphoreRef> semaphores_of(const nlohmann::ordered_json& synchronization);

class Semaphores {
 public:
  // limits: table_key -> limit.
  explicit Semaphores(std::map<std::string, int> limits) : limits_(std::move(limits)) {}

  // Blocks until one unit of every semaphore in `keys` is free, and takes
  // them; waiters are served in arrival order. False (nothing taken) when
  // `stop` became true while waiting. `waiting` is called once if it has
  // to wait (to show the node's message).
  bool acquire(const std::vector<std::string>& keys, const std::atomic<bool>& stop,
               const std::function<void(const std::string&)>& waiting);
  void release(const std::vector<std::string>& keys);

 private:
  bool available(const std::vector<std::string>& keys) const;
  std::string status(const std::vector<std::string>& keys) const;

  std::map<std::string, int> limits_;
  std::map<std::string, int> held_;
  std::deque<uint64_t> queue_;  // tickets of the waiters, in arrival order
  uint64_t next_ticket_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace flowc::run

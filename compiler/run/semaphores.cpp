#include "run/semaphores.h"

#include <algorithm>
#include <chrono>

namespace flowc::run {

using ojson = nlohmann::ordered_json;

namespace {

std::string text(const ojson& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
}

SemaphoreRef ref_of(const ojson& s) {
  SemaphoreRef r;
  if (s.contains("configMapKeyRef")) {
    std::string name = text(s["configMapKeyRef"], "name"), key = text(s["configMapKeyRef"], "key");
    r.key = name + "/" + key;
    r.table_key = "configmap/" + r.key;
    r.described = "the ConfigMap '" + name + "' (key '" + key + "')";
  } else if (s.contains("database")) {
    std::string key = text(s["database"], "key");
    r.key = key;
    r.table_key = "database/" + key;
    r.described = "the controller's database (key '" + key + "')";
  }
  return r;
}

}  // namespace

std::vector<SemaphoreRef> semaphores_of(const ojson& sync) {
  std::vector<SemaphoreRef> out;
  if (!sync.is_object()) return out;
  if (sync.contains("semaphore") && sync["semaphore"].is_object()) out.push_back(ref_of(sync["semaphore"]));
  if (sync.contains("semaphores") && sync["semaphores"].is_array())
    for (auto& s : sync["semaphores"]) out.push_back(ref_of(s));
  return out;
}

bool Semaphores::available(const std::vector<std::string>& keys) const {
  for (auto& k : keys) {
    auto lim = limits_.find(k);
    auto held = held_.find(k);
    int h = held == held_.end() ? 0 : held->second;
    if (lim == limits_.end() || h >= lim->second) return false;
  }
  return true;
}

std::string Semaphores::status(const std::vector<std::string>& keys) const {
  std::string s;
  for (auto& k : keys) {
    auto lim = limits_.find(k);
    auto held = held_.find(k);
    if (!s.empty()) s += ", ";
    s += k + " " + std::to_string(held == held_.end() ? 0 : held->second) + "/" +
         std::to_string(lim == limits_.end() ? 0 : lim->second);
  }
  return s;
}

bool Semaphores::acquire(const std::vector<std::string>& keys, const std::atomic<bool>& stop,
                         const std::function<void(const std::string&)>& waiting) {
  if (keys.empty()) return true;
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t ticket = next_ticket_++;
  queue_.push_back(ticket);
  bool told = false;
  while (true) {
    // First come, first served: only the oldest waiter whose locks are
    // free may take them (a later one never overtakes it).
    bool first = !queue_.empty() && queue_.front() == ticket;
    if (first && available(keys)) break;
    if (stop) {
      queue_.erase(std::find(queue_.begin(), queue_.end(), ticket));
      cv_.notify_all();
      return false;
    }
    if (!told && waiting) {
      told = true;
      // semaphore.go: "Waiting for <key> lock. Lock status: <held>/<limit>"
      waiting("Waiting for " + status(keys) + " lock(s)");
    }
    cv_.wait_for(lock, std::chrono::milliseconds(50));
  }
  queue_.pop_front();
  for (auto& k : keys) ++held_[k];
  cv_.notify_all();
  return true;
}

void Semaphores::release(const std::vector<std::string>& keys) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& k : keys)
      if (held_[k] > 0) --held_[k];
  }
  cv_.notify_all();
}

}  // namespace flowc::run

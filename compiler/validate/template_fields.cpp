// A template's metrics, retryStrategy and synchronization.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

bool Validator::metric_name(std::string_view n) {
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  for (char c : n)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

void Validator::check_metrics(const J& t, const std::string& tp, Base& base, const std::string& label) {
  const J* list = get(get(t, "metrics"), "prometheus");
  if (!list || !list->is_array()) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const J& m = (*list)[i];
    std::string mp = tp + "/metrics/prometheus/" + std::to_string(i);
    std::string name = text(m, "name");
    if (!metric_name(name)) {
      report("E0713", mp + "/name", label + " metric name '" + name + "' is invalid. Metric names must contain alphanumeric characters or '_'", &base);
      continue;
    }
    if (const J* ls = get(m, "labels"); ls && ls->is_array())
      for (size_t k = 0; k < ls->size(); ++k) {
        std::string key = text((*ls)[k], "key");
        if (!metric_name(key)) report("E0713", mp + "/labels/" + std::to_string(k), label + " metric '" + name + "' label key '" + key + "' is invalid", &base);
        if (!nonempty((*ls)[k], "value")) report("E0713", mp + "/labels/" + std::to_string(k), label + " metric '" + name + "' label '" + key + "' has an empty value", &base);
      }
    if (!nonempty(m, "help")) {
      report("E0713", mp, label + " metric '" + name + "' must contain a help string under 'help: ' field", &base);
      continue;
    }
    int kinds = 0;
    std::string kind;
    for (const char* k : {"gauge", "counter", "histogram"})
      if (get(m, k)) ++kinds, kind = k;
    if (kinds != 1) {
      report("E0713", mp, label + " metric '" + name + "' error: " + (kinds ? "more than one" : "no") + " metric type specified (gauge, counter or histogram)", &base);
      continue;
    }
    const J& v = *get(m, kind);
    if (!nonempty(v, "value")) report("E0713", mp + "/" + kind, label + " metric '" + name + "' error: missing " + kind + ".value", &base);
    // metrics.ValidateMetricValues (called at validate.go:561): a real-time gauge is
    // updated while the node runs, before resourcesDuration exists.
    if (kind == "gauge" && get(v, "realtime") && get(v, "realtime")->is_boolean() && get(v, "realtime")->get<bool>() &&
        text(v, "value").find("resourcesDuration.") != std::string::npos)
      report("E0713", mp + "/gauge/value", label + " metric '" + name + "' error: 'resourcesDuration.*' metrics cannot be used in real-time", &base);
    if (kind == "histogram" && length(get(v, "buckets")) == 0)
      report("E0713", mp + "/histogram", label + " metric '" + name + "' error: histogram must have at least one bucket", &base);
  }
}

void Validator::check_retry(const J& rs, const std::string& rp, const std::string& label, Base& base) {
  if (const J* lim = get(rs, "limit")) {
    std::string s = text(lim);
    bool ok = s.find("{{") != std::string::npos ||
              (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
    if (!ok) report("E0711", rp + "/limit", label + ".limit must be a non-negative integer or an argo variable, got '" + s + "'", &base);
  }
  if (const J* b = get(rs, "backoff"))
    for (const char* k : {"duration", "maxDuration"}) {
      const J* d = get(b, k);
      if (!d) continue;
      std::string s = text(d);
      bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (s.find("{{") != std::string::npos || digits) continue;  // seconds, or resolved at run time
      if (auto e = rules::go_duration_error(s); !e.empty())
        report("E0716", rp + "/backoff/" + k, label + ".backoff." + k + ": " + e, &base);
    }
}

void Validator::check_synchronization(const J* sync, const std::string& sp, const std::string& label, Base& base) {
  if (!sync) return;
  // Only the forms the version has: mutex/semaphore up to 3.7, mutexes/semaphores from 3.6.
  bool single = o_.argo_version < ArgoVersion{4}, list = o_.argo_version >= kArgoListsSince;
  const J* sem = single ? get(sync, "semaphore") : nullptr;
  const J* mutex = single ? get(sync, "mutex") : nullptr;
  const J* sems = list ? get(sync, "semaphores") : nullptr;
  const J* mutexes = list ? get(sync, "mutexes") : nullptr;
  // A form the version lacks is reported where it is written (lint's field check), not as missing here.
  bool other_form = (!single && (get(sync, "semaphore") || get(sync, "mutex"))) ||
                    (!list && (get(sync, "semaphores") || get(sync, "mutexes")));
  if (!sem && !mutex && length(sems) == 0 && length(mutexes) == 0)
    return other_form ? void() : report("E0712", sp, label + " needs a semaphore or a mutex", &base);
  if (sem && mutex) report("E0712", sp, label + " has both a semaphore and a mutex; give one (or use semaphores/mutexes)", &base);
  auto check_sem = [&](const J& s, const std::string& p) {
    if (!get(s, "configMapKeyRef") && !get(s, "database"))
      report("E0712", p, label + ": a semaphore needs a configMapKeyRef (or database)", &base);
    else if (const J* c = get(s, "configMapKeyRef"); c && !nonempty(*c, "key"))
      report("E0712", p + "/configMapKeyRef", label + ": a semaphore's configMapKeyRef needs a key", &base);
  };
  auto check_mutex = [&](const J& m, const std::string& p) {
    if (!nonempty(m, "name")) report("E0712", p, label + ": a mutex needs a name", &base);
  };
  if (sem) check_sem(*sem, sp + "/semaphore");
  if (mutex) check_mutex(*mutex, sp + "/mutex");
  if (sems && sems->is_array())
    for (size_t i = 0; i < sems->size(); ++i) check_sem((*sems)[i], sp + "/semaphores/" + std::to_string(i));
  if (mutexes && mutexes->is_array())
    for (size_t i = 0; i < mutexes->size(); ++i) check_mutex((*mutexes)[i], sp + "/mutexes/" + std::to_string(i));
}

}  // namespace flowc::validation

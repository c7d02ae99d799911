#include "frontend/version_rules.h"

#include <algorithm>

namespace flowc {

namespace {

struct Pair {
  std::string_view model, single, list;
};
// Each setting Argo renamed from one value to a list of them.
constexpr Pair kPairs[] = {
    {"V1alpha1CronWorkflowSpec", "schedule", "schedules"},
    {"V1alpha1Synchronization", "mutex", "mutexes"},
    {"V1alpha1Synchronization", "semaphore", "semaphores"},
};

struct Replacement {
  std::string_view model, field, write;
};

// Successor models with the JSON shape of the one they replace (see version_alias).
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"V1ResourceRequirements", "V1VolumeResourceRequirements"},
    {"V1TypedLocalObjectReference", "V1TypedObjectReference"},
    {"V1alpha1ArtifactGC", "V1alpha1WorkflowLevelArtifactGC"},
};
// Removed fields with a successor to name in the message.
constexpr Replacement kReplacements[] = {
    {"V1alpha1WorkflowSpec", "podPriority", "pod_priority_class_name"},
};

bool version_error(std::string_view what, uint8_t since, uint8_t until, std::string_view model, std::string_view field,
                   Span at, ArgoVersion version, DiagnosticSink& sink) {
  std::string msg = "'";
  msg.append(what);
  if (version.index < since) {
    msg.append("' needs Argo ").append(kArgoVersions[since]).append(" or later (compiling for ");
    msg.append(version.name()).append(")");
    sink.error("E0050", at, std::move(msg));
    return false;
  }
  msg.append("' was removed in Argo ").append(kArgoVersions[until]);
  std::string_view write;
  for (const auto& r : kReplacements)
    if (r.model == model && r.field == field) write = r.write;
  if (write.empty())
    msg.append(" (compiling for ").append(version.name()).append(")");
  else
    msg.append("; write '").append(write).append("'");
  sink.error("E0051", at, std::move(msg));
  return false;
}

}  // namespace

bool version_renamed(std::string_view model, std::string_view field) {
  for (const auto& p : kPairs)
    if (p.model == model && (p.single == field || p.list == field)) return true;
  return false;
}

bool check_field_version(const models::Field& f, const models::Model& m, const std::string& written, Span at,
                         ArgoVersion version, DiagnosticSink& sink) {
  if (!m.in(version)) {  // written as the alias of the version's model: the field must be that model's
    const models::Model* alias = version_alias(m.python);
    if (alias && alias->in(version) && !models::find_field(*alias, f.json))
      return version_error(written, m.since, m.until, m.python, f.json, at, version, sink);
    return true;
  }
  if (f.in(version) || version_renamed(m.python, f.json)) return true;
  return version_error(written, f.since, f.until, m.python, f.json, at, version, sink);
}

const models::Model* version_alias(std::string_view model) {
  for (const auto& [older, newer] : kAliases) {
    if (model == older) return models::find_model(newer);
    if (model == newer) return models::find_model(older);
  }
  return nullptr;
}

bool check_variant_model(const Value& v, const models::Model& m, const models::Field& f, const std::string& what,
                         ArgoVersion version, DiagnosticSink& sink) {
  std::string_view want = models::type_in(m, f, version);
  if (v.model.empty() || v.model == want) return true;
  const models::Model* given = models::find_model(v.model);
  if (const models::Model* alias = given ? version_alias(given->python) : nullptr; alias && alias->python == want)
    return true;  // a swapped model, written either way
  // The versions in which the field has the type given.
  int first = -1, last = -1;
  for (uint8_t i = 0; i < kArgoVersionCount; ++i)
    if (f.in(ArgoVersion{i}) && models::type_in(m, f, ArgoVersion{i}) == v.model) {
      if (first < 0) first = i;
      last = i;
    }
  if (first < 0) return true;
  std::string range(kArgoVersions[first]);
  if (last != first) range += last + 1 == kArgoVersionCount ? "+" : "-" + std::string(kArgoVersions[last]);
  sink.error("E1051", v.span,
             what + " is a " + std::string(want) + " in Argo " + std::string(version.name()) + " (a " + v.model +
                 " in Argo " + range + "); write a " + std::string(want) + " for " + std::string(version.name()));
  return false;
}

bool check_model_version(const models::Model& m, Span at, ArgoVersion version, DiagnosticSink& sink) {
  if (m.in(version)) return true;
  if (const models::Model* alias = version_alias(m.python); alias && alias->in(version)) return true;
  return version_error(m.python, m.since, m.until, m.python, "", at, version, sink);
}

namespace {

// The index of `key` in dict `v`, or fields.size().
size_t index_of(const Value& v, std::string_view key) {
  size_t i = 0;
  while (i < v.fields.size() && v.fields[i].first != key) ++i;
  return i;
}

// Renames field i in place (its order and where it was written kept), with a new value.
void rename_field(Value& v, size_t i, std::string_view key, Value value) {
  v.fields[i].first = std::string(key);
  v.fields[i].second = std::move(value);
}

// One pair in `v` (JSON keys): the single form for versions before 3.6, the
// list form from 3.6 on.
bool shape_pair(Value& v, const Pair& p, ArgoVersion version, DiagnosticSink& sink) {
  size_t si = index_of(v, p.single), li = index_of(v, p.list);
  const Value* single = si < v.fields.size() ? &v.fields[si].second : nullptr;
  const Value* list = li < v.fields.size() ? &v.fields[li].second : nullptr;
  if (single && list) {
    sink.error("E0053", v.key_span(std::max(si, li)),
               "set either '" + std::string(p.single) + "' or '" + std::string(p.list) + "', not both");
    return false;
  }
  if (version >= kArgoListsSince && single) {
    Value items = Value::list(single->span);
    items.items.push_back(*single);
    rename_field(v, si, p.list, std::move(items));
  } else if (version < kArgoListsSince && list && list->is_list()) {
    if (list->items.size() != 1) {
      sink.error("E0052", v.key_span(li),
                 "Argo " + std::string(version.name()) + " takes one " + std::string(p.single) + ", not a list of " +
                     std::to_string(list->items.size()) + " ('" + std::string(p.list) + "' needs Argo 3.6 or later)");
      return false;
    }
    Value item = list->items[0];
    rename_field(v, li, p.single, std::move(item));
  }
  return true;
}

}  // namespace

bool shape_synchronization(Value& sync, ArgoVersion version, DiagnosticSink& sink) {
  bool ok = true;
  for (const auto& p : kPairs)
    if (p.model == "V1alpha1Synchronization" && !shape_pair(sync, p, version, sink)) ok = false;
  return ok;
}

bool shape_schedules(Value& cron, ArgoVersion version, DiagnosticSink& sink) {
  return shape_pair(cron, kPairs[0], version, sink);
}

}  // namespace flowc

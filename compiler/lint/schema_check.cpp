#include "lint/schema_check.h"

#include <string>
#include <string_view>
#include <vector>

#include "frontend/models.h"
#include "validate/model_walk.h"
#include "passes/suggest.h"

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

// What to write instead of a field a version removed (JSON names).
struct Successor {
  std::string_view model, field, write;
};
constexpr Successor kSuccessors[] = {
    {"V1alpha1CronWorkflowSpec", "schedule", "schedules"},
    {"V1alpha1Synchronization", "mutex", "mutexes"},
    {"V1alpha1Synchronization", "semaphore", "semaphores"},
    {"V1alpha1WorkflowSpec", "podPriority", "podPriorityClassName"},
};

// E0804-E0806 on each key of each model object the walk meets
// (validate/model_walk.h); only a field of the version is walked into.
class FieldChecker : public ModelVisitor {
 public:
  FieldChecker(const SpanTable& keys, ArgoVersion version, DiagnosticSink& sink)
      : keys_(keys), version_(version), sink_(sink) {}

  const models::Field* field(const models::Model& m, const std::string& key, const J&,
                             const std::string& ptr) override {
    return checked_field(m, key, ptr);
  }

  bool ok = true;

 private:
  // The field `key` of `m`, or null after an error at the key.
  const models::Field* checked_field(const models::Model& m, const std::string& key, const std::string& ptr) {
    const models::Field* f = models::find_field(m, key);
    Span span = keys_.find(ptr).span;
    if (!f) {
      std::vector<std::string> names;
      for (size_t i = 0; i < m.field_count; ++i)
        if (m.fields[i].in(version_)) names.push_back(m.fields[i].json);
      std::string msg = "unknown field '" + key + "' in " + short_model_name(m);
      if (std::string near = closest(key, names); !near.empty()) msg += "; did you mean '" + near + "'?";
      error("E0804", span, std::move(msg));
      return nullptr;
    }
    if (f->in(version_)) return f;
    std::string msg = "'" + key + "'";
    if (version_.index < f->since) {
      msg += " needs Argo " + std::string(kArgoVersions[f->since]) + " or later (linting for " +
             std::string(version_.name()) + ")";
      error("E0805", span, std::move(msg));
      return nullptr;
    }
    msg += " was removed in Argo " + std::string(kArgoVersions[f->until]);
    std::string_view write;
    for (const auto& s : kSuccessors)
      if (s.model == m.python && s.field == key) write = s.write;
    if (write.empty()) msg += " (linting for " + std::string(version_.name()) + ")";
    else msg += "; write '" + std::string(write) + "'";
    error("E0806", span, std::move(msg));
    return nullptr;
  }

  void error(const char* code, Span span, std::string msg) {
    sink_.error(code, span, std::move(msg));
    ok = false;
  }

  const SpanTable& keys_;
  ArgoVersion version_;
  DiagnosticSink& sink_;
};

}  // namespace

bool check_fields(const J& doc, const SpanTable& keys, ArgoVersion version, DiagnosticSink& sink) {
  FieldChecker checker(keys, version, sink);
  walk_models(doc, version, checker);
  return checker.ok;
}

}  // namespace flowc

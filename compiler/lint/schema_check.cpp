#include "lint/schema_check.h"

#include <string>
#include <string_view>
#include <vector>

#include "frontend/models.h"
#include "frontend/version_rules.h"
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

class FieldChecker {
 public:
  FieldChecker(const SpanTable& keys, ArgoVersion version, DiagnosticSink& sink)
      : keys_(keys), version_(version), sink_(sink) {}

  // `v` at `ptr` is of type descriptor `type` (models.h: str int ... a model, [T], {T}).
  void walk(const J& v, std::string& ptr, std::string_view type) {
    if (type.size() > 2 && (type.front() == '[' || type.front() == '{')) {
      std::string_view inner = type.substr(1, type.size() - 2);
      if (type.front() == '[' && v.is_array())
        for (size_t i = 0; i < v.size(); ++i) at(ptr, pointer_token(i), [&] { walk(v[i], ptr, inner); });
      if (type.front() == '{' && v.is_object())
        for (auto it = v.begin(); it != v.end(); ++it) at(ptr, pointer_token(it.key()), [&] { walk(it.value(), ptr, inner); });
      return;
    }
    // Scalars, IntOrString, Quantity, raw JSON ("any", "object"): nothing to walk into.
    const models::Model* m = models::find_model(type);
    if (!m || m->open || !v.is_object()) return;  // a wrong type is the validator's or Argo's to report
    if (!m->in(version_))
      if (const models::Model* alias = version_alias(m->python); alias && alias->in(version_)) m = alias;
    for (auto it = v.begin(); it != v.end(); ++it)
      at(ptr, pointer_token(it.key()), [&] {
        if (const models::Field* f = field(*m, it.key(), ptr)) walk(it.value(), ptr, models::type_in(*m, *f, version_));
      });
  }

  bool ok = true;

 private:
  template <class F>
  void at(std::string& ptr, const std::string& token, F&& f) {
    size_t len = ptr.size();
    ptr += token;
    f();
    ptr.resize(len);
  }

  // The field `key` of `m`, or null after an error at the key.
  const models::Field* field(const models::Model& m, const std::string& key, const std::string& ptr) {
    const models::Field* f = models::find_field(m, key);
    Span span = keys_.find(ptr).span;
    if (!f) {
      std::vector<std::string> names;
      for (size_t i = 0; i < m.field_count; ++i)
        if (m.fields[i].in(version_)) names.push_back(m.fields[i].json);
      std::string msg = "unknown field '" + key + "' in " + short_name(m);
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

  // "V1alpha1WorkflowSpec" -> "WorkflowSpec", "V1Container" -> "Container": the name Argo's docs use.
  static std::string short_name(const models::Model& m) {
    std::string_view d = m.definition;
    size_t dot = d.rfind('.');
    return std::string(dot == std::string_view::npos ? d : d.substr(dot + 1));
  }

  void error(const char* code, Span span, std::string msg) {
    sink_.error(code, span, std::move(msg));
    ok = false;
  }

  const SpanTable& keys_;
  ArgoVersion version_;
  DiagnosticSink& sink_;
};

std::string_view model_for_kind(std::string_view kind) {
  if (kind == "Workflow") return "V1alpha1Workflow";
  if (kind == "WorkflowTemplate") return "V1alpha1WorkflowTemplate";
  if (kind == "ClusterWorkflowTemplate") return "V1alpha1ClusterWorkflowTemplate";
  if (kind == "CronWorkflow") return "V1alpha1CronWorkflow";
  return "";
}

}  // namespace

bool check_fields(const J& doc, const SpanTable& keys, ArgoVersion version, DiagnosticSink& sink) {
  if (!doc.is_object() || !doc.contains("kind") || !doc["kind"].is_string()) return true;
  std::string_view model = model_for_kind(doc["kind"].get_ref<const std::string&>());
  if (model.empty()) return true;
  FieldChecker checker(keys, version, sink);
  std::string ptr;
  checker.walk(doc, ptr, model);
  return checker.ok;
}

}  // namespace flowc

#include "validate/version_schema.h"

#include <string>
#include <string_view>

#include "frontend/models.h"
#include "frontend/version_rules.h"

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

// "V1alpha1Cache" -> "Cache": the name the schema and Argo's docs use.
std::string short_name(const models::Model& m) {
  std::string_view d = m.definition;
  size_t dot = d.rfind('.');
  return std::string(dot == std::string_view::npos ? d : d.substr(dot + 1));
}

// "A|B|C" -> "A, B, C"; true if `value` is one of them.
bool in_enum(std::string_view enums, std::string_view value, std::string& listed) {
  bool found = false;
  size_t start = 0;
  while (start <= enums.size()) {
    size_t bar = enums.find('|', start);
    std::string_view one = enums.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (one == value) found = true;
    listed += (listed.empty() ? "" : ", ") + std::string(one);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return found;
}

class SchemaWalk {
 public:
  SchemaWalk(const SpanTable& spans, ArgoVersion version, DiagnosticSink& sink)
      : spans_(spans), version_(version), sink_(sink) {}

  // `v` at `ptr` is of type descriptor `type` (models.h).
  void walk(const J& v, std::string& ptr, std::string_view type) {
    if (type.size() > 2 && (type.front() == '[' || type.front() == '{')) {
      std::string_view inner = type.substr(1, type.size() - 2);
      if (type.front() == '[' && v.is_array())
        for (size_t i = 0; i < v.size(); ++i) at(ptr, pointer_token(i), [&] { walk(v[i], ptr, inner); });
      if (type.front() == '{' && v.is_object())
        for (auto it = v.begin(); it != v.end(); ++it) at(ptr, pointer_token(it.key()), [&] { walk(it.value(), ptr, inner); });
      return;
    }
    const models::Model* m = models::find_model(type);
    if (!m || m->open || !v.is_object()) return;  // scalars, raw JSON; a wrong type is reported elsewhere
    if (!m->in(version_))
      if (const models::Model* alias = version_alias(m->python); alias && alias->in(version_)) m = alias;
    for (size_t i = 0; i < m->field_count; ++i) {
      const models::Field& f = m->fields[i];
      if (models::required_in(*m, f, version_) && !v.contains(f.json))
        error("E1052", ptr,
              "Argo " + std::string(version_.name()) + "'s schema requires '" + f.json + "' in " + short_name(*m) +
                  (f.required ? "" : " (" + std::string(version_.name()) + " only: other versions do not)"));
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const models::Field* f = models::find_field(*m, it.key());
      if (!f) continue;  // an unknown field is the field check's to report
      at(ptr, pointer_token(it.key()), [&] {
        check_enum(*m, *f, it.value(), ptr);
        walk(it.value(), ptr, models::type_in(*m, *f, version_));
      });
    }
  }

  bool ok = true;

 private:
  void check_enum(const models::Model& m, const models::Field& f, const J& v, const std::string& ptr) {
    std::string_view enums = models::enums_in(m, f, version_);
    if (enums.empty() || !v.is_string()) return;
    std::string listed;
    if (in_enum(enums, v.get_ref<const std::string&>(), listed)) return;
    error("E1053", ptr,
          "Argo " + std::string(version_.name()) + "'s schema allows only " + listed + " for '" + f.json + "' of " +
              short_name(m) + ", got '" + v.get<std::string>() + "' (later versions' schemas list no values)");
  }

  template <class F>
  void at(std::string& ptr, const std::string& token, F&& f) {
    size_t len = ptr.size();
    ptr += token;
    f();
    ptr.resize(len);
  }

  // Argo's validator checks some of the same in every version (a container's
  // image, E0708; an HTTP artifact's url, E0709; imagePullPolicy, E0715),
  // and it ran first: one error at a place is enough.
  void error(const char* code, const std::string& ptr, std::string msg) {
    Place p = spans_.find(ptr);
    ok = false;
    for (const auto& d : sink_.all())
      if (d.severity == Severity::Error && d.span.begin == p.span.begin && d.span.end == p.span.end &&
          (d.file ? d.file : nullptr) == p.file)
        return;
    auto& d = sink_.error(code, p.span, std::move(msg));
    if (p.file) d.file = p.file;
  }

  const SpanTable& spans_;
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

bool check_version_schema(const nlohmann::ordered_json& doc, const SpanTable& spans, ArgoVersion version,
                          DiagnosticSink& sink) {
  if (!doc.is_object() || !doc.contains("kind") || !doc["kind"].is_string()) return true;
  std::string_view model = model_for_kind(doc["kind"].get_ref<const std::string&>());
  if (model.empty()) return true;
  SchemaWalk walk(spans, version, sink);
  std::string ptr;
  walk.walk(doc, ptr, model);
  return walk.ok;
}

}  // namespace flowc

#include "validate/version_schema.h"

#include <string>
#include <string_view>

#include "frontend/models.h"
#include "validate/model_walk.h"

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

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

// E1052 and E1053 on each model object the walk meets (validate/model_walk.h).
class SchemaCheck : public ModelVisitor {
 public:
  SchemaCheck(const SpanTable& spans, ArgoVersion version, DiagnosticSink& sink, const SourceFile* file, bool required)
      : spans_(spans), version_(version), sink_(sink), file_(file), required_(required) {}

  void object(const models::Model& m, const J& v, const std::string& ptr) override {
    if (!required_) return;
    for (size_t i = 0; i < m.field_count; ++i) {
      const models::Field& f = m.fields[i];
      if (models::required_in(m, f, version_) && !v.contains(f.json))
        error("E1052", ptr,
              "Argo " + std::string(version_.name()) + "'s schema requires '" + f.json + "' in " + short_model_name(m) +
                  (f.required ? "" : " (" + std::string(version_.name()) + " only: other versions do not)"));
    }
  }

  // An unknown field is the field check's to report (E0804); a known one is
  // walked into even where the version lacks it (E0805/E0806 say so).
  const models::Field* field(const models::Model& m, const std::string& key, const J& v,
                             const std::string& ptr) override {
    const models::Field* f = models::find_field(m, key);
    if (f) check_enum(m, *f, v, ptr);
    return f;
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
              short_model_name(m) + ", got '" + v.get<std::string>() + "' (later versions' schemas list no values)");
  }

  // Argo's validator checks some of the same in every version (a container's
  // image, E0708; an HTTP artifact's url, E0709; imagePullPolicy, E0715),
  // and it ran first: one error at a place is enough.
  void error(const char* code, const std::string& ptr, std::string msg) {
    Place p = spans_.find(ptr);
    ok = false;
    const SourceFile* where = p.file ? p.file : file_;
    for (const auto& d : sink_.all())
      if (d.severity == Severity::Error && d.span.begin == p.span.begin && d.span.end == p.span.end && d.file == where)
        return;
    auto& d = sink_.error(code, p.span, std::move(msg));
    if (p.file) d.file = p.file;
  }

  const SpanTable& spans_;
  ArgoVersion version_;
  DiagnosticSink& sink_;
  const SourceFile* file_;  // where the sink puts a diagnostic without a file of its own
  bool required_;
};

}  // namespace

bool check_version_schema(const nlohmann::ordered_json& doc, const SpanTable& spans, ArgoVersion version,
                          DiagnosticSink& sink, const SourceFile* file, bool required) {
  SchemaCheck check(spans, version, sink, file, required);
  walk_models(doc, version, check);
  return check.ok;
}

}  // namespace flowc

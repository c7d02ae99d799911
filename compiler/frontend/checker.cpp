#include "frontend/checker.h"

#include <vector>

#include "frontend/version_rules.h"
#include "passes/suggest.h"

namespace flowc {

void Checker::unknown_model(std::string_view name, Span span) {
  std::vector<std::string> names;
  for (size_t i = 0; i < models::kModelCount; ++i) names.emplace_back(models::kModels[i].python);
  auto& d = sink_.error("E0103", span, "unknown model '" + std::string(name) + "'");
  std::string near = closest(name, names);
  if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
  suggest_fix(d, span, name, near, /*at_end=*/true);  // dsl.V1Containr
}

bool Checker::check_fields(Value& v, const models::Model& m, bool keywords) {
  if (m.open) return true;
  bool ok = true;
  // Argo reads parameter values as text; numbers and booleans given in Python mean their text.
  bool any_string = std::string_view(m.python) == "V1alpha1Parameter" || std::string_view(m.python) == "V1alpha1ValueFrom";
  for (size_t i = 0; i < v.fields.size(); ++i) {
    auto& [key, val] = v.fields[i];
    const models::Field* f = keywords ? models::find_keyword(m, key) : models::find_field(m, key);
    if (!f) {
      std::vector<std::string> names;
      for (size_t k = 0; k < m.field_count; ++k) names.push_back(keywords ? m.fields[k].python : m.fields[k].json);
      auto& d = sink_.error("E0104", v.key_span(i),
                            std::string(keywords ? "unknown keyword '" : "unknown field '") + key + "' for " + m.python);
      std::string near = closest(key, names);
      if (!near.empty()) d.notes.push_back({"did you mean '" + near + "'?", std::nullopt});
      suggest_fix(d, v.key_span(i), key, near);
      ok = false;
      continue;
    }
    if (!check_field_version(*f, m, key, v.key_span(i), version_, sink_)) {
      ok = false;
      continue;
    }
    std::string what = "'" + key + "' of " + m.python;
    if (keywords) key = f->json;
    std::string_view type = models::type_in(m, *f, version_);  // the version's (memoize's cache.configMap)
    if (!check_variant_model(val, m, *f, what, version_, sink_)) {
      ok = false;
      continue;
    }
    if (any_string) {
      auto text = [](Value& x) {
        if (x.kind == Value::Kind::Int || x.kind == Value::Kind::Bool || x.kind == Value::Kind::Float)
          x = Value::of_string(scalar_text(x), x.span);
      };
      if (type == "str") text(val);
      if (type == "[str]" && val.is_list())
        for (auto& item : val.items) text(item);
    }
    if (!check(val, type, what)) ok = false;
  }
  if (ok && std::string_view(m.python) == "V1alpha1Synchronization") ok = shape_synchronization(v, version_, sink_);
  return ok;
}

bool Checker::check(Value& v, std::string_view type, const std::string& what) {
  auto wrong = [&](const std::string& expected) {
    sink_.error("E0105", v.span, what + " must be " + expected + ", got " + v.type_name());
    return false;
  };
  if (type == "any" ) return true;
  if (type == "object") return v.is_dict() ? true : wrong("a dict");
  if (type == "str") return v.is_string() ? true : wrong("a str");
  if (type == "bool") return v.kind == Value::Kind::Bool ? true : wrong("a bool");
  if (type == "int") return v.kind == Value::Kind::Int ? true : wrong("an int");
  if (type == "num") return v.kind == Value::Kind::Int || v.kind == Value::Kind::Float ? true : wrong("a number");
  if (type == "intstr") return v.kind == Value::Kind::Int || v.is_string() ? true : wrong("an int or a str");
  if (type == "quantity") {
    // Kubernetes quantities are strings in the schema ("500m", "1Gi"); 1 and 0.5 mean "1" and "0.5".
    if (v.kind == Value::Kind::Int || v.kind == Value::Kind::Float) v = Value::of_string(scalar_text(v), v.span);
    return v.is_string() ? true : wrong("a quantity (\"500m\", \"1Gi\", 2)");
  }
  if (type.size() >= 2 && type.front() == '[') {
    if (!v.is_list()) return wrong("a list");
    bool ok = true;
    std::string_view inner = type.substr(1, type.size() - 2);
    for (auto& item : v.items)
      if (!check(item, inner, "an item of " + what)) ok = false;
    return ok;
  }
  if (type.size() >= 2 && type.front() == '{') {
    if (!v.is_dict() || !v.model.empty()) return wrong("a dict");
    bool ok = true;
    std::string_view inner = type.substr(1, type.size() - 2);
    for (auto& [k, item] : v.fields)
      if (!check(item, inner, "'" + k + "' in " + what)) ok = false;
    return ok;
  }
  // A model.
  const models::Model* m = models::find_model(type);
  if (!m) return true;  // not in the table: nothing to check against
  if (!v.is_dict()) return wrong(std::string("a ") + m->python + " (or a dict)");
  if (!v.model.empty()) {
    if (v.model == m->python) return true;  // checked where it was constructed
    // The alias of a model Argo swapped (frontend/version_rules.h): its fields must be this model's too.
    const models::Model* alias = version_alias(m->python);
    if (!alias || v.model != alias->python) return wrong(std::string("a ") + m->python);
    bool ok = true;
    for (size_t i = 0; i < v.fields.size(); ++i) {
      if (models::find_field(*m, v.fields[i].first)) continue;
      sink_.error("E0104", v.key_span(i), "unknown field '" + v.fields[i].first + "' for " + m->python);
      ok = false;
    }
    return ok;
  }
  bool ok = check_fields(v, *m, false);
  v.model = m->python;
  return ok;
}

}  // namespace flowc

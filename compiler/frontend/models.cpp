#include "frontend/models.h"

#include <algorithm>
#include <cstring>

namespace flowc::models {

const Model* find_model(std::string_view name) {
  const Model* end = kModels + kModelCount;
  const Model* it = std::lower_bound(kModels, end, name, [](const Model& m, std::string_view n) { return m.python < n; });
  return it != end && it->python == name ? it : nullptr;
}

const Field* find_field(const Model& m, std::string_view json) {
  const Field* end = m.fields + m.field_count;
  const Field* it = std::lower_bound(m.fields, end, json, [](const Field& f, std::string_view n) { return f.json < n; });
  return it != end && it->json == json ? it : nullptr;
}

const Field* find_keyword(const Model& m, std::string_view python) {
  for (size_t i = 0; i < m.field_count; ++i)
    if (m.fields[i].python == python) return &m.fields[i];
  // The Kubernetes and Argo Python clients escape words that were keywords
  // in Python 2 or are reserved by their generator: V1Probe(_exec=...),
  // `_none`. flowc's own keyword is the plain word (valid in Python 3); both
  // spellings name the field.
  static constexpr std::string_view kClientEscaped[] = {"exec", "print", "none", "self", "property"};
  if (python.size() > 1 && python[0] == '_') {
    std::string_view word = python.substr(1);
    for (auto w : kClientEscaped)
      if (w == word)
        for (size_t i = 0; i < m.field_count; ++i)
          if (m.fields[i].python == word) return &m.fields[i];
  }
  return nullptr;
}

const FieldVariant* variant(const Model& m, const Field& f, ArgoVersion version) {
  // A few dozen entries: a scan costs less than keeping an index, and none
  // at all for the versions no variant covers (the newest, the default).
  static const uint8_t last = [] {
    uint8_t u = 0;
    for (size_t i = 0; i < kFieldVariantCount; ++i) u = std::max(u, kFieldVariants[i].until);
    return u;
  }();
  if (version.index >= last) return nullptr;
  for (size_t i = 0; i < kFieldVariantCount; ++i) {
    const FieldVariant& v = kFieldVariants[i];
    if (v.since <= version.index && version.index < v.until && std::strcmp(v.model, m.python) == 0 &&
        std::strcmp(v.field, f.json) == 0)
      return &v;
  }
  return nullptr;
}

std::string_view type_in(const Model& m, const Field& f, ArgoVersion version) {
  const FieldVariant* v = variant(m, f, version);
  return v ? v->type : f.type;
}

bool required_in(const Model& m, const Field& f, ArgoVersion version) {
  if (!f.in(version)) return false;
  const FieldVariant* v = variant(m, f, version);
  return v ? v->required : f.required;
}

std::string_view enums_in(const Model& m, const Field& f, ArgoVersion version) {
  const FieldVariant* v = variant(m, f, version);
  return v ? v->enums : "";
}

}  // namespace flowc::models

// The Argo and Kubernetes model tables, generated from the swagger.json of
// every supported Argo version by scripts/gen_models.py (see
// models_table.cpp): the union of the versions, each field and model with the
// range of versions that have it. Used to check model
// constructor calls: field names, and value types by descriptor.
#pragma once
#include <cstddef>
#include <string_view>

#include "ir/argo_version.h"

namespace flowc::models {

struct Field {
  const char* json;    // the JSON field name, e.g. "imagePullPolicy"
  const char* python;  // the Python client's keyword, e.g. "image_pull_policy", "pod_gc", "_from"
  const char* type;  // descriptor: str int num bool intstr quantity any object, a model name, [T], {T}
  bool required;
  // The Argo versions that have the field: indices [since, until) into
  // kArgoVersions. Most fields are in all of them (the defaults).
  uint8_t since = 0;
  uint8_t until = kArgoVersionCount;
  bool in(ArgoVersion v) const { return since <= v.index && v.index < until; }
};

struct Model {
  const char* python;      // "V1Container"
  const char* definition;  // "io.k8s.api.core.v1.Container"
  const Field* fields;
  size_t field_count;
  bool open;  // free-form: any fields (a plugin's body)
  uint8_t since = 0;  // the versions that have the model, as for Field
  uint8_t until = kArgoVersionCount;
  bool in(ArgoVersion v) const { return since <= v.index && v.index < until; }
};

extern const Model kModels[];  // sorted by python name
extern const size_t kModelCount;

// A field whose type, required-ness or allowed values differ in some Argo
// versions' schemas from the Field's (which are the newest version's): the
// Field says what versions [since, until) have instead. E.g. memoize's
// cache.configMap is a ConfigMapKeySelector, `key` required, up to 3.7 and a
// LocalObjectReference from 4.0. Generated with the tables.
struct FieldVariant {
  const char* model;  // python name
  const char* field;  // JSON name
  uint8_t since, until;
  const char* type;
  bool required;
  const char* enums;  // "Always|IfNotPresent|Never": the only values the schema allows; "" for any
};
extern const FieldVariant kFieldVariants[];  // sorted by model, then field
extern const size_t kFieldVariantCount;

// The variant of field `f` of `m` for `version`, or null where the Field holds.
const FieldVariant* variant(const Model& m, const Field& f, ArgoVersion version);
// The type descriptor of `f` in `version`.
std::string_view type_in(const Model& m, const Field& f, ArgoVersion version);
// Whether `version`'s schema requires `f` (false where the version lacks it).
bool required_in(const Model& m, const Field& f, ArgoVersion version);
// The values `version`'s schema allows for `f` ("A|B"), "" for any.
std::string_view enums_in(const Model& m, const Field& f, ArgoVersion version);

const Model* find_model(std::string_view python_name);
const Field* find_field(const Model& m, std::string_view json_name);
const Field* find_keyword(const Model& m, std::string_view python_name);

}  // namespace flowc::models

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

const Model* find_model(std::string_view python_name);
const Field* find_field(const Model& m, std::string_view json_name);
const Field* find_keyword(const Model& m, std::string_view python_name);

}  // namespace flowc::models

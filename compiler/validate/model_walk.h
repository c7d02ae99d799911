// ModelWalk: the walk over an Argo document by the model table
// (frontend/models.h), shared by the checks that read a document as Argo's
// models: lint's field check (lint/schema_check.cpp: E0804-E0806) and the
// Argo version's schema check (validate/version_schema.cpp: E1052, E1053),
// which compile and lint both run.
//
// From the document's kind it descends through each field's type for the
// Argo version ([T] lists, {T} maps, models; a model the version names
// differently is read as its alias), and hands each model object and each of
// its keys to a visitor. Scalars, open models and raw JSON are not walked
// into: a wrong type is the validator's or Argo's to report.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "frontend/models.h"
#include "ir/argo_version.h"

namespace flowc {

class ModelVisitor {
 public:
  virtual ~ModelVisitor() = default;
  // `v`, an object at `ptr`, is read as model `m` (its keys follow).
  virtual void object(const models::Model& m, const nlohmann::ordered_json& v, const std::string& ptr) {
    (void)m, (void)v, (void)ptr;
  }
  // The key `key` of a `m` object, its value `v` at `ptr`: the field to walk
  // into, or null to leave the value alone.
  virtual const models::Field* field(const models::Model& m, const std::string& key, const nlohmann::ordered_json& v,
                                     const std::string& ptr) = 0;
};

// The model a document of `kind` is read as ("" for a kind not checked).
std::string_view model_for_kind(std::string_view kind);

// "V1alpha1WorkflowSpec" -> "WorkflowSpec": the name the schema and Argo's docs use.
std::string short_model_name(const models::Model& m);

// Walks `doc` (by its kind: Workflow, WorkflowTemplate,
// ClusterWorkflowTemplate, CronWorkflow; any other document is left alone)
// for `version`. False if the document is of no checked kind.
bool walk_models(const nlohmann::ordered_json& doc, ArgoVersion version, ModelVisitor& visitor);

}  // namespace flowc

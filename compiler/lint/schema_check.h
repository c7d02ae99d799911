// lint's field check: every key of an Argo document is a field of the model
// Argo reads there (the model table of frontend/models.h, the union of the
// Argo versions), and a field the chosen Argo version has. Kubernetes drops an
// unknown field without a word (or rejects the document, by its settings):
// either way the user's setting is lost, so it is an error here.
// Codes: E0804 unknown field, E0805 a field added after the version, E0806 a
// field the version removed.
#pragma once
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "ir/argo_version.h"
#include "validate/span_table.h"

namespace flowc {

// Checks the fields of `doc`, a Workflow, WorkflowTemplate,
// ClusterWorkflowTemplate or CronWorkflow (by its kind; another kind is not
// checked), for `version`. `keys` holds the place of each key (by the pointer
// of its value). False if it reported an error.
bool check_fields(const nlohmann::ordered_json& doc, const SpanTable& keys, ArgoVersion version, DiagnosticSink& sink);

}  // namespace flowc

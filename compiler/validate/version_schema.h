// What an Argo version's JSON schema requires of a document beyond its
// fields: the fields it requires and the values its enums allow, by the
// version's own lists (frontend/models.h: required_in, enums_in, type_in).
// The versions differ (scripts/argo_version_diff.py, and the FieldVariant
// table gen_models.py writes): memoize's cache.configMap needs a `key` up to
// 3.7 and has none from 4.0; HostAlias needs an `ip` from 3.6; 3.4 and 3.5
// limit imagePullPolicy, Toleration.operator, ... to their enums. A compile
// for a version must never write a document that version's schema rejects
// (issue 20), so what the schema would reject is an error at the user's place.
// Codes: E1052 a required field missing, E1053 a value the enum does not allow.
#pragma once
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "ir/argo_version.h"
#include "validate/span_table.h"

namespace flowc {

// Checks `doc` (a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or
// CronWorkflow, by its kind; other kinds are not checked) against `version`'s
// required lists and enums; `spans` places each pointer (may be empty: the
// errors are then at the start). `file`: the file the sink reports into
// now (lint's YAML; null for a compile), so that an error the validator gave
// at the same place first is not repeated. False if it reported an error.
// `required`: whether E1052 is checked. lint passes false: a schema's
// required list is the Go types' JSON tags (a Gauge's `realtime`, a
// ScriptTemplate's `image` that templateDefaults may supply), which neither
// Argo's validator nor its default (minimal) CRDs enforce, and Argo's own
// validator tests accept documents without them (validate-cases 099, 108, 109).
bool check_version_schema(const nlohmann::ordered_json& doc, const SpanTable& spans, ArgoVersion version,
                          DiagnosticSink& sink, const SourceFile* file = nullptr, bool required = true);

}  // namespace flowc

// What differs between Argo versions, beyond the presence of fields and
// models (which the model tables say): how a setting written one way is
// written for the chosen version, and what to write instead of a removed
// field. Codes E0050-E0059.
//
// Written either way, compiled for each version (docs/dsl.md has the table):
//   CronWorkflowSpec  schedule (a str, up to 3.7)   schedules (a list, 3.6+)
//   Synchronization   mutex / semaphore (up to 3.7)  mutexes / semaphores (3.6+)
// For 3.4 and 3.5 flowc writes the single form (a list of one becomes its
// item; more is an error); from 3.6 on it writes the list form, which 3.6 and
// 3.7 accept too and which is the only form 4.0 keeps, so a document compiled
// for 3.6 keeps working after the upgrade to 4.x.
#pragma once
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "frontend/models.h"
#include "ir/argo_version.h"
#include "ir/value.h"

namespace flowc {

// `field` of `model` is one of a pair above (schedule, mutex, mutexes, ...):
// flowc writes it for every version, so its absence from a version is no error.
bool version_renamed(std::string_view model, std::string_view field);

// Checks that `version` has field `f` of model `m`; else E0050 (added later)
// or E0051 (removed) at `at`, naming the field as written (`written`).
bool check_field_version(const models::Field& f, const models::Model& m, const std::string& written, Span at,
                         ArgoVersion version, DiagnosticSink& sink);
// Models Argo swapped for a successor with the same JSON shape (a field's
// type changed): PersistentVolumeClaimSpec.resources is a
// V1ResourceRequirements up to 3.5 and a V1VolumeResourceRequirements from
// 3.6. Either name may be written for every version; the fields written must
// exist in the version's model. The other model of the pair, or null.
const models::Model* version_alias(std::string_view model);

// A model given for field `f` of `m` that is the field's type in other
// versions but not in `version` (memoize's cache.configMap: a
// V1ConfigMapKeySelector up to 3.7, a V1LocalObjectReference from 4.0):
// E1051 naming the versions of each, false. True for anything else (the type
// check that follows reports other mistakes).
bool check_variant_model(const Value& v, const models::Model& m, const models::Field& f, const std::string& what,
                         ArgoVersion version, DiagnosticSink& sink);

// Checks that `version` has model `m` (a constructor call at `at`); else
// E0050/E0051. A model with an alias the version has passes.
bool check_model_version(const models::Model& m, Span at, ArgoVersion version, DiagnosticSink& sink);

// Writes a Synchronization (JSON keys) in `version`'s shape: mutex <-> mutexes,
// semaphore <-> semaphores. E0052 for more than one where the version takes
// one, E0053 for both forms at once.
bool shape_synchronization(Value& sync, ArgoVersion version, DiagnosticSink& sink);
// Writes a CronWorkflowSpec's schedules (JSON keys, `schedules` as the reader
// keeps them) in `version`'s shape: `schedule` (a str) before 3.6.
bool shape_schedules(Value& cron, ArgoVersion version, DiagnosticSink& sink);

}  // namespace flowc

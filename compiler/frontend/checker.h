// Checks evaluated values against Argo's and Kubernetes' model tables
// (frontend/models.h): field names, with "did you mean" for near misses, and
// value types. Plain dicts are checked like the model they stand for.
#pragma once
#include <string>
#include <string_view>

#include "diag/diagnostic.h"
#include "frontend/models.h"
#include "ir/argo_version.h"
#include "ir/value.h"

namespace flowc {

class Checker {
 public:
  explicit Checker(DiagnosticSink& sink, ArgoVersion version = {}) : sink_(sink), version_(version) {}

  // Checks `v` against a type descriptor ("str", "V1Container", "[V1EnvVar]",
  // "{str}", ...). Numbers given for a Quantity become strings, as Argo's
  // schema wants. `what` names the place for messages ("field 'env' of V1Container").
  bool check(Value& v, std::string_view type, const std::string& what);
  // Checks the fields of a Dict against model `m`; `keywords` says the keys
  // were written as Python keywords (snake_case) rather than JSON names.
  bool check_fields(Value& v, const models::Model& m, bool keywords);
  // Unknown model name: the error, with the closest known model.
  void unknown_model(std::string_view name, Span span);
  // The Argo version compiled for: fields it lacks are errors, and settings
  // Argo renamed are written its way (frontend/version_rules.h).
  ArgoVersion version() const { return version_; }


 private:
  DiagnosticSink& sink_;
  ArgoVersion version_;
};

}  // namespace flowc

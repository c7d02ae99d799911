// Argo backend: IR -> Argo documents, as ordered JSON trees in Argo's usual
// key order (apiVersion, kind, metadata, spec; name first in each template
// and task).
#pragma once
#include <nlohmann/json.hpp>

#include "ir/workflow.h"
#include "validate/span_table.h"

namespace flowc {

using Document = nlohmann::ordered_json;

// `spans`, if given, receives where each field came from (JSON pointer ->
// the Value's span; the class name for what the backend itself adds), so the
// validator can report at the Python place.
Document to_argo(const Workflow& wf, SpanTable* spans = nullptr);
// Value -> JSON; parameter values are strings in Argo, so `stringify_scalars`
// turns numbers and booleans into their text.
Document to_json(const Value& v);

}  // namespace flowc

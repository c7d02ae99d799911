// Argo backend: IR -> Argo documents, as ordered JSON trees in Argo's usual
// key order (apiVersion, kind, metadata, spec; name first in each template
// and task).
#pragma once
#include <nlohmann/json.hpp>

#include "ir/workflow.h"

namespace flowc {

using Document = nlohmann::ordered_json;

Document to_argo(const Workflow& wf);
// Value -> JSON; parameter values are strings in Argo, so `stringify_scalars`
// turns numbers and booleans into their text.
Document to_json(const Value& v);

}  // namespace flowc

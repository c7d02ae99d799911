// Peak backend: a workflow -> the file `peak workflows create FILE` takes,
// {"body": <Peak workflow>}: the step mapping.
//
// It reads the workflow's Argo document (what the Argo backend made of the
// IR), so every Argo field the frontend learns to read reaches this backend
// without changes here: fields with a Peak equivalent are translated, every
// other one is a diagnostic naming it (E06xx), never dropped. The IR gives
// the places for diagnostics and the Peak-only settings (@peak.workflow,
// __peak__, @peak.step).
//
// The concepts it uses have files of their own: peak_settings (the shapes of
// Peak's settings), peak_conditions (depends / when), peak_retry
// (retryStrategy), shell_quote (the step's command), jinja_text (placeholders
// and escaping in the Jinja file).
#pragma once
#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

using Document = nlohmann::ordered_json;

struct PeakFile {
  // The file's content, finished for the writers: Jinja delimiters the user
  // did not mean escaped, a number field's placeholder a verbatim scalar
  // (ir/verbatim.h).
  Document file;
  // The same data with placeholders as written: what the SDK's
  // create_workflow() takes (dict["body"]).
  Document dict;
};

PeakFile to_peak(const Workflow& wf, const Document& argo, DiagnosticSink& sink);

}  // namespace flowc

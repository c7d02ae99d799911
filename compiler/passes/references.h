// Checks {{...}} references the way Argo's validation would at submit time:
// {{inputs.parameters.X}} / {{inputs.artifacts.X}} name inputs of the
// template they are in; {{workflow.parameters.X}} names a workflow argument;
// {{tasks.T.outputs.parameters.X}} / {{steps.S.outputs...}} name an output
// of the template that task or step calls.
#pragma once
#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

void check_references(const Workflow& wf, DiagnosticSink& sink);

}  // namespace flowc

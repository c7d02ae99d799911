// DAG resolution and checks: tasks to templates, dependencies to tasks,
// implicit dependencies from {{tasks.X...}} references, cycles, entrypoint.
#pragma once
#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

void resolve_dag(Workflow& wf, DiagnosticSink& sink);

}  // namespace flowc

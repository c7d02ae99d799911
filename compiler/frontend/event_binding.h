// The fifth kind of workflow class: `class X(WorkflowEventBinding)`, whose
// class attributes are the binding's spec (`event`, `submit`) and metadata.
// It runs nothing itself: it submits a WorkflowTemplate when an event
// matches, so it has no templates, tasks or scopes.
#pragma once
#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

// Reports DSL members on a binding (E0219) and a spec Argo would reject for
// want of a required field: no event, no event.selector, a submit without
// workflowTemplateRef (E0218). False if anything was reported.
bool check_event_binding(const Workflow& wf, DiagnosticSink& sink);

}  // namespace flowc

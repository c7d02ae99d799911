#include "frontend/event_binding.h"

namespace flowc {

namespace {

void member_error(DiagnosticSink& sink, Span at, const std::string& what, const std::string& name) {
  sink.error("E0219", at, "a WorkflowEventBinding has no " + what + "; '" + name + "' cannot be part of it")
      .notes.push_back({"put templates in a WorkflowTemplate and name it in submit="
                        "V1alpha1Submit(workflow_template_ref=V1alpha1WorkflowTemplateRef(name=...))",
                        std::nullopt});
}

}  // namespace

bool check_event_binding(const Workflow& wf, DiagnosticSink& sink) {
  bool ok = true;
  for (auto& t : wf.templates) member_error(sink, t.span, "templates", t.method), ok = false;
  for (auto& t : wf.tasks) member_error(sink, t.span, "tasks", t.method), ok = false;
  for (auto& s : wf.scopes) member_error(sink, s.span, "scopes", s.name), ok = false;
  if (wf.broken_settings) return false;
  const Value* event = wf.spec.get("event");
  if (!event) {
    sink.error("E0218", wf.span, "WorkflowEventBinding '" + wf.class_name + "' has no event")
        .notes.push_back({"add event = V1alpha1Event(selector=\"...\"), the expression an event must match",
                          std::nullopt});
    return false;
  }
  if (event->is_dict() && !event->get("selector")) {
    sink.error("E0218", event->span, "the event of a WorkflowEventBinding needs a selector");
    ok = false;
  }
  if (const Value* submit = wf.spec.get("submit"); submit && submit->is_dict() && !submit->get("workflowTemplateRef")) {
    sink.error("E0218", submit->span, "submit needs workflow_template_ref: the WorkflowTemplate the event submits");
    ok = false;
  }
  return ok;
}

}  // namespace flowc

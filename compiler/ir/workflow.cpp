#include "ir/workflow.h"

namespace flowc {

const char* kind_name(WorkflowKind k) {
  switch (k) {
    case WorkflowKind::Workflow: return "Workflow";
    case WorkflowKind::WorkflowTemplate: return "WorkflowTemplate";
    case WorkflowKind::ClusterWorkflowTemplate: return "ClusterWorkflowTemplate";
    case WorkflowKind::CronWorkflow: return "CronWorkflow";
    case WorkflowKind::WorkflowEventBinding: return "WorkflowEventBinding";
    case WorkflowKind::Manifest: return "Manifest";
  }
  return "Workflow";
}

namespace {

void set_file(Value& v, const SourceFile* file) {
  if (!v.file) v.file = file;
  for (auto& item : v.items) set_file(item, file);
  for (auto& [k, f] : v.fields) set_file(f, file);
}

void set_file(Task& t, const SourceFile* file) {
  if (!t.file) t.file = file;
  for (Value* v : {&t.template_ref, &t.parameters, &t.artifacts, &t.fields, &t.extensions}) set_file(*v, file);
}

void set_file(Template& t, const SourceFile* file) {
  if (!t.file) t.file = file;
  for (Value* v : {&t.body, &t.fields, &t.input_parameters, &t.input_artifacts, &t.output_parameters,
                   &t.output_artifacts, &t.extensions})
    set_file(*v, file);
  for (auto& task : t.tasks) set_file(task, file);
  for (auto& group : t.steps)
    for (auto& step : group) set_file(step, file);
}

}  // namespace

void set_source_file(Workflow& wf, const SourceFile* file) {
  for (Value* v : {&wf.metadata, &wf.spec, &wf.cron, &wf.extensions}) set_file(*v, file);
  for (auto& t : wf.templates) set_file(t, file);
  for (auto& t : wf.tasks) set_file(t, file);
}

}  // namespace flowc

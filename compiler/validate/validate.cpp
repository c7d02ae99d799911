#include "validate/validate.h"

#include "validate/validator.h"

namespace flowc {


std::string entry_for_kind(const std::string& kind) {
  if (kind == "Workflow") return "workflow";
  if (kind == "WorkflowTemplate") return "workflow_template";
  if (kind == "ClusterWorkflowTemplate") return "cluster_workflow_template";
  if (kind == "CronWorkflow") return "cron_workflow";
  return "";
}

void validate_document(const SourcedDocument& doc, const ValidateOptions& options, DiagnosticSink& sink) {
  if (!doc.doc) return;
  validation::Validator(doc, options, sink).run();
}


}  // namespace flowc

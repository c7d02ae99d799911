// flowc lint: Argo YAML files -> the validator -> diagnostics at YAML lines.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "ir/argo_version.h"

#include <nlohmann/json.hpp>

namespace flowc {

struct LintFile {
  std::string name;
  std::string text;
};

struct LintOptions {
  // Validate every document as this entry ("workflow", "workflow_template",
  // "cluster_workflow_template", "cron_workflow"), whatever its kind; "" = by kind.
  std::string entry;
  bool argo_lint = true;  // Argo's Lint option (as `argo lint`): workflow arguments may lack values
  bool submit = false;    // Argo's Submit option
  // Files holding more WorkflowTemplates / ClusterWorkflowTemplates in scope
  // (read, not validated).
  std::vector<LintFile> template_files;
  // WorkflowTemplates compiled from the project's Python files (issue 23:
  // `flowc lint DIR` of a folder holding both), in scope as template_files are.
  std::vector<nlohmann::ordered_json> compiled_templates;
  // True: the given files hold every template that exists; a templateRef to
  // another is an error. False: it may be in the cluster (not checked).
  bool templates_complete = false;
  // Names deployed elsewhere (issue 23: [tool.flowc] external-templates,
  // --external-template): a reference to one not given is a note.
  std::vector<std::string> external_templates;
  // YAML of the controller's workflow defaults (a Workflow); its
  // spec.workflowMetadata labels/annotations are in scope for {{workflow.labels.X}}.
  std::string defaults;
  // The Argo version the documents are for (--argo-version): which fields
  // exist, and the validator's per-version rules.
  ArgoVersion argo_version;
  // As `argo submit --entrypoint` / `-p NAME=VALUE` / `--parameter-file` (flowc run): set in a
  // Workflow's spec before it is validated, as the submission does.
  std::string entrypoint;
  std::vector<std::pair<std::string, std::string>> parameters;
  size_t error_limit = 50;
  bool warnings_as_errors = false;
};

struct LintResult {
  bool ok = false;
  size_t documents = 0;                // documents validated
  std::vector<Diagnostic> diagnostics;  // each with its file set
  std::vector<std::shared_ptr<const SourceFile>> files;
  std::string render_diagnostics() const;
};

LintResult lint(const std::vector<LintFile>& files, const LintOptions& options);

}  // namespace flowc

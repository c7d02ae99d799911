// The validation stage: the checks Argo's validator (workflow/validate/
// validate.go, v4.1.2) makes without a cluster, plus the Kubernetes API
// server's metadata rules, on an Argo document (what Argo itself sees). It
// serves both a compile (the Argo backend's document, spans from the Python
// source) and lint (documents read from YAML, spans at YAML lines).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "ir/argo_version.h"
#include "validate/span_table.h"

namespace flowc {

// A document with the table of where its fields came from, and its file
// (null: the file being compiled / linted).
struct SourcedDocument {
  const nlohmann::ordered_json* doc = nullptr;
  const SpanTable* spans = nullptr;
  const SourceFile* file = nullptr;
};

// WorkflowTemplates and ClusterWorkflowTemplates that templateRef and
// workflowTemplateRef may reach, by metadata.name.
struct TemplateSet {
  std::map<std::string, SourcedDocument> namespaced;
  std::map<std::string, SourcedDocument> cluster;
  // True: these are all the templates that exist (a reference to another is an
  // error, as Argo would find it missing). False: others may exist in the
  // cluster; a reference to one is not checked.
  bool complete = false;
  // Names declared as deployed elsewhere (issue 23: [tool.flowc]
  // external-templates, --external-template): a reference to one that is not
  // in the set is a note, never an error (its arguments cannot be checked).
  std::set<std::string> external;
};

struct ValidateOptions {
  // How Argo is asked to validate the document: "workflow",
  // "workflow_template", "cluster_workflow_template", "cron_workflow", or ""
  // (from its kind).
  std::string entry;
  bool lint = false;    // Argo's Opts.Lint: workflow arguments may lack values
  bool submit = false;  // Argo's Opts.Submit
  const TemplateSet* templates = nullptr;
  // A reference to a template not in `templates` (when it is not complete) is
  // an error, E0501 (lint: Argo refuses what it cannot find). A compile refers
  // to templates deployed in the cluster as a matter of course and leaves it
  // unchecked (see Validator::template_ref_missing).
  bool template_refs_must_resolve = false;
  // Label and annotation keys of the controller's workflow defaults
  // (spec.workflowMetadata), which {{workflow.labels.X}} may name.
  std::vector<std::string> default_labels, default_annotations;
  // The Argo version the document is for: a CronWorkflow's schedule field
  // (`schedule` up to 3.5, `schedules` from 4.0, either in 3.6/3.7) and
  // synchronization's mutex/semaphore (up to 3.7) depend on it.
  ArgoVersion argo_version;
};

void validate_document(const SourcedDocument& doc, const ValidateOptions& options, DiagnosticSink& sink);

// The entry Argo uses for a document of this kind ("" for a kind it does not validate).
std::string entry_for_kind(const std::string& kind);

}  // namespace flowc

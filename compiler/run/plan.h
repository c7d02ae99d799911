// The plan of a run (issue 21): the Argo document to run, its templates
// resolved (local, templateRef among the --templates files, inline), the
// workflow's parameters bound (-p, --parameter-file, defaults) and their
// enums checked, and every template that cannot run on this machine found —
// all before anything runs. Nothing here starts a process.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "validate/span_table.h"

namespace flowc::run {

// A set of templates names resolve in: the workflow's own, or a
// WorkflowTemplate's (a templateRef's template names its siblings).
struct TemplateBase {
  std::string scope;  // "local/<workflow>" or "namespaced/<name>" / "cluster/<name>"
  std::map<std::string, nlohmann::ordered_json> templates;
  nlohmann::ordered_json arguments;  // a WorkflowTemplate's spec.arguments
};

struct PlanOptions {
  std::string path;                                         // a DSL .py or an Argo .yaml/.yml/.json
  std::vector<std::pair<std::string, std::string>> parameters;  // -p NAME=VALUE, in order
  std::string parameter_file;                               // --parameter-file (YAML or JSON map)
  std::string entrypoint;                                   // --entrypoint
  std::vector<std::string> template_files;                  // --templates
  // The WorkflowTemplates of the run file's folder, Python or YAML (issue 23;
  // cli/project_check.h): templateRefs resolve in them without --templates,
  // which win over them.
  std::vector<nlohmann::ordered_json> project_templates;
  std::set<std::string> skip;                               // --skip NAME (template names)
  std::map<std::string, std::string> artifacts;             // --artifact NAME=PATH
  std::map<std::string, std::string> volumes;               // --volume NAME=PATH (volumes.h)
  std::map<std::string, std::string> config_maps;           // --configmap NAME/KEY=VALUE ("NAME/KEY" -> VALUE)
  std::map<std::string, std::string> semaphores;            // --semaphore NAME=N (semaphores.h)
  bool resume = false;                                      // --resume
  // Refuse a command that is not a program on this machine (E1210): the host
  // executor runs the host's programs. Off for executors that bring their own.
  bool check_host_programs = true;
};

struct Plan {
  bool ok = false;
  nlohmann::ordered_json workflow;  // the Workflow as run (a WorkflowTemplate becomes one)
  std::string workflow_name;        // metadata.name (generateName + 5 characters, as the API server)
  std::string entrypoint;
  TemplateBase local;
  std::map<std::string, TemplateBase> namespaced;  // WorkflowTemplates by name
  std::map<std::string, TemplateBase> cluster;     // ClusterWorkflowTemplates by name
  std::vector<std::pair<std::string, std::string>> parameters;  // workflow.parameters.*, in order
  std::set<std::string> skip;
  std::map<std::string, std::string> artifacts;
  std::map<std::string, std::string> volumes;  // --volume NAME=PATH
  std::map<std::string, std::string> config_maps;  // --configmap NAME/KEY=VALUE
  std::map<std::string, int> semaphore_limits;     // the limits of the templates' semaphores, by table key (semaphores.h)
  bool resume = false;
  std::map<std::string, std::string> supplied;  // -p values not naming a workflow parameter (suspend's supplied values)
  // Diagnostics at the user's place (file:line:col).
  std::shared_ptr<const SourceFile> file;
  std::vector<std::shared_ptr<const SourceFile>> extra_files;
  std::vector<Diagnostic> diagnostics;
  SpanTable spans;  // the YAML's places (empty for a .py: diagnostics go to the class's template)
  std::string python_source;  // a .py file's text, to place template diagnostics at its def
  // spec.templateDefaults, already merged into every template above; kept
  // for inline templates, merged when resolved (template_defaults.h).
  nlohmann::ordered_json template_defaults;
};

Plan make_plan(const PlanOptions& options);

// The template a step/task/holder names, in `base`: by `template`, by
// `templateRef` (the base becomes the WorkflowTemplate's), or `inline`.
// Null with `error` set when it cannot be found.
const nlohmann::ordered_json* resolve_template(const Plan& plan, const TemplateBase*& base,
                                               const nlohmann::ordered_json& holder, nlohmann::ordered_json& inline_store,
                                               std::string& error);

// The kind of a template: "container", "script", "containerSet", "data",
// "steps", "dag", "suspend", "resource", "http", "plugin", or "" when none.
std::string template_kind(const nlohmann::ordered_json& tmpl);

}  // namespace flowc::run

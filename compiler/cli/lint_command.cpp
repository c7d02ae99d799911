// flowc lint: Argo YAML files checked as Argo's validator would (compiler/lint).
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>

#include "cli/cli_app.h"
#include "cli/output_guard.h"
#include "cli/project_check.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/inputs.h"
#include "cli/project.h"
#include "cli/report_options.h"
#include "lint/lint.h"

namespace flowc::cli {

namespace {

const char* kFooter = R"(Exit codes:
  0  every document is valid (warnings may be printed)
  1  a document is invalid: file:line:col: error: message [CODE] at the YAML's place
  2  usage errors, unreadable files, projects that set different Argo versions,
     a folder with no YAML file to lint (none, or all excluded or ignored by
     git; -v lists what was skipped and why)

Examples:
  flowc lint workflow.yaml
  flowc lint manifests/                       every *.yaml and *.yml below, .gitignore respected
  flowc lint wf.yaml -t templates.yaml --all-templates   templateRefs must resolve
  kubectl get wf my-wf -o yaml | flowc lint -
  flowc lint --submit --argo-version 3.5 wf.yaml
)";

// The Argo version to lint for: --argo-version, else the files' project's
// (one for all: templates of one file are in scope for the others).
bool lint_version(const std::vector<std::string>& names, const std::string& explicit_version, std::string& version,
                  std::string& error) {
  if (!explicit_version.empty()) {
    version = explicit_version;
    return true;
  }
  ProjectFinder projects;
  std::map<std::string, std::string> versions;  // version -> first file with it
  for (auto& n : names) {
    std::string e;
    std::string v = argo_version_for(projects, n, "", e);
    if (!e.empty()) {
      error = e;
      return false;
    }
    versions.emplace(v.empty() ? kDefaultArgoVersion : v, n);
  }
  if (versions.size() > 1) {
    std::string list;
    for (auto& [v, n] : versions) list += (list.empty() ? "" : ", ") + v + " for " + n;
    error = "the files' projects set different Argo versions (" + list +
            "); lint them separately or pass argo_version / --argo-version";
    return false;
  }
  version = versions.empty() ? "" : versions.begin()->first;
  return true;
}

// Reads one file; false (message printed) if it cannot be read.
bool read_named(const std::string& path, const std::string& name, std::string& text, int& exit_code,
                Reporter& reporter) {
  ReadResult r = read_input(path);
  if (r.status == ReadResult::Status::Error) {
    reporter.error("cannot read " + shown(path) + ": " + std::strerror(r.error));
    exit_code = kExitUsage;
    return false;
  }
  if (r.status == ReadResult::Status::TooLarge) {
    reporter.file_error(shown(name), too_large_message(r.size), "E0006");
    exit_code = kExitFailed;
    return false;
  }
  text = std::move(r.data);
  return true;
}

}  // namespace

int lint_command(const std::vector<std::string>& args) {
  std::vector<std::string> files, templates;
  std::string entry, defaults, argo_version;
  bool all_templates = false, submit = false, werror = false;
  int quiet = 0, verbose = 0;
  auto app = make_app("lint",
                      "Check Argo Workflows YAML (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow; "
                      "several documents per file) as Argo's validator would. Exit 0: valid; 1: invalid; 2: usage or "
                      "I/O error.");
  app->footer(kFooter);
  app->add_option("FILE", files, "YAML files or folders of them ('-' for standard input)")->type_name("")->required();
  app->add_option("--entry", entry, "validate every document as this kind, whatever its 'kind:'")
      ->type_name(choice_name({"workflow", "workflow_template", "cluster_workflow_template", "cron_workflow"}))->check(choice({"workflow", "workflow_template", "cluster_workflow_template", "cron_workflow"}));
  app->add_option("-t,--templates", templates,
                  "more WorkflowTemplates/ClusterWorkflowTemplates in scope for templateRef (read, not checked)")
      ->type_name("FILE")->allow_extra_args(false);
  app->add_flag("--all-templates", all_templates,
                "the given files hold every template that exists: a templateRef to another is Argo's "
                "'not found' (E0703) rather than E0501");
  std::vector<std::string> external;
  app->add_option("--external-template", external,
                  "a WorkflowTemplate deployed elsewhere: a templateRef to it is a note, not a warning or error "
                  "(repeatable; also [tool.flowc] external-templates)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app->add_option("--defaults", defaults,
                  "the controller's workflow defaults (a Workflow YAML): its workflowMetadata labels and annotations "
                  "may be used as {{workflow.labels.X}}")->type_name("FILE");
  app->add_flag("--submit", submit,
                "check as for a submission (Argo's Submit option, not Lint): arguments need values");
  app->add_flag("-W,--warnings-as-errors", werror, "treat warnings as errors");
  add_argo_version_option(*app, argo_version, "the Argo version whose fields and rules apply", "files'");
  ReportArgs report;
  add_report_options(*app, report);
  add_verbosity(*app, quiet, verbose);
  if (auto code = parse(*app, args)) return *code;
  std::vector<std::string> lint_inputs = files;
  lint_inputs.insert(lint_inputs.end(), templates.begin(), templates.end());
  lint_inputs.push_back(defaults);
  if (std::string same = output_replacing_an_input({report.output}, lint_inputs, {"*.yaml", "*.yml", "*.py"}); !same.empty()) {
    emit(stderr, "flowc lint: error: " + same + ": writing it would replace that file; nothing was written\n");
    return kExitUsage;
  }
  Reporter reporter(verbosity(quiet, verbose));
  if (!reporter.set_report(report_settings(report))) return kExitUsage;

  int exit_code = 0;
  InputOptions io;  // folders: every *.yaml / *.yml below, as flowc compile walks them
  io.include = {"*.yaml", "*.yml"};
  io.record_skipped = reporter.verbosity() == Verbosity::Verbose;
  InputList inputs = collect_inputs(files, io);
  if (!inputs.error.empty()) {
    reporter.error(inputs.error);
    return kExitUsage;
  }
  for (auto& skipped : inputs.skipped) reporter.info("skipped " + skipped);
  for (auto& w : inputs.warnings) reporter.warning(w);
  if (!inputs.empty_folders.empty()) {  // said, not passed over: most likely a wrong path or pattern
    reporter.error(no_input_message("YAML file to lint", inputs.empty_folders[0], io));
    return kExitUsage;
  }
  std::vector<LintFile> in;
  for (auto& input : inputs.inputs) {
    LintFile f{input.name, ""};
    if (!read_named(input.path, f.name, f.text, exit_code, reporter)) return exit_code;
    in.push_back(std::move(f));
  }
  LintOptions o;
  for (auto& p : templates) {
    LintFile f{p, ""};
    if (!read_named(p, p, f.text, exit_code, reporter)) return exit_code;
    o.template_files.push_back(std::move(f));
  }
  if (!defaults.empty() && !read_named(defaults, defaults, o.defaults, exit_code, reporter)) return exit_code;

  std::vector<std::string> names;
  for (auto& f : in) names.push_back(f.name);
  std::string version, error;
  if (!lint_version(names, argo_version, version, error)) {
    reporter.error(error + " [E0054]");
    return kExitUsage;
  }
  if (!version.empty()) o.argo_version = *parse_argo_version(version);
  o.entry = entry;
  o.argo_lint = !submit;
  o.submit = submit;
  // Several files or a folder are one project: a templateRef to a template
  // none of them defines is an error, unless declared external (issue 23).
  o.templates_complete = all_templates || in.size() > 1 ||
                         std::any_of(inputs.inputs.begin(), inputs.inputs.end(), [](auto& i) { return i.from_folder; });
  o.external_templates = external;
  if (o.templates_complete) o.compiled_templates = python_templates_in(files, argo_version, reporter);
  ProjectFinder projects;
  for (auto& f : in) {
    ProjectLookup p = projects.for_file(f.name);
    if (p.ok() && p.settings.external_templates)
      o.external_templates.insert(o.external_templates.end(), p.settings.external_templates->begin(),
                                  p.settings.external_templates->end());
  }
  o.warnings_as_errors = werror;
  LintResult r = lint(in, o);
  reporter.diagnostics(r);
  return r.ok ? kExitOk : kExitFailed;
}

}  // namespace flowc::cli

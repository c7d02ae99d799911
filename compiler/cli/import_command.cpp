// flowc import: Argo YAML in, flowc DSL source out (compiler/driver/import.h).
#include <sys/stat.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>

#include "cli/cli_app.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/inputs.h"
#include "cli/output_guard.h"
#include "cli/outputs.h"
#include "cli/project.h"
#include "cli/report_options.h"
#include "driver/import.h"
#include "ir/argo_version.h"

namespace flowc::cli {

namespace {

const char* kFooter = R"(A folder is walked for *.yaml and *.yml files. -o DIR/ (an existing folder,
or a path ending in '/') gets one .py per input, mirroring the input tree.
An input that fails leaves nothing written or replaced.

Exit codes:
  0  every input was imported
  1  an input cannot be imported (file:line:col: error: message [CODE])
  2  usage errors, unreadable inputs, unwritable outputs, a folder with no
     YAML file to import (none, or all excluded or ignored by git; -v lists
     what was skipped and why)

Examples:
  flowc import hello-world.yaml > hello_world.py
  flowc import argo-workflows/ -o flows/
  flowc import --argo-version 3.5 cron.yaml
  kubectl get wftmpl my-template -o yaml | flowc import -
)";

bool is_folder(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// One input of the import, kept for the second pass (typed references).
struct Imported {
  const Input* in = nullptr;
  std::string yaml;
  ImportOptions options;
  ImportResult result;
  std::string rel;  // its .py below the output folder
};

bool is_module_part(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  static const char* const kKeywords[] = {"False", "None", "True", "and", "as", "assert", "async", "await", "break",
                                          "class", "continue", "def", "del", "elif", "else", "except", "finally",
                                          "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
                                          "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
  for (const char* k : kKeywords)
    if (s == k) return false;
  return true;
}

// The relative module by which the generated `from_rel` imports `to_rel`
// (".shared", "..common.tools"), or "" when a name on the way is not a
// Python identifier (then the reference stays a string).
std::string relative_module(const std::string& from_rel, const std::string& to_rel) {
  namespace fs = std::filesystem;
  fs::path target = fs::path(to_rel).replace_extension("");
  fs::path rel = target.lexically_relative(fs::path(from_rel).parent_path());
  if (rel.empty()) return "";
  size_t level = 1;
  std::string dotted;
  for (const fs::path& part : rel) {
    std::string p = part.string();
    if (p == "..") {
      if (!dotted.empty()) return "";
      ++level;
      continue;
    }
    if (p == "." || !is_module_part(p)) return "";
    dotted += (dotted.empty() ? "" : ".") + p;
  }
  return dotted.empty() ? "" : std::string(level, '.') + dotted;
}

// Issue 23: a folder holding WorkflowTemplates and the Workflows calling them
// is imported again, file by file, with the other files' template classes
// known, so that each templateRef to one becomes `return Shared.echo(...)`.
// The first pass's result stands when the second cannot be checked.
void write_typed_references(std::vector<Imported>& all) {
  namespace fs = std::filesystem;
  for (Imported& caller : all) {
    if (!caller.result.ok || caller.yaml.find("templateRef") == std::string::npos) continue;
    std::vector<pywriter::TemplateClass> project;
    std::map<std::string, std::string> modules;
    for (const Imported& other : all) {
      if (&other == &caller || !other.result.ok || other.result.template_classes.empty()) continue;
      std::string module = relative_module(caller.rel, other.rel);
      if (module.empty()) continue;
      for (pywriter::TemplateClass c : other.result.template_classes) {
        c.module = module;
        project.push_back(std::move(c));
      }
      // Where the check of the caller's Python (compiled as `<name>.py`) looks for that module.
      fs::path at = fs::path(caller.in->name).parent_path() / fs::path(other.rel).lexically_relative(fs::path(caller.rel).parent_path());
      modules[at.lexically_normal().string()] = other.result.output;
    }
    if (project.empty()) continue;
    ImportOptions o = caller.options;
    o.project = &project;
    o.modules = &modules;
    ImportResult typed = import_yaml(caller.yaml, caller.in->name, o);
    if (typed.ok) caller.result.output = std::move(typed.output);
  }
}

}  // namespace

int import_command(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::string output, argo_version, python_version;
  int quiet = 0, verbose = 0;
  auto app = make_app("import", "Import Argo YAML files as flowc DSL source.");
  app->footer(kFooter);
  app->add_option("FILE", files, "YAML files or folders ('-' for standard input)")->type_name("")->required();
  app->add_option("-o,--output", output,
                  "write here instead of standard output; a directory (existing, or ending in '/') gets one .py per "
                  "input, mirroring the input tree")->type_name("OUT");
  add_argo_version_option(*app, argo_version, "the Argo version whose fields the YAML is read against", "file's");
  add_python_version_option(*app, python_version);
  ReportArgs report;
  add_report_options(*app, report);
  add_verbosity(*app, quiet, verbose);
  if (auto code = parse(*app, args)) return *code;
  if (std::string same = output_replacing_an_input({output, report.output}, files, {"*.yaml", "*.yml"}); !same.empty()) {
    emit(stderr, "flowc import: error: " + same + ": writing it would replace that file; nothing was written\n");
    return kExitUsage;
  }
  Reporter reporter(verbosity(quiet, verbose));
  if (!reporter.set_report(report_settings(report))) return kExitUsage;

  InputOptions io;
  io.include = {"*.yaml", "*.yml"};
  io.stdin_relative = "stdin.yaml";
  io.record_skipped = reporter.verbosity() == Verbosity::Verbose;
  InputList list = collect_inputs(files, io);
  if (!list.error.empty()) {
    reporter.error(list.error);
    return kExitUsage;
  }
  for (auto& w : list.warnings) reporter.warning(w);
  for (auto& skipped : list.skipped) reporter.info("skipped " + skipped);
  if (!list.empty_folders.empty()) {  // issue 20: once wrote nothing, said nothing and exited 0
    reporter.error(no_input_message("YAML file to import", list.empty_folders[0], io));
    return kExitUsage;
  }
  ProjectFinder projects;
  std::vector<OutputFile> results;  // (relative .py path, python)
  bool failed = false;
  std::vector<Imported> all;
  all.reserve(list.inputs.size());
  for (auto& in : list.inputs) {
    ReadResult read = read_input(in.path);
    if (read.status == ReadResult::Status::Error) {
      reporter.error("cannot read " + shown(in.path) + ": " + std::strerror(read.error));
      return kExitUsage;
    }
    if (read.status == ReadResult::Status::TooLarge) {
      reporter.file_error(shown(in.name), too_large_message(read.size), "E0006");
      failed = true;
      continue;
    }
    // --argo-version, else the file's project's (as compile does).
    std::string project_error;
    std::string version = argo_version_for(projects, in.is_stdin ? "-" : in.name, argo_version, project_error);
    if (!project_error.empty()) {
      reporter.project_error(project_error);
      failed = true;
      continue;
    }
    // --python-version, else the file's project's: the Python the written
    // source is checked as (so a project on 3.9 gets source 3.9 reads).
    std::string python = python_version_for(projects, in.is_stdin ? "-" : in.name, python_version, project_error);
    if (!project_error.empty()) {
      reporter.project_error(project_error);
      failed = true;
      continue;
    }
    Imported im;
    im.in = &in;
    im.options.python_version = python;
    if (!version.empty()) {
      im.options.argo_version = *parse_argo_version(version);
      im.options.argo_version_text = version;
    }
    im.yaml = read.data;
    im.result = import_yaml(std::move(read.data), in.name, im.options);
    im.rel = join_path(folder_of(in.relative), stem(in.relative) + ".py");
    all.push_back(std::move(im));
  }
  if (all.size() > 1) write_typed_references(all);
  for (auto& im : all) {
    reporter.diagnostics(im.result);
    if (!im.result.ok) {
      failed = true;
      continue;
    }
    results.push_back({im.rel, std::move(im.result.output), im.in->name});
  }
  bool to_folder = !output.empty() && (output.back() == '/' || is_folder(output));
  if (to_folder) {
    for (auto& r : results) {
      r.path = join_path(output, r.path);
      r.make_folders = true;
    }
    if (std::string clash = find_collision(results); !clash.empty()) {
      reporter.error(clash);
      return kExitUsage;
    }
    int rc = write_outputs(results, WriteMode::Write, reporter);
    if (rc == kExitUsage) return rc;
    return failed ? kExitFailed : kExitOk;
  }
  if (failed) return kExitFailed;
  if (!output.empty()) {
    if (results.size() > 1) {
      reporter.error("several inputs imported; write them to a directory with -o DIR/");
      return kExitUsage;
    }
    if (results.empty()) {
      reporter.error("nothing to write; " + shown(output) + " is left as it was");
      return kExitFailed;
    }
    return write_outputs({{output, results[0].text, results[0].source}}, WriteMode::Write, reporter);
  }
  std::string text;
  for (auto& r : results) text += r.text;
  emit(stdout, text);
  return kExitOk;
}

}  // namespace flowc::cli

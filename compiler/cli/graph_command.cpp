// flowc graph: the picture of each workflow's DAG and steps templates (compiler/graph).
#include <sys/stat.h>

#include <cstring>

#include "cli/cli_app.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/output_guard.h"
#include "cli/outputs.h"
#include "cli/project.h"
#include "cli/report_options.h"
#include "driver/graph.h"

namespace flowc::cli {

namespace {

const char* kFooter = R"(Exit codes:
  0  the picture was written
  1  compile errors (file:line:col: error: message [CODE]), or no workflow to draw
  2  usage errors, unreadable input, unwritable output, a folder given
     instead of a file

Examples:
  flowc graph workflow.py -o workflow.svg
  flowc graph --format mermaid workflow.py     paste into Markdown
  flowc graph --format dot workflow.py | dot -Tpng -o w.png
)";

}  // namespace

int graph_command(const std::vector<std::string>& args) {
  std::string file, format = "svg", output, python_version;
  int quiet = 0, verbose = 0;
  auto app = make_app("graph", "Draw each workflow's DAG and steps templates: tasks, dependencies, conditions and loops.");
  app->footer(kFooter);
  app->add_option("FILE", file, "Python workflow file ('-' for standard input)")->type_name("")->required();
  std::vector<std::string> formats(std::begin(kGraphFormats), std::end(kGraphFormats));
  app->add_option("--format", format, "picture format (default: svg)")->type_name(choice_name(formats))->check(choice(formats));
  app->add_option("-o,--output", output, "write here instead of standard output")->type_name("OUT");
  add_python_version_option(*app, python_version);
  ReportArgs report;
  add_report_options(*app, report);
  add_verbosity(*app, quiet, verbose);
  if (auto code = parse(*app, args)) return *code;
  if (std::string same = output_replacing_an_input({output, report.output}, {file}, {"*.py"}); !same.empty()) {
    emit(stderr, "flowc graph: error: " + same + ": writing it would replace that file; nothing was written\n");
    return kExitUsage;
  }
  Reporter reporter(verbosity(quiet, verbose));
  if (!reporter.set_report(report_settings(report))) return kExitUsage;

  std::string name = file == "-" ? "<stdin>" : file;
  struct stat st {};
  if (file != "-" && ::stat(file.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {  // said plainly, not "cannot read: Is a directory"
    reporter.error("no file to draw: " + shown(file) + " is a folder; flowc graph draws one .py file");
    return kExitUsage;
  }
  ReadResult read = read_input(file);
  if (read.status == ReadResult::Status::Error) {
    reporter.error("cannot read " + shown(file) + ": " + std::strerror(read.error));
    return kExitUsage;
  }
  if (read.status == ReadResult::Status::TooLarge) {
    reporter.file_error(shown(name), too_large_message(read.size), "E0006");
    return kExitFailed;
  }
  // --python-version, else the file's project's (as compile reads it).
  ProjectFinder projects;
  std::string project_error;
  std::string python = python_version_for(projects, file, python_version, project_error);
  if (!project_error.empty()) {
    reporter.project_error(project_error);
    return kExitFailed;
  }
  CompileOptions o;
  o.filename = name;
  o.python_version = python;
  o.load_imports = file != "-";
  CompileResult r = compile_graph(std::move(read.data), o, format);
  reporter.diagnostics(r);
  if (!r.ok) return kExitFailed;
  if (r.document_texts.empty()) {
    if (output.empty()) return kExitFailed;
    reporter.error("no workflow to write; " + shown(output) + " is left as it was");
    return kExitFailed;
  }
  if (output.empty()) {
    emit(stdout, r.output);
    return kExitOk;
  }
  return write_outputs({{output, r.output, name}}, WriteMode::Write, reporter);
}

}  // namespace flowc::cli

// The native `flowc` executable: a table of subcommands, each in its own
// file (<name>_command.cpp, declared in commands.h). Adding a subcommand is
// a file, a declaration and a row here.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/cli_app.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "cli/reporter.h"
#include "diag/diagnostic.h"
#include "driver/compile.h"

#ifdef FLOWC_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

using flowc::cli::emit;

struct Subcommand {
  const char* name;
  const char* help;
  int (*run)(const std::vector<std::string>& args);
};

const Subcommand kSubcommands[] = {
    {"compile", "compile workflow files and folders to Argo or Peak YAML", flowc::cli::compile_command},
    {"import", "turn Argo YAML into flowc Python", flowc::cli::import_command},
    {"lint", "check Argo YAML files as Argo's validator would", flowc::cli::lint_command},
    {"run", "run a workflow on this machine with Argo's semantics (docs/run.md)", flowc::cli::run_command},
    {"graph", "draw the DAG/steps graph of a workflow file", flowc::cli::graph_command},
    {"lsp", "run the language server for editors (docs/editors.md)", flowc::cli::lsp_command},
    {"explain", "show the documentation of a diagnostic code (flowc explain E0302)", flowc::cli::explain_command},
};

std::string usage() {
  std::string names;
  for (auto& s : kSubcommands) names += std::string(names.empty() ? "" : ",") + s.name;
  return "usage: flowc [-h] [--version] {" + names + "} ...\n";
}

std::string help() {
  std::string out = usage() +
                    "\nCompile Python workflow classes to Argo Workflows or Peak YAML.\n\ncommands:\n";
  for (auto& s : kSubcommands) {
    std::string name = s.name;
    out += "  " + name + std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') + s.help + "\n";
  }
  out +=
      "\noptions:\n  -h, --help    show this help and exit\n  --version     show the version and exit\n"
      "\nRun 'flowc COMMAND --help' for a command's options, exit codes and examples.\n"
      "Exit codes: 0 success; 1 compile errors, invalid input, or --check found changes; 2 usage or I/O errors.\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef FLOWC_MIMALLOC
  // mimalloc replaces malloc by being linked (compiler/cli/CMakeLists.txt).
  // Its memory is asked for in huge pages where the kernel gives them
  // (transparent huge pages on madvise): a large compile then takes a few
  // hundred page faults instead of tens of thousands (-14% CPU time on the
  // 10,000-task benchmark). MIMALLOC_LARGE_OS_PAGES=0 turns that off. The
  // call also names a mimalloc symbol, so a linker run with --as-needed
  // keeps the library.
  if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_enable(mi_option_large_os_pages);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    emit(stderr, help());
    return flowc::cli::kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "--version") {
    emit(stdout, std::string("flowc ") + flowc::version() + "\n");
    return flowc::cli::kExitOk;
  }
  if (first == "-h" || first == "--help") {
    emit(stdout, help());
    return flowc::cli::kExitOk;
  }
  for (auto& s : kSubcommands)
    if (first == s.name) {
      try {
        int code = s.run(std::vector<std::string>(args.begin() + 1, args.end()));
        // A diagnostics report that could not be written is an I/O error.
        return flowc::cli::report_failed() ? flowc::cli::kExitUsage : code;
      } catch (const std::exception& e) {  // a bug, reported without a crash dump
        emit(stderr, std::string("flowc: internal error: ") + flowc::printable(e.what()) + "\n");
        return 70;
      }
    }
  std::string choices;
  for (auto& s : kSubcommands) choices += std::string(choices.empty() ? "'" : ", '") + s.name + "'";
  emit(stderr, usage() + "flowc: error: argument COMMAND: invalid choice: '" + flowc::printable(first) +
                   "' (choose from " + choices + ")\n");
  return flowc::cli::kExitUsage;
}

// flowc lsp: the language server (compiler/lsp) on standard input and output.
#include <cstdlib>
#include <iostream>

#include "cli/cli_app.h"
#include "cli/commands.h"
#include "cli/project.h"
#include "lsp/server.h"

namespace flowc::cli {

namespace {

const char* kFooter = R"(Editors start it and speak the Language Server Protocol to it over
standard input and output: diagnostics as you type (the same as flowc
compile), completion, hover, go to definition, document symbols and quick
fixes. docs/editors.md shows the set-up for VS Code, Neovim, Helix and Emacs.
FLOWC_LSP_LOG=FILE appends a line per message to FILE.

Exit codes (LSP's):
  0  the editor asked it to shut down, then to exit
  1  the editor went away without asking
  2  usage errors
)";

}  // namespace

int lsp_command(const std::vector<std::string>& args) {
  bool stdio = false;
  int debounce_ms = 200;
  auto app = make_app("lsp", "Run the flowc language server on standard input and output.");
  app->footer(kFooter);
  app->add_flag("--stdio", stdio, "talk over standard input and output (the default and only transport)");
  app->add_option("--debounce-ms", debounce_ms, "quiet time before a changed document is compiled (default: 200)")
      ->check(CLI::Range(0, 10'000));
  if (auto code = parse(*app, args)) return *code;
  std::ios::sync_with_stdio(false);
  lsp::ServerOptions options;
  options.debounce_ms = debounce_ms;
  // Each compile reads the file's project afresh (a new finder: no stale
  // answer after an edit to pyproject.toml), as `flowc compile` would.
  options.settings_for = [](const std::string& path) {
    ProjectFinder projects;
    lsp::FileSettings s;
    s.python_version = python_version_for(projects, path, "", s.error);
    s.argo_version = argo_version_for(projects, path, "", s.error);
    return s;
  };
  int code = lsp::serve(std::cin, std::cout, options);
  // The server's reader thread may still be blocked reading standard input:
  // end here, without running static destructors (std::cin's) under it.
  std::cout.flush();
  std::_Exit(code);
}

}  // namespace flowc::cli

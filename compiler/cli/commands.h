// The subcommands of the native `flowc` executable. Each is one file,
// <name>_command.cpp, and one row of the table in main.cpp. `args` are the
// arguments after the subcommand's name; the result is the exit code.
#pragma once
#include <string>
#include <vector>

namespace flowc::cli {

int compile_command(const std::vector<std::string>& args);
int lint_command(const std::vector<std::string>& args);
int graph_command(const std::vector<std::string>& args);
int import_command(const std::vector<std::string>& args);
int lsp_command(const std::vector<std::string>& args);
int explain_command(const std::vector<std::string>& args);
int run_command(const std::vector<std::string>& args);  // flowc run (issue 21)

}  // namespace flowc::cli

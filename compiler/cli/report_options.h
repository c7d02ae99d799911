// --diagnostics-format, --diagnostics-output and --color, shared by every
// subcommand that prints diagnostics (compile, lint, graph, import); the
// printing itself is compiler/report/diagnostics_printer.h, behind Reporter.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

#include "report/diagnostics_printer.h"

namespace flowc::cli {

struct ReportArgs {
  std::string format = "text";
  std::string output;
  std::string color = "auto";
};

void add_report_options(CLI::App& app, ReportArgs& args);
// The settings the options name (their values were checked by CLI11).
ReportSettings report_settings(const ReportArgs& args);

}  // namespace flowc::cli

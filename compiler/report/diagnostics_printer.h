// Where a command's diagnostics go, in the chosen format: the CLI's
// --diagnostics-format text|json|sarif|github, --color auto|always|never and
// --diagnostics-output FILE.
//
// Every format goes to standard error by default, because standard output
// carries the compiled YAML (`flowc compile w.py > w.yaml` must stay clean);
// ruff writes diagnostics to stdout only because it has no other output.
// --diagnostics-output FILE writes them to FILE instead (a SARIF file for
// code scanning, say). text and github are written as each input is checked;
// json and sarif are one document, written when the run ends (an empty run
// still writes one: "[]", a SARIF log without results).
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "report/color_choice.h"
#include "report/report_format.h"

namespace flowc {

struct ReportSettings {
  ReportFormat format = ReportFormat::Text;
  ColorMode color = ColorMode::Auto;
  std::string output;  // --diagnostics-output; "" : standard error
};

// Reads one of the report options at args[i] ("--diagnostics-format json" or
// "--diagnostics-format=json", likewise --color and --diagnostics-output),
// advancing i past its value. Returns false if args[i] is not one of them;
// sets `error` (a usage error, exit 2) if it is but its value is missing or
// unknown.
bool take_report_option(const std::vector<std::string>& args, size_t& i, ReportSettings& settings, std::string& error);
// The --help lines for these options.
const char* report_options_help();

class DiagnosticsPrinter {
 public:
  // `tool_version`: flowc's version, for SARIF.
  DiagnosticsPrinter(ReportSettings settings, std::string tool_version);
  ~DiagnosticsPrinter();
  DiagnosticsPrinter(const DiagnosticsPrinter&) = delete;
  DiagnosticsPrinter& operator=(const DiagnosticsPrinter&) = delete;

  // Opens --diagnostics-output; false (with error()) if it cannot be written.
  bool open();
  // The diagnostics of one input. `keep` holds the files they point into
  // (the input, imported modules) alive until a document format is written.
  void add(std::shared_ptr<const SourceFile> file, std::vector<Diagnostic> diagnostics,
           std::vector<std::shared_ptr<const SourceFile>> keep = {});
  // An error about a whole input that has no place in its text (E0006: too
  // large to read; E0054: its project's settings): as text the one line
  // "path:1:1: error: message [code]", in the other formats a diagnostic at
  // 1:1 of `path`.
  void add_file_error(const std::string& path, const std::string& code, const std::string& message);
  // Writes json/sarif, flushes. False (with error()) if writing failed.
  bool finish();
  const std::string& error() const { return error_; }
  bool colored() const { return color_; }

 private:
  void write(const std::string& text);

  ReportSettings settings_;
  std::string tool_version_;
  bool color_ = false;
  std::FILE* out_ = nullptr;  // stderr or the output file
  bool owns_out_ = false;
  bool failed_ = false;
  std::vector<FileDiagnostics> inputs_;                 // json, sarif: until finish()
  std::vector<std::shared_ptr<const SourceFile>> keep_;  // what inputs_ points into
  std::string error_;
};

}  // namespace flowc

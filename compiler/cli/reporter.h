// The one place the command line prints diagnostics and messages to stderr.
// Diagnostics go through a DiagnosticsPrinter (compiler/report): text
// (coloured or not), github, or one json/sarif document written when the
// Reporter ends; --diagnostics-output sends them to a file instead. Other
// messages ("flowc: error: ...", -v progress) are always text on stderr.
//
//   -q: errors only (warnings and "would change" lines are not shown)
//   -v: also what was read, skipped and written
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <memory>

#include "diag/diagnostic.h"
#include "driver/compile.h"
#include "driver/import.h"
#include "lint/lint.h"
#include "report/diagnostics_printer.h"

namespace flowc::cli {

enum class Verbosity { Quiet, Normal, Verbose };

class Reporter {
 public:
  explicit Reporter(Verbosity v = Verbosity::Normal);
  // Writes a json/sarif document; if the report cannot be written, says so
  // and report_failed() turns the exit code into 2 (main.cpp).
  ~Reporter();
  Reporter(const Reporter&) = delete;
  Reporter& operator=(const Reporter&) = delete;
  void set_verbosity(Verbosity v) { verbosity_ = v; }
  Verbosity verbosity() const { return verbosity_; }
  // --diagnostics-format/--color/--diagnostics-output (report_options.h).
  // False, with the error printed, if the output cannot be written (exit 2).
  bool set_report(const ReportSettings& settings);

  // A result's diagnostics (-q: errors only). The printer keeps the result's
  // files alive until a document format is written.
  void diagnostics(const CompileResult& r);
  void diagnostics(const ImportResult& r);
  void diagnostics(const LintResult& r);  // those with a file (all of them)
  // A diagnostic the command line makes itself, at the start of a file:
  // "PATH:1:1: error: MESSAGE [CODE]".
  void file_error(const std::string& shown_path, const std::string& message, const char* code);
  // A bad pyproject.toml: "PATH: error: MESSAGE [E0054]" as text; in the
  // other formats a diagnostic at 1:1 of PATH.
  void project_error(const std::string& message);
  // "flowc: error: MESSAGE"
  void error(const std::string& message);
  // "flowc: warning: MESSAGE", unless -q
  void warning(const std::string& message);
  // A note of progress, shown only with -v ("flowc: wrote out/a.yaml").
  void info(const std::string& message);
  // A result line shown unless -q ("would change: out/a.yaml").
  void status(const std::string& message);

 private:
  void add(std::shared_ptr<const SourceFile> file, const std::vector<Diagnostic>& ds,
           std::vector<std::shared_ptr<const SourceFile>> keep);

  Verbosity verbosity_;
  ReportSettings settings_;
  std::unique_ptr<DiagnosticsPrinter> printer_;
};

// True once a Reporter could not write its report (main.cpp exits with 2).
bool report_failed();

}  // namespace flowc::cli

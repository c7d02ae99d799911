#include "cli/reporter.h"

#include <cstdio>

#include "cli/file_io.h"
#include "driver/compile.h"

namespace flowc::cli {

namespace {

bool g_report_failed = false;

}  // namespace

bool report_failed() { return g_report_failed; }

Reporter::Reporter(Verbosity v) : verbosity_(v) { set_report({}); }

Reporter::~Reporter() {
  // Text (std::fflush'd) stays in order with emit()'s writes to stderr:
  // both go straight to the file descriptor.
  if (printer_ && !printer_->finish()) {
    emit(stderr, "flowc: error: " + printer_->error() + "\n");
    g_report_failed = true;
  }
}

bool Reporter::set_report(const ReportSettings& settings) {
  if (printer_) printer_->finish();
  settings_ = settings;
  printer_ = std::make_unique<DiagnosticsPrinter>(settings, version());
  if (printer_->open()) return true;
  emit(stderr, "flowc: error: " + printer_->error() + "\n");
  printer_.reset();
  return false;
}

void Reporter::add(std::shared_ptr<const SourceFile> file, const std::vector<Diagnostic>& ds,
                   std::vector<std::shared_ptr<const SourceFile>> keep) {
  if (!printer_ || !file) return;
  std::vector<Diagnostic> shown;
  for (auto& d : ds)
    if (verbosity_ != Verbosity::Quiet || d.severity == Severity::Error) shown.push_back(d);
  printer_->add(std::move(file), std::move(shown), std::move(keep));
}

void Reporter::diagnostics(const CompileResult& r) { add(r.file, r.diagnostics, r.imported_files); }

void Reporter::diagnostics(const ImportResult& r) { add(r.file, r.diagnostics, {}); }

void Reporter::diagnostics(const LintResult& r) {
  if (r.files.empty()) return;
  std::vector<Diagnostic> located;
  for (auto& d : r.diagnostics)
    if (d.file) located.push_back(d);
  add(r.files.front(), located, r.files);
}

void Reporter::file_error(const std::string& shown_path, const std::string& message, const char* code) {
  if (settings_.format == ReportFormat::Text || !printer_) {
    emit(stderr, shown_path + ":1:1: error: " + message + " [" + code + "]\n");
    return;
  }
  printer_->add_file_error(shown_path, code, message);
}

void Reporter::project_error(const std::string& message) {
  // message: "PATH: error: MESSAGE"
  size_t sep = message.find(": error: ");
  // A bad python-version is E0043 (unknown Python version); the rest of
  // [tool.flowc] is E0054's.
  const char* code = message.find("] python-version = ") != std::string::npos ? "E0043" : "E0054";
  if (settings_.format == ReportFormat::Text || !printer_ || sep == std::string::npos) {
    emit(stderr, message + " [" + code + "]\n");
    return;
  }
  printer_->add_file_error(message.substr(0, sep), code, message.substr(sep + 9));
}

void Reporter::error(const std::string& message) { emit(stderr, "flowc: error: " + message + "\n"); }

void Reporter::warning(const std::string& message) {
  if (verbosity_ != Verbosity::Quiet) emit(stderr, "flowc: warning: " + message + "\n");
}

void Reporter::info(const std::string& message) {
  if (verbosity_ == Verbosity::Verbose) emit(stderr, "flowc: " + message + "\n");
}

void Reporter::status(const std::string& message) {
  if (verbosity_ != Verbosity::Quiet) emit(stderr, message + "\n");
}

}  // namespace flowc::cli

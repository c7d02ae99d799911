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

void Reporter::raw(std::string_view text) {
  // "PLACE: error: MESSAGE [CODE]\n", PLACE being "path:1:1" or "path".
  std::string_view line = text.substr(0, text.find('\n'));
  size_t sep = line.find(": error: ");
  size_t code_at = line.rfind(" [");
  if (settings_.format == ReportFormat::Text || !printer_ || sep == std::string_view::npos ||
      code_at == std::string_view::npos || code_at < sep || !line.ends_with("]")) {
    emit(stderr, text);
    return;
  }
  std::string_view place = line.substr(0, sep);
  if (place.ends_with(":1:1")) place.remove_suffix(4);
  std::string message(line.substr(sep + 9, code_at - sep - 9));
  std::string code(line.substr(code_at + 2, line.size() - code_at - 3));
  printer_->add_file_error(std::string(place), code, message);
}

void Reporter::error(const std::string& message) { emit(stderr, "flowc: error: " + message + "\n"); }

void Reporter::info(const std::string& message) {
  if (verbosity_ == Verbosity::Verbose) emit(stderr, "flowc: " + message + "\n");
}

void Reporter::status(const std::string& message) {
  if (verbosity_ != Verbosity::Quiet) emit(stderr, message + "\n");
}

}  // namespace flowc::cli

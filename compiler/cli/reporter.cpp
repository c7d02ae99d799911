#include "cli/reporter.h"

#include <cstdio>

#include "cli/file_io.h"

namespace flowc::cli {

void Reporter::diagnostic(const Diagnostic& d, const SourceFile& file) {
  if (verbosity_ == Verbosity::Quiet && d.severity != Severity::Error) return;
  emit(stderr, render(d, d.file ? *d.file : file));
}

void Reporter::diagnostics(const std::vector<Diagnostic>& ds, const SourceFile& file) {
  for (auto& d : ds) diagnostic(d, file);
}

void Reporter::file_error(const std::string& shown_path, const std::string& message, const char* code) {
  emit(stderr, shown_path + ":1:1: error: " + message + " [" + code + "]\n");
}

void Reporter::raw(std::string_view text) { emit(stderr, text); }

void Reporter::error(const std::string& message) { emit(stderr, "flowc: error: " + message + "\n"); }

void Reporter::info(const std::string& message) {
  if (verbosity_ == Verbosity::Verbose) emit(stderr, "flowc: " + message + "\n");
}

void Reporter::status(const std::string& message) {
  if (verbosity_ != Verbosity::Quiet) emit(stderr, message + "\n");
}

}  // namespace flowc::cli

#include "report/diagnostics_printer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "report/github_report.h"
#include "report/text_report.h"

namespace flowc {

namespace {

// "--name value" or "--name=value": the value, or nullopt if args[i] is not --name.
std::optional<std::string> option_value(const std::vector<std::string>& args, size_t& i, const std::string& name,
                                        std::string& error) {
  const std::string& a = args[i];
  if (a.starts_with(name + "=")) return a.substr(name.size() + 1);
  if (a != name) return std::nullopt;
  if (i + 1 >= args.size()) {
    error = name + " needs a value";
    return std::string();
  }
  return args[++i];
}

}  // namespace

bool take_report_option(const std::vector<std::string>& args, size_t& i, ReportSettings& settings, std::string& error) {
  if (auto v = option_value(args, i, "--diagnostics-format", error)) {
    if (!error.empty()) return true;
    if (auto f = parse_report_format(*v)) settings.format = *f;
    else error = "unknown --diagnostics-format '" + printable(*v) + "' (text, json, sarif, github)";
    return true;
  }
  if (auto v = option_value(args, i, "--color", error)) {
    if (!error.empty()) return true;
    if (auto c = parse_color_mode(*v)) settings.color = *c;
    else error = "unknown --color '" + printable(*v) + "' (auto, always, never)";
    return true;
  }
  if (auto v = option_value(args, i, "--diagnostics-output", error)) {
    if (!error.empty()) return true;
    if (v->empty()) error = "--diagnostics-output needs a file name";
    settings.output = *v;
    return true;
  }
  return false;
}

const char* report_options_help() {
  return "  --diagnostics-format text|json|sarif|github\n"
         "                        how diagnostics are written (default: text, clang's style; json: one object\n"
         "                        per diagnostic; sarif: SARIF 2.1.0 for code scanning; github: GitHub Actions\n"
         "                        annotations). All go to standard error, which keeps standard output for YAML.\n"
         "  --diagnostics-output FILE\n"
         "                        write the diagnostics to FILE instead of standard error\n"
         "  --color auto|always|never\n"
         "                        colour text diagnostics (default: auto, when standard error is a terminal\n"
         "                        and NO_COLOR is not set)\n";
}

DiagnosticsPrinter::DiagnosticsPrinter(ReportSettings settings, std::string tool_version)
    : settings_(std::move(settings)), tool_version_(std::move(tool_version)) {}

DiagnosticsPrinter::~DiagnosticsPrinter() {
  if (owns_out_ && out_) std::fclose(out_);
}

bool DiagnosticsPrinter::open() {
  if (settings_.output.empty()) {
    out_ = stderr;
    color_ = settings_.format == ReportFormat::Text && use_color_for(settings_.color, STDERR_FILENO);
    return true;
  }
  out_ = std::fopen(settings_.output.c_str(), "wb");
  if (!out_) {
    error_ = "cannot write " + printable(settings_.output) + ": " + std::strerror(errno);
    return false;
  }
  owns_out_ = true;
  color_ = settings_.format == ReportFormat::Text && use_color_for(settings_.color, fileno(out_));
  return true;
}

void DiagnosticsPrinter::write(const std::string& text) {
  if (text.empty() || !out_) return;
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) failed_ = true;
  std::fflush(out_);
}

void DiagnosticsPrinter::add(std::shared_ptr<const SourceFile> file, std::vector<Diagnostic> diagnostics,
                             std::vector<std::shared_ptr<const SourceFile>> keep) {
  if (diagnostics.empty()) return;
  FileDiagnostics input{file.get(), std::move(diagnostics)};
  switch (settings_.format) {
    case ReportFormat::Text: write(render_text(input, color_)); return;
    case ReportFormat::Github: write(render_github(input)); return;
    case ReportFormat::Json:
    case ReportFormat::Sarif: break;
  }
  keep_.push_back(std::move(file));
  for (auto& k : keep) keep_.push_back(std::move(k));
  inputs_.push_back(std::move(input));
}

void DiagnosticsPrinter::add_file_error(const std::string& path, const std::string& code, const std::string& message) {
  if (settings_.format == ReportFormat::Text) {
    write(printable(path) + ":1:1: error: " + printable(message) + " [" + code + "]\n");
    return;
  }
  auto file = std::make_shared<const SourceFile>(path, "");
  add(file, {Diagnostic{Severity::Error, code, printable(message), {0, 0}, {}, nullptr, {}}});
}

bool DiagnosticsPrinter::finish() {
  if (is_document_format(settings_.format)) {
    ReportOptions options;
    options.tool_version = tool_version_;
    write(render_report(settings_.format, inputs_, options));
  }
  if (out_ && std::fflush(out_) != 0) failed_ = true;
  if (owns_out_ && out_) {
    if (std::fclose(out_) != 0) failed_ = true;
    out_ = nullptr;
  }
  if (failed_ && error_.empty())
    error_ = "cannot write the diagnostics" + (settings_.output.empty() ? std::string() : " to " + printable(settings_.output));
  return !failed_;
}

}  // namespace flowc

// --diagnostics-format text|json|sarif|github: which renderer writes a run's
// diagnostics. text and github are written input by input as each is
// checked; json and sarif are one document for the whole run, written at its
// end.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/file_diagnostics.h"

namespace flowc {

enum class ReportFormat { Text, Json, Sarif, Github };

inline constexpr const char* kReportFormats[] = {"text", "json", "sarif", "github"};

std::optional<ReportFormat> parse_report_format(std::string_view name);
// True for json and sarif: one document for all inputs (see render_report).
bool is_document_format(ReportFormat format);

struct ReportOptions {
  bool color = false;             // text only
  std::string tool_version;       // sarif: tool.driver.version
};

// The report of these inputs in `format`. For text and github, the
// concatenation of each input's report; json and sarif are one document (an
// empty run is "[]" or a SARIF log with no results, never nothing).
std::string render_report(ReportFormat format, const std::vector<FileDiagnostics>& inputs, const ReportOptions& options);

}  // namespace flowc

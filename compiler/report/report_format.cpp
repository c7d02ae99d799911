#include "report/report_format.h"

#include "report/github_report.h"
#include "report/json_report.h"
#include "report/sarif_report.h"
#include "report/text_report.h"

namespace flowc {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::Text;
  if (name == "json") return ReportFormat::Json;
  if (name == "sarif") return ReportFormat::Sarif;
  if (name == "github") return ReportFormat::Github;
  return std::nullopt;
}

bool is_document_format(ReportFormat format) { return format == ReportFormat::Json || format == ReportFormat::Sarif; }

std::string render_report(ReportFormat format, const std::vector<FileDiagnostics>& inputs, const ReportOptions& options) {
  switch (format) {
    case ReportFormat::Json: return render_json(inputs);
    case ReportFormat::Sarif: return render_sarif(inputs, options.tool_version);
    case ReportFormat::Text:
    case ReportFormat::Github: break;
  }
  std::string out;
  for (const auto& input : inputs)
    out += format == ReportFormat::Text ? render_text(input, options.color) : render_github(input);
  return out;
}

}  // namespace flowc

#include <doctest/doctest.h>

#include "report/color_choice.h"
#include "report/report_format.h"
#include "report/text_report.h"
#include "report_test_sources.h"

using namespace flowc;

TEST_CASE("--color: auto colours a terminal unless NO_COLOR is set and not empty") {
  CHECK(parse_color_mode("auto") == ColorMode::Auto);
  CHECK(parse_color_mode("always") == ColorMode::Always);
  CHECK(parse_color_mode("never") == ColorMode::Never);
  CHECK(!parse_color_mode("yes"));
  CHECK(use_color(ColorMode::Auto, true, nullptr));
  CHECK(use_color(ColorMode::Auto, true, ""));
  CHECK(!use_color(ColorMode::Auto, true, "1"));
  CHECK(!use_color(ColorMode::Auto, false, nullptr));
  CHECK(use_color(ColorMode::Always, false, "1"));
  CHECK(!use_color(ColorMode::Never, true, nullptr));
}

TEST_CASE("--diagnostics-format names, and which formats are one document per run") {
  for (const char* name : kReportFormats) CHECK(parse_report_format(name));
  CHECK(!parse_report_format("xml"));
  CHECK(is_document_format(ReportFormat::Json));
  CHECK(is_document_format(ReportFormat::Sarif));
  CHECK(!is_document_format(ReportFormat::Text));
  CHECK(!is_document_format(ReportFormat::Github));
}

TEST_CASE("render_report: text and github concatenate the inputs; json and sarif are one document") {
  auto a = report_test::compile(report_test::kMisspelled, "a.py");
  auto b = report_test::compile(report_test::kTwoScopes, "b.py");
  std::vector<FileDiagnostics> inputs{{a.file.get(), a.diagnostics}, {b.file.get(), b.diagnostics}};
  CHECK(render_report(ReportFormat::Text, inputs, {}) == a.render_diagnostics() + b.render_diagnostics());
  CHECK(render_report(ReportFormat::Text, inputs, {true, ""}) == render_text(inputs[0], true) + render_text(inputs[1], true));
  auto json = nlohmann::json::parse(render_report(ReportFormat::Json, inputs, {}));
  CHECK(json.size() == a.diagnostics.size() + b.diagnostics.size());
  auto sarif = nlohmann::json::parse(render_report(ReportFormat::Sarif, inputs, {false, "9.9"}));
  CHECK(sarif["runs"][0]["tool"]["driver"]["version"] == "9.9");
  std::string github = render_report(ReportFormat::Github, inputs, {});
  CHECK(std::count(github.begin(), github.end(), '\n') == static_cast<long>(json.size()));
}

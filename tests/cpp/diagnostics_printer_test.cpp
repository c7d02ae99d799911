#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/diagnostics_printer.h"
#include "report_test_sources.h"

using namespace flowc;

namespace {

std::string read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string temp_path(const char* name) { return (std::filesystem::temp_directory_path() / name).string(); }

}  // namespace

TEST_CASE("report options: both spellings, unknown values are usage errors") {
  std::vector<std::string> args{"--diagnostics-format", "sarif", "--color=never", "--diagnostics-output", "x.sarif", "w.py"};
  ReportSettings s;
  std::string error;
  size_t i = 0;
  CHECK(take_report_option(args, i, s, error));
  CHECK(i == 1);
  CHECK(take_report_option(args, ++i, s, error));
  CHECK(take_report_option(args, ++i, s, error));
  CHECK(!take_report_option(args, ++i, s, error));
  CHECK(error == "");
  CHECK(s.format == ReportFormat::Sarif);
  CHECK(s.color == ColorMode::Never);
  CHECK(s.output == "x.sarif");

  std::vector<std::string> bad{"--diagnostics-format=xml"};
  i = 0;
  CHECK(take_report_option(bad, i, s, error));
  CHECK(error == "unknown --diagnostics-format 'xml' (text, json, sarif, github)");
  std::vector<std::string> missing{"--color"};
  error.clear();
  i = 0;
  CHECK(take_report_option(missing, i, s, error));
  CHECK(error == "--color needs a value");
}

TEST_CASE("a document format is written once, at the end, for every input") {
  std::string path = temp_path("flowc-printer-test.json");
  auto a = report_test::compile(report_test::kMisspelled, "a.py");
  auto b = report_test::compile(report_test::kTwoScopes, "b.py");
  {
    DiagnosticsPrinter p({ReportFormat::Json, ColorMode::Always, path}, "0.1.0");
    REQUIRE(p.open());
    p.add(a.file, a.diagnostics);
    p.add(b.file, b.diagnostics);
    p.add_file_error("big.py", "E0006", "source too large");
    CHECK(read(path) == "");  // nothing before the end
    a = {};                   // the printer keeps the files alive
    CHECK(p.finish());
  }
  auto doc = nlohmann::json::parse(read(path));
  CHECK(doc.size() == 4);
  CHECK(doc[0]["file"] == "a.py");
  CHECK(doc[3]["file"] == "big.py");
  CHECK(doc[3]["code"] == "E0006");
  CHECK(doc[3]["range"]["start"]["line"] == 1);
  std::filesystem::remove(path);
}

TEST_CASE("text to a file: colour only when asked, file errors as one line") {
  std::string path = temp_path("flowc-printer-test.txt");
  auto a = report_test::compile(report_test::kMisspelled, "a.py");
  for (ColorMode mode : {ColorMode::Auto, ColorMode::Always}) {
    DiagnosticsPrinter p({ReportFormat::Text, mode, path}, "0.1.0");
    REQUIRE(p.open());
    p.add(a.file, a.diagnostics);
    p.add_file_error("big.py", "E0006", "source too large");
    CHECK(p.finish());
    std::string text = read(path);
    if (mode == ColorMode::Auto) CHECK(text == a.render_diagnostics() + "big.py:1:1: error: source too large [E0006]\n");
    else CHECK(text.find("\x1b[1;31merror:") != std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST_CASE("an output that cannot be written is an error, not a crash") {
  DiagnosticsPrinter p({ReportFormat::Sarif, ColorMode::Auto, "/nonexistent/dir/x.sarif"}, "0.1.0");
  CHECK(!p.open());
  CHECK(p.error().find("cannot write /nonexistent/dir/x.sarif") == 0);
}

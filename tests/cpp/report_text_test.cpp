#include <doctest/doctest.h>

#include "report/text_report.h"
#include "report_test_sources.h"

using namespace flowc;

namespace {

// The text with every ANSI SGR sequence (ESC [ ... m) removed.
std::string strip_sgr(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i = s.find('m', i);
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("text without colour is exactly today's render()") {
  for (const char* src : {report_test::kMisspelled, report_test::kTwoScopes, report_test::kUnicode}) {
    auto r = report_test::compile(src);
    REQUIRE(!r.diagnostics.empty());
    FileDiagnostics input{r.file.get(), r.diagnostics};
    CHECK(render_text(input, false) == r.render_diagnostics());
    CHECK(render_text(input, false).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("coloured text is the plain text with ANSI codes around its parts") {
  for (const char* src : {report_test::kMisspelled, report_test::kTwoScopes, report_test::kUnicode}) {
    auto r = report_test::compile(src);
    FileDiagnostics input{r.file.get(), r.diagnostics};
    std::string colored = render_text(input, true);
    CHECK(colored != r.render_diagnostics());
    CHECK(strip_sgr(colored) == r.render_diagnostics());
  }
  auto r = report_test::compile(report_test::kMisspelled);
  std::string colored = render_text(FileDiagnostics{r.file.get(), r.diagnostics}, true);
  // bold place, red bold "error:", bold message with its code, green caret, cyan note
  CHECK(colored.find("\x1b[1mw.py:4:5: \x1b[1;31merror:\x1b[0m \x1b[1m'entrypont' is not a workflow setting [E0211]\x1b[0m\n") !=
        std::string::npos);
  CHECK(colored.find("\n\x1b[1;32m    ^~~~~~~~~\x1b[0m\n") != std::string::npos);
  CHECK(colored.find("\x1b[1;36mnote:\x1b[0m did you mean 'entrypoint'?\n") != std::string::npos);
}

TEST_CASE("a warning is magenta, a spanned note names its place") {
  SourceFile file("w.py", "x = 1\ny = 2\n");
  Diagnostic d{Severity::Warning, "W0201", "class attribute ignored", {6, 7}, {{"set here", Span{0, 1}}}, nullptr};
  std::string colored = render_text(d, file, true);
  CHECK(colored.find("\x1b[1;35mwarning:\x1b[0m") != std::string::npos);
  CHECK(colored.find("\x1b[1mw.py:1:1: \x1b[1;36mnote:\x1b[0m set here\n") != std::string::npos);
  CHECK(strip_sgr(colored) == render(d, file));
}

TEST_CASE("colour never lets the message's own escapes through") {
  SourceFile file("w.py", "x = 1\n");
  Diagnostic d{Severity::Error, "E0101", "name '\x1b[2J' is not defined", {0, 1}, {}, nullptr};
  std::string colored = render_text(d, file, true);
  CHECK(colored.find("\x1b[2J") == std::string::npos);
  CHECK(colored.find("\\x1b[2J") != std::string::npos);
}

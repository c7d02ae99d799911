#include <doctest/doctest.h>

#include "report/github_report.h"
#include "report_test_sources.h"

using namespace flowc;

TEST_CASE("github: one workflow command per diagnostic, notes as lines of the message") {
  auto r = report_test::compile(report_test::kMisspelled);
  std::string out = render_github(FileDiagnostics{r.file.get(), r.diagnostics});
  CHECK(out.find("::error file=w.py,line=4,col=5,endLine=4,endColumn=14,title=E0211::"
                 "'entrypont' is not a workflow setting%0Anote: did you mean 'entrypoint'?\n") != std::string::npos);
  auto s = report_test::compile(report_test::kTwoScopes);
  out = render_github(FileDiagnostics{s.file.get(), s.diagnostics});
  CHECK(out.find("::error file=w.py,line=8,col=5,endLine=8,endColumn=6,title=E0402::scope 's' has two functions named 'f'"
                 "%0Anote: w.py:4:5: the first one is here\n") != std::string::npos);
}

TEST_CASE("github: warnings and notes, and escaping as GitHub's toolkit escapes") {
  CHECK(github_escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d");
  CHECK(github_escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A");
  SourceFile file("dir,x/a:b.py", "x = 1\n");
  Diagnostic w{Severity::Warning, "W0201", "50% ignored", {0, 1}, {}, nullptr};
  CHECK(render_github(w, file) ==
        "::warning file=dir%2Cx/a%3Ab.py,line=1,col=1,endLine=1,endColumn=2,title=W0201::50%25 ignored\n");
  Diagnostic n{Severity::Note, "", "just so", {4, 5}, {}, nullptr};
  CHECK(render_github(n, file) == "::notice file=dir%2Cx/a%3Ab.py,line=1,col=5,endLine=1,endColumn=6::just so\n");
}

TEST_CASE("github: a message cannot forge a second command") {
  SourceFile file("w.py", "x = 1\n");
  Diagnostic d{Severity::Error, "E0101", "a\n::error file=evil.py::b", {0, 1}, {}, nullptr};
  std::string out = render_github(d, file);
  CHECK(out.find('\n') == out.size() - 1);
  CHECK(out.find("::error", 1) != std::string::npos);  // still in the text, but on the same line
}

#include <doctest/doctest.h>

#include "diag/diagnostic.h"

TEST_CASE("a long source line is shown as a window around the place") {
  std::string line = "x = '" + std::string(1000000, 'a') + "' + )\n";
  flowc::SourceFile file("w.py", line);
  uint32_t at = static_cast<uint32_t>(line.find(')'));
  flowc::Diagnostic d{flowc::Severity::Error, "E0001", "syntax error near ')'", {at, at + 1}, {}, nullptr};
  std::string out = flowc::render(d, file);
  CHECK(out.size() < 600);
  CHECK(out.starts_with("w.py:1:1000010: error: syntax error near ')' [E0001]\n..."));
  // the caret is under the ')'
  size_t l1 = out.find('\n') + 1, l2 = out.find('\n', l1) + 1;
  std::string shown = out.substr(l1, l2 - l1 - 1), caret = out.substr(l2, out.find('\n', l2) - l2);
  CHECK(shown[caret.size() - 1] == ')');
  CHECK(caret.back() == '^');
}

TEST_CASE("a huge message is cut when rendered, on a character boundary") {
  flowc::SourceFile file("w.py", "x\n");
  std::string msg;
  for (int i = 0; i < 2000; ++i) msg += "é";
  flowc::Diagnostic d{flowc::Severity::Error, "E0304", msg, {0, 1}, {{msg, std::nullopt}}, nullptr};
  std::string out = flowc::render(d, file);
  CHECK(out.size() < 4500);
  CHECK(out.find("more bytes)") != std::string::npos);
  CHECK(out.find("\xC3[") == std::string::npos);
}

TEST_CASE("the report is valid UTF-8 even when the source line is not") {
  for (std::string bad : {"x = '\xed\xa0\x80'\n", "x = '\xc0\xaf'\n", "x = '\xf4\x90\x80\x80'\n", "x = '\xff'\n"}) {
    flowc::SourceFile file("w.py", bad);
    flowc::Diagnostic d{flowc::Severity::Error, "E0002", "source is not valid UTF-8", {5, 6}, {}, nullptr};
    std::string out = flowc::render(d, file);
    CHECK(out.find("x = '?") != std::string::npos);
    for (unsigned char c : out) CHECK(c < 0x80);
  }
}

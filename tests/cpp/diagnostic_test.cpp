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

TEST_CASE("printable: source text in a message cannot forge a line or reach the terminal") {
  CHECK(flowc::printable("plain 'é' ✓") == "plain 'é' ✓");
  CHECK(flowc::printable("a\nw.py:1:1: error: forged") == "a\\nw.py:1:1: error: forged");
  CHECK(flowc::printable("\x1b]0;title\x07\t\r") == "\\x1b]0;title\\x07\\t\\r");
  CHECK(flowc::printable("\xC2\x9B" "2J") == "\\x9b2J");            // C1 CSI
  CHECK(flowc::printable("abc\xE2\x80\xAE" "fed") == "abc\\u202efed");  // right-to-left override
  CHECK(flowc::printable("\xFF\xC3") == "\\xff\\xc3");             // not UTF-8: the bytes
  CHECK(flowc::printable("\xE2\x82") == "\\xe2\\x82");             // a character cut short
  std::string once = flowc::printable("a\\nb\n\x1b");
  CHECK(flowc::printable(once) == once);  // idempotent: applied by the sink and by render()
}

TEST_CASE("the sink makes every message and note printable, and so does render()") {
  flowc::DiagnosticSink sink;
  auto& d = sink.error("E0302", {0, 1}, "unknown task 'x\ny'");
  d.notes.push_back({"note \x1b[31mred", std::nullopt});
  flowc::SourceFile file("w.py", "x\n");
  CHECK(flowc::render(sink.all()[0], file).find('\x1b') == std::string::npos);
  auto all = sink.take();
  CHECK(all[0].message == "unknown task 'x\\ny'");
  CHECK(all[0].notes[0].message == "note \\x1b[31mred");
}

TEST_CASE("control and bidi characters in the shown source line become '?'") {
  flowc::SourceFile file("w.py", "x = '\xC2\x9B\xE2\x80\xAE\x1b'\n");
  flowc::Diagnostic d{flowc::Severity::Error, "E0101", "m", {0, 1}, {}, nullptr};
  std::string out = flowc::render(d, file);
  CHECK(out.find("x = '???'") != std::string::npos);
}

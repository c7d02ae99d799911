// A source file held in memory, with the line table diagnostics need.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

// A byte range [begin, end) into one SourceFile's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// 1-based line and column; the column counts Unicode code points, as editors do.
struct LineCol {
  uint32_t line = 1;
  uint32_t col = 1;
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  LineCol position(uint32_t offset) const;
  // The text of the 1-based line, without its line break.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  std::string_view slice(Span s) const { return std::string_view(text_).substr(s.begin, s.end - s.begin); }

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace flowc

#include "yaml/flow_indent.h"

#include <algorithm>

namespace flowc::yaml {

uint32_t Relaxed::original(uint32_t offset) const {
  // The last run starting at or before `offset`.
  auto it = std::upper_bound(inserted.begin(), inserted.end(), offset,
                             [](uint32_t o, const Insertion& i) { return o < i.at; });
  if (it == inserted.begin()) return offset;
  const Insertion& i = *--it;
  if (offset < i.at + i.count) return i.at - i.before;
  return offset - i.before - i.count;
}

namespace {

// Where a node may start: at the start of a line's content or after an
// indicator that ends a key, an item marker or a flow separator. A quote or
// bracket elsewhere ("echo 'x", "a[0]") is part of a plain scalar.
bool node_may_start(std::string_view line, size_t i) {
  size_t j = i;
  while (j > 0 && (line[j - 1] == ' ' || line[j - 1] == '\t')) --j;
  if (j == 0) return true;
  char p = line[j - 1];
  if (p == '[' || p == '{' || p == ',') return true;
  return (p == ':' || p == '-' || p == '?') && j < i;  // "key: 'x'", "- 'x'": a blank after the indicator
}

// A block scalar header ("|", ">-", "|2+") and nothing but a comment after it.
bool block_scalar_header(std::string_view line, size_t i) {
  size_t j = i + 1;
  while (j < line.size() && (line[j] == '-' || line[j] == '+' || (line[j] >= '1' && line[j] <= '9'))) ++j;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  return j == line.size() || line[j] == '#';
}

struct Lexer {
  char quote = 0;      // inside a quoted scalar: its quote
  int depth = 0;       // flow collections open
  size_t open_col = 0; // column of the outermost opener (bracket or quote)
  int block_indent = -1;  // inside a block scalar: the indentation of its header's line

  bool open() const { return quote != 0 || depth > 0; }

  // Reads one line (without its line break); the state carries to the next.
  void line(std::string_view s, size_t indent) {
    for (size_t i = indent; i < s.size(); ++i) {
      char c = s[i];
      if (quote == '"') {
        if (c == '\\') ++i;
        else if (c == '"') quote = 0;
        continue;
      }
      if (quote == '\'') {
        if (c == '\'' && i + 1 < s.size() && s[i + 1] == '\'') ++i;
        else if (c == '\'') quote = 0;
        continue;
      }
      if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) return;  // a comment
      bool starts = depth > 0 || node_may_start(s, i);
      if ((c == '"' || c == '\'') && starts) {
        if (depth == 0) open_col = i;
        quote = c;
      } else if ((c == '[' || c == '{') && starts) {
        if (depth == 0) open_col = i;
        ++depth;
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      } else if ((c == '|' || c == '>') && depth == 0 && node_may_start(s, i) && block_scalar_header(s, i)) {
        block_indent = static_cast<int>(indent);
        return;
      }
    }
  }
};

}  // namespace

Relaxed relax_flow_indentation(std::string_view text) {
  Relaxed out;
  out.text.reserve(text.size() + 64);
  Lexer lex;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    size_t indent = line.find_first_not_of(' ');
    bool blank = indent == std::string_view::npos || line[indent] == '\r';
    if (blank) indent = line.size();
    if (lex.block_indent >= 0 && (blank || static_cast<int>(indent) > lex.block_indent)) {
      out.text.append(line);  // block scalar content: copied as it is
    } else {
      lex.block_indent = -1;
      bool continuation = lex.open() && !blank && line[indent] != '\t';
      size_t want = lex.open_col + 1;
      if (continuation && indent < want) {
        // Bounded: a hostile file (an opener far right, many lines under it)
        // must not grow the copy without limit; such a file keeps its errors.
        if (out.text.size() + (want - indent) > 2 * text.size() + (1u << 20)) return Relaxed{};
        uint32_t before = out.inserted.empty() ? 0 : out.inserted.back().before + out.inserted.back().count;
        out.inserted.push_back({static_cast<uint32_t>(out.text.size()), static_cast<uint32_t>(want - indent), before});
        out.text.append(want - indent, ' ');
      }
      out.text.append(line);
      if (!blank) lex.line(line, indent);
    }
    if (end < text.size()) out.text += '\n';
    pos = end + 1;
  }
  return out;
}

}  // namespace flowc::yaml

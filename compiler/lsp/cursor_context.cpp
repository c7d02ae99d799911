#include "lsp/cursor_context.h"

#include <algorithm>
#include <cctype>

namespace flowc::lsp {

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }

// How far back the scanners look: a call's arguments or a string rarely span more.
constexpr uint32_t kLookBack = 16 * 1024;

std::string_view trim(std::string_view s, uint32_t& begin) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1), ++begin;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<ReferenceAt> reference_at(std::string_view text, uint32_t offset, bool whole) {
  offset = std::min<uint32_t>(offset, text.size());
  // The line holding the cursor: references do not span lines.
  uint32_t line_begin = offset;
  while (line_begin > 0 && text[line_begin - 1] != '\n') --line_begin;
  uint32_t line_end = offset;
  while (line_end < text.size() && text[line_end] != '\n') ++line_end;
  std::string_view before = text.substr(line_begin, offset - line_begin);
  size_t open = before.rfind("{{");
  if (open == std::string_view::npos) return std::nullopt;
  if (before.find("}}", open + 2) != std::string_view::npos) return std::nullopt;  // closed before the cursor
  uint32_t begin = line_begin + static_cast<uint32_t>(open) + 2;
  uint32_t end = offset;
  if (whole) {
    std::string_view after = text.substr(offset, line_end - offset);
    size_t close = after.find("}}");
    if (close == std::string_view::npos) return std::nullopt;
    end = offset + static_cast<uint32_t>(close);
  }
  ReferenceAt ref;
  uint32_t b = begin;
  std::string_view expr = trim(text.substr(begin, end - begin), b);
  ref.expression = std::string(expr);
  ref.span = {b, b + static_cast<uint32_t>(expr.size())};
  uint32_t w = offset;
  while (w > b && text[w - 1] != '.' && !std::isspace(static_cast<unsigned char>(text[w - 1]))) --w;
  ref.word = {w, offset};
  return ref;
}

Span word_at(std::string_view text, uint32_t offset, bool around) {
  offset = std::min<uint32_t>(offset, text.size());
  uint32_t b = offset, e = offset;
  while (b > 0 && word_char(text[b - 1])) --b;
  if (around)
    while (e < text.size() && word_char(text[e])) ++e;
  return {b, e};
}

std::string qualifier(std::string_view text, Span word) {
  uint32_t e = word.begin;
  if (e == 0 || text[e - 1] != '.') return "";
  uint32_t b = --e;
  while (b > 0 && (word_char(text[b - 1]) || text[b - 1] == '.')) --b;
  return std::string(text.substr(b, e - b));
}

bool after_at_sign(std::string_view text, Span word) {
  uint32_t b = word.begin;
  while (b > 0 && (word_char(text[b - 1]) || text[b - 1] == '.')) --b;
  return b > 0 && text[b - 1] == '@';
}

std::optional<CallAt> keyword_place(std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, text.size());
  Span word = word_at(text, offset);
  uint32_t i = word.begin;
  while (i > 0 && std::isspace(static_cast<unsigned char>(text[i - 1]))) --i;
  if (i == 0 || (text[i - 1] != '(' && text[i - 1] != ',')) return std::nullopt;
  // Back to the '(' that is still open, over nested brackets and strings.
  uint32_t limit = offset > kLookBack ? offset - kLookBack : 0;
  int depth = 0;
  uint32_t open = 0;
  bool found = false;
  for (uint32_t k = i; k-- > limit;) {
    char c = text[k];
    if (c == '"' || c == '\'') {  // skip back over the string (escapes aside, enough here)
      uint32_t j = k;
      while (j > limit && text[j - 1] != c) --j;
      if (j == limit) return std::nullopt;
      k = j - 1;  // the opening quote
      continue;
    }
    if (c == ')' || c == ']' || c == '}') ++depth;
    if (c == '(' || c == '[' || c == '{') {
      if (depth == 0) {
        if (c != '(') return std::nullopt;  // a list or dict, not arguments
        open = k;
        found = true;
        break;
      }
      --depth;
    }
  }
  if (!found) return std::nullopt;
  uint32_t e = open;
  while (e > 0 && std::isspace(static_cast<unsigned char>(text[e - 1])) && text[e - 1] != '\n') --e;
  uint32_t b = e;
  while (b > 0 && (word_char(text[b - 1]) || text[b - 1] == '.')) --b;
  if (b == e) return std::nullopt;
  return CallAt{std::string(text.substr(b, e - b)), word, open};
}

}  // namespace flowc::lsp

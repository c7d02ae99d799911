#include "parse/python_tokens.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>

namespace flowc {

namespace {

// CPython's limits (Parser/tokenizer.h: MAXINDENT, MAXLEVEL).
constexpr size_t kMaxIndent = 100;
constexpr int kMaxBrackets = 200;

bool is_digit(char c, int base) {
  if (base == 16) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  return c >= '0' && c < '0' + base;
}

// Digits of `base` with single underscores between them ("1_000", not "1_" or "1__0").
bool digit_part(std::string_view s, int base) {
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (s[i + 1] == '_') return false;
    } else if (!is_digit(s[i], base)) {
      return false;
    }
  }
  return true;
}

// The code point starting at s[i] (UTF-8 already validated by check_encoding).
uint32_t code_point(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
  for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

std::string hex_cp(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

// What CPython calls the block a header opens, for "expected an indented block after ...".
std::string block_name(std::string_view src, uint32_t at) {
  auto word = [&](uint32_t p) {
    uint32_t e = p;
    while (e < src.size() && (std::isalnum(static_cast<unsigned char>(src[e])) || src[e] == '_')) ++e;
    return src.substr(p, e - p);
  };
  std::string_view w = word(at);
  if (w == "async") {
    uint32_t p = at + 5;
    while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
    w = word(p);
  }
  if (w == "def") return "function definition";
  if (w == "class") return "class definition";
  for (const char* k : {"if", "elif", "else", "for", "while", "with", "try", "except", "finally", "match", "case"})
    if (w == k) return "'" + std::string(w) + "' statement";
  return "':'";
}

}  // namespace

void TokenRules::error(const char* code, uint32_t begin, uint32_t end, std::string message) {
  sink_.error(code, Span{begin, end}, std::move(message));
}

void TokenRules::token(TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (s >= e) return;  // a zero-width node (an empty block)
  std::string_view src = tree_.file().text();
  // Between two tokens only whitespace, comments and line continuations may
  // appear; tree-sitter also skips Unicode spaces and zero-width characters.
  bool newline = !seen_token_;
  uint32_t line_start = 0;
  for (uint32_t i = prev_end_; i < s; ++i) {
    char c = src[i];
    if (c == '#') {
      while (i + 1 < s && src[i + 1] != '\n') ++i;
    } else if (c == '\\' && i + 1 < s && src[i + 1] == '\n') {
      ++i;  // a line continuation: the logical line goes on
    } else if (c == '\n') {
      newline = true;
      line_start = i + 1;
    } else if (c != ' ' && c != '\t' && c != '\f') {
      size_t len = 1;
      uint32_t cp = code_point(src, i, &len);
      error("E0012", i, static_cast<uint32_t>(i + len), "invalid non-printable character " + hex_cp(cp));
      i += static_cast<uint32_t>(len) - 1;
    }
  }
  if (!seen_token_ && !newline) newline = true;
  if (newline && brackets_ == 0) {
    if (s != statement_start_) {
      error("E0027", s, e, "invalid syntax: a new line ends the statement before this (continue it inside brackets or after '\\')");
      newline = false;  // read on as the same line
    } else {
      new_logical_line(s, line_start);
    }
  }
  seen_token_ = true;
  prev_end_ = e;

  std::string_view t = src.substr(s, e - s);
  if (t.size() == 1 && (t[0] == '(' || t[0] == '[' || t[0] == '{')) {
    if (++brackets_ == kMaxBrackets + 1) error("E0027", s, e, "too many nested parentheses");
  } else if (t.size() == 1 && (t[0] == ')' || t[0] == ']' || t[0] == '}')) {
    if (brackets_ > 0) --brackets_;
  }
  last_colon_ = t == ":" && brackets_ == 0;
  last_separator_ = t == ";" || t == ":";
}

bool TokenRules::separated(uint32_t at) const {
  if (!seen_token_ || last_separator_) return true;
  std::string_view src = tree_.file().text();
  for (uint32_t i = prev_end_; i < at && i < src.size(); ++i) {
    if (src[i] == '#') {
      while (i + 1 < at && src[i + 1] != '\n') ++i;
    } else if (src[i] == '\\' && i + 1 < at && src[i + 1] == '\n') {
      ++i;
    } else if (src[i] == '\n') {
      return true;
    }
  }
  return false;
}

void TokenRules::new_logical_line(uint32_t at, uint32_t line_start) {
  std::string_view src = tree_.file().text();
  int col = 0, alt = 0;
  for (uint32_t i = line_start; i < at; ++i) {
    if (src[i] == ' ') {
      ++col, ++alt;
    } else if (src[i] == '\t') {
      col = (col / 8 + 1) * 8, ++alt;
    } else if (src[i] == '\f') {
      col = alt = 0;
    } else if (src[i] == '\\' && col == 0 && i + 1 < at && src[i + 1] == '\n') {
      ++i;  // as CPython measures it: a '\\' in column 0 hands the indentation to the next line
    } else {
      break;  // a '\\' after indentation: that indentation counts
    }
  }
  bool header = last_colon_;
  uint32_t header_at = header_start_;
  last_colon_ = false;
  header_start_ = at;
  auto tab_error = [&] { error("E0011", line_start, at, "inconsistent use of tabs and spaces in indentation"); };
  if (col > cols_.back()) {
    if (cols_.size() >= kMaxIndent) {
      error("E0010", at, at + 1, "too many levels of indentation");
      return;
    }
    if (alt <= altcols_.back()) tab_error();
    else if (!header) error("E0010", at, at + 1, "unexpected indent");
    cols_.push_back(col);
    altcols_.push_back(alt);
    return;
  }
  if (col < cols_.back()) {
    while (cols_.size() > 1 && col < cols_.back()) {
      cols_.pop_back();
      altcols_.pop_back();
    }
    if (col != cols_.back()) {
      error("E0010", at, at + 1, "unindent does not match any outer indentation level");
      return;
    }
  }
  if (alt != altcols_.back()) {
    tab_error();
    return;
  }
  if (header) {
    uint32_t line = tree_.file().position(header_at).line;
    error("E0010", at, at + 1, "expected an indented block after " + block_name(src, header_at) + " on line " +
                                   std::to_string(line));
  }
}

void TokenRules::finish() {
  std::string_view src = tree_.file().text();
  // A line continuation with nothing after it: "unexpected EOF while parsing".
  for (uint32_t i = seen_token_ ? prev_end_ : 0; i < src.size(); ++i) {
    if (src[i] == '#') {
      while (i + 1 < src.size() && src[i + 1] != '\n') ++i;
    } else if (src[i] == '\\' && (i + 1 == src.size() || (i + 2 == src.size() && src[i + 1] == '\n'))) {
      error("E0010", i, i + 1, "unexpected EOF while parsing (a line continuation ends the file)");
      return;
    }
  }
  if (!last_colon_) return;
  uint32_t line = tree_.file().position(header_start_).line;
  uint32_t at = static_cast<uint32_t>(src.size());
  error("E0010", at, at, "expected an indented block after " + block_name(src, header_start_) + " on line " +
                             std::to_string(line));
}

void TokenRules::number(TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  std::string_view t = tree_.file().text();
  t = t.substr(s, e - s);
  auto bad = [&](const std::string& what) { error("E0012", s, e, what); };
  if (t.size() > 1 && t[0] == '0' && std::strchr("xXoObB", t[1])) {
    char k = static_cast<char>(std::tolower(static_cast<unsigned char>(t[1])));
    int base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
    const char* name = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
    std::string_view digits = t.substr(2);
    if (!digits.empty() && digits[0] == '_') digits.remove_prefix(1);  // 0x_1f is allowed
    if (!digit_part(digits, base)) {
      for (char c : digits)
        if (c != '_' && !is_digit(c, base) && c >= '0' && c <= '9')
          return bad(std::string("invalid digit '") + c + "' in " + name + " literal");
      bad(std::string("invalid ") + name + " literal");
    }
    return;
  }
  std::string_view m = t;
  bool imaginary = !m.empty() && (m.back() == 'j' || m.back() == 'J');
  if (imaginary) m.remove_suffix(1);
  size_t ex = m.find_first_of("eE");
  std::string_view exponent = ex == std::string_view::npos ? std::string_view() : m.substr(ex + 1);
  if (ex != std::string_view::npos) m = m.substr(0, ex);
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
  size_t dot = m.find('.');
  std::string_view whole = dot == std::string_view::npos ? m : m.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : m.substr(dot + 1);
  bool ok = (whole.empty() || digit_part(whole, 10)) && (frac.empty() || digit_part(frac, 10)) &&
            !(whole.empty() && frac.empty()) && (ex == std::string_view::npos || digit_part(exponent, 10));
  if (!ok) return bad("invalid decimal literal");
  bool is_int = dot == std::string_view::npos && ex == std::string_view::npos && !imaginary;
  if (is_int && whole.size() > 1 && whole[0] == '0' && whole.find_first_not_of("0_") != std::string_view::npos)
    bad("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
}

void TokenRules::string(TSNode n) {
  std::string_view src = tree_.file().text();
  uint32_t count = ts_node_child_count(n);
  if (count < 2) return;
  TSNode start = ts_node_child(n, 0), end = ts_node_child(n, count - 1);
  std::string_view open = src.substr(ts_node_start_byte(start), ts_node_end_byte(start) - ts_node_start_byte(start));
  size_t q = open.find_first_of("'\"`");
  if (q == std::string_view::npos) return;
  uint32_t s = ts_node_start_byte(n);
  if (open[q] == '`') {
    error("E0015", s, ts_node_end_byte(n), "backquotes are Python 2 syntax; use repr(...)");
    return;
  }
  std::string prefix;
  for (char c : open.substr(0, q)) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kPrefixes[] = {"", "r", "u", "b", "br", "rb", "f", "fr", "rf"};
  bool known = false;
  for (const char* p : kPrefixes) known = known || prefix == p;
  bool tstring = prefix == "t" || prefix == "tr" || prefix == "rt";  // PEP 750 (syntax_tree.cpp reads them)
  if (tstring && !version_.at_least(14)) {
    error("E0041", s, ts_node_end_byte(n),
          "a template string (t\"...\") needs Python 3.14; this file is read as Python " + version_.name() +
              " (--python-version, or python-version / requires-python in pyproject.toml)");
    return;
  }
  if (!known && !tstring) {
    error("E0013", s, static_cast<uint32_t>(s + q), "invalid string prefix '" + std::string(open.substr(0, q)) + "'");
    return;
  }
  bool raw = prefix.find('r') != std::string::npos, bytes = prefix.find('b') != std::string::npos;
  bool triple = open.size() - q >= 3;
  if (!triple) {  // a one-line string ends at the line's end, unless a backslash continues it
    uint32_t from = ts_node_end_byte(start), to = ts_node_start_byte(end);
    // PEP 701 (3.12): a replacement field of an f-string may span lines.
    bool fields_span_lines = version_.at_least(12) && prefix.find_first_of("ft") != std::string::npos;
    uint32_t next_field = 1;
    for (uint32_t i = from; i < to; ++i) {
      if (fields_span_lines) {
        while (next_field + 1 < count && ts_node_end_byte(ts_node_child(n, next_field)) <= i) ++next_field;
        TSNode c = next_field + 1 < count ? ts_node_child(n, next_field) : TSNode{};
        if (!ts_node_is_null(c) && is(c, "interpolation") && ts_node_start_byte(c) <= i) {
          i = ts_node_end_byte(c) - 1;
          continue;
        }
      }
      if (src[i] == '\\') {
        ++i;
      } else if (src[i] == '\n') {
        error("E0013", s, i, "unterminated string literal (detected at line " +
                                 std::to_string(tree_.file().position(s).line) + ")");
        return;
      }
    }
  }
  // The literal text between the quotes, without the f-string's {...} parts.
  uint32_t pos = ts_node_end_byte(start);
  auto literal = [&](uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; ++i) {
      unsigned char c = static_cast<unsigned char>(src[i]);
      if (bytes && c >= 0x80) {
        error("E0013", i, i + 1, "bytes can only contain ASCII literal characters");
        return;
      }
      if (raw || c != '\\' || i + 1 >= to) continue;
      char k = src[++i];
      int want = k == 'x' ? 2 : (k == 'u' && !bytes) ? 4 : (k == 'U' && !bytes) ? 8 : 0;
      if (want) {
        uint32_t value = 0;
        int got = 0;
        while (got < want && i + 1 + got < to && is_digit(src[i + 1 + got], 16)) {
          value = value * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(src[i + 1 + got]))
                                                         ? src[i + 1 + got] - '0'
                                                         : std::tolower(static_cast<unsigned char>(src[i + 1 + got])) - 'a' + 10);
          ++got;
        }
        if (got < want) {
          error("E0013", i - 1, i + 1 + got,
                std::string("truncated \\") + k + (want == 2 ? "XX" : want == 4 ? "XXXX" : "XXXXXXXX") + " escape");
          return;
        }
        if (k == 'U' && value > 0x10FFFF) {
          error("E0013", i - 1, i + 1 + got, "illegal Unicode character in \\U escape");
          return;
        }
      } else if (k == 'N' && !bytes) {
        size_t close = i + 1 < to && src[i + 1] == '{' ? src.find('}', i + 1) : std::string_view::npos;
        if (close == std::string_view::npos || close >= to || close == i + 2) {
          error("E0013", i - 1, i + 1, "malformed \\N character escape");
          return;
        }
      }
    }
  };
  for (uint32_t k = 1; k + 1 < count; ++k) {
    TSNode c = ts_node_child(n, k);
    if (!is(c, "interpolation")) continue;
    literal(pos, ts_node_start_byte(c));
    pos = ts_node_end_byte(c);
  }
  literal(pos, ts_node_start_byte(end));
  if (prefix.find('f') != std::string::npos || tstring) fstring(n, open[q], triple);
}

void TokenRules::fstring(TSNode n, char quote, bool triple) {
  uint32_t count = ts_node_child_count(n);
  for (uint32_t k = 1; k + 1 < count; ++k) {
    TSNode c = ts_node_child(n, k);
    if (is(c, "interpolation")) interpolation(c, quote, triple, 0);
  }
}

// Python 3.11 reads an f-string as one string token first, then its {...}
// parts: the closing quote cannot appear inside them, nor a backslash or a
// comment, and format specs nest {} at most two deep. (3.12 lifted these;
// tree-sitter-python follows 3.12.)
void TokenRules::interpolation(TSNode n, char quote, bool triple, int depth) {
  std::string_view src = tree_.file().text();
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  std::string_view text = src.substr(s, e - s);
  // PEP 701 (3.12) reads {...} with the full tokenizer: quotes, backslashes,
  // comments, line breaks and nested format specs are all fine there.
  const bool pep701 = version_.at_least(12);
  if (depth == 0 && !pep701) {
    std::string delim(triple ? 3 : 1, quote);
    if (text.find(delim) != std::string_view::npos) {
      error("E0014", s, e, "f-string: expecting '}' (Python 3.11 ends the string at the inner " + delim + ")");
      return;
    }
    size_t nl = text.find('\n');
    while (nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\\') nl = text.find('\n', nl + 1);
    if (!triple && nl != std::string_view::npos) {
      error("E0014", s, e, "unterminated string literal (an f-string's {...} spans lines in a one-line string)");
      return;
    }
  }
  uint32_t count = ts_node_child_count(n);
  if (count < 2) return;
  TSNode expr = ts_node_child(n, 1);
  if (is(expr, "comment")) expr = ts_node_next_sibling(expr);
  // The expression part runs to the '=', '!', ':' or '}' after it (comments are inside it).
  uint32_t expr_end = e;
  for (uint32_t k = 2; k < count; ++k) {
    TSNode c = ts_node_child(n, k);
    if (!is(c, "comment") && !is(c, "line_continuation") && ts_node_start_byte(c) >= ts_node_end_byte(expr)) {
      expr_end = ts_node_start_byte(c);
      break;
    }
  }
  char in_quote = 0;
  int depth_in = 0;
  for (uint32_t i = ts_node_end_byte(ts_node_child(n, 0)); i < expr_end && !pep701; ++i) {
    char c = src[i];
    if (c == '\\') {
      error("E0014", i, i + 1, "f-string expression part cannot include a backslash");
      return;
    }
    if (in_quote) {
      if (c == in_quote) in_quote = 0;
    } else if (c == '\'' || c == '"') {
      in_quote = c;
    } else if (c == '#') {
      error("E0014", i, i + 1, "f-string expression part cannot include '#'");
      return;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth_in;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth_in;
    } else if (c == ':' && depth_in == 0) {
      // 3.11 ends the expression at the first ':' outside brackets: `{x:=1}` is
      // x with the format spec "=1" (fine), `{lambda x: 1}` is an error.
      if (i + 1 < expr_end && src[i + 1] == '=') break;
      error("E0014", i, i + 1, "f-string: invalid syntax (Python 3.11 reads a format spec from this ':')");
      return;
    }
  }
  if (is(expr, "lambda")) {
    error("E0014", ts_node_start_byte(expr), ts_node_end_byte(expr),
          "f-string: lambda expressions are not allowed without parentheses");
    return;
  }
  if (is(expr, "list_splat")) {
    error("E0014", ts_node_start_byte(expr), ts_node_end_byte(expr), "f-string: cannot use starred expression here");
    return;
  }
  for (uint32_t k = 2; k < count; ++k) {
    TSNode c = ts_node_child(n, k);
    if (is(c, "type_conversion")) {
      std::string_view conv = src.substr(ts_node_start_byte(c), ts_node_end_byte(c) - ts_node_start_byte(c));
      if (conv != "!s" && conv != "!r" && conv != "!a")
        error("E0014", ts_node_start_byte(c), ts_node_end_byte(c),
              "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      else if (!pep701 && k + 1 < count && ts_node_start_byte(ts_node_child(n, k + 1)) != ts_node_end_byte(c))
        error("E0014", ts_node_end_byte(c), ts_node_start_byte(ts_node_child(n, k + 1)), "f-string: expecting '}'");
    } else if (is(c, "format_specifier")) {
      uint32_t fc = ts_node_child_count(c);
      for (uint32_t j = 0; j < fc; ++j) {
        TSNode f = ts_node_child(c, j);
        if (!is(f, "format_expression")) continue;
        if (depth >= 1 && !pep701) {
          error("E0014", ts_node_start_byte(f), ts_node_end_byte(f), "f-string: expressions nested too deeply");
          return;
        }
        interpolation(f, quote, triple, depth + 1);
      }
    }
  }
}

void TokenRules::concatenated_string(TSNode n) {
  std::string_view src = tree_.file().text();
  int kind = -1;  // 0 text, 1 bytes, 2 template (3.14: t-strings join only t-strings)
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t k = 0; k < count; ++k) {
    TSNode c = ts_node_named_child(n, k);
    if (!is(c, "string") || ts_node_child_count(c) == 0) continue;
    TSNode start = ts_node_child(c, 0);
    std::string_view open = src.substr(ts_node_start_byte(start), ts_node_end_byte(start) - ts_node_start_byte(start));
    size_t q = open.find_first_of("'\"`");
    std::string_view pre = open.substr(0, q);
    int here = pre.find_first_of("bB") != std::string_view::npos ? 1 : pre.find_first_of("tT") != std::string_view::npos ? 2 : 0;
    if (kind >= 0 && here != kind) {
      error("E0013", ts_node_start_byte(c), ts_node_end_byte(c),
            here == 2 || kind == 2 ? "cannot mix t-string literals with string or bytes literals"
                                   : "cannot mix bytes and nonbytes literals");
      return;
    }
    kind = here;
  }
}

}  // namespace flowc

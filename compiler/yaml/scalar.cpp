#include "yaml/scalar.h"

#include <cctype>
#include <charconv>
#include <vector>

namespace flowc::yaml {

namespace {

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Line folding of flow scalars: a line break between text is a space, each
// empty line a newline. `raw` marks, per line, whether its leading blanks are
// content (after an escaped line break in a double-quoted scalar).
std::string fold(const std::vector<std::string>& lines) {
  if (lines.size() == 1) return lines[0];
  std::string out = lines[0];
  size_t i = 1;
  while (i < lines.size()) {
    size_t empties = 0;
    while (i < lines.size() - 1 && lines[i].empty()) ++empties, ++i;
    if (empties) out.append(empties, '\n');
    else out += ' ';
    out += lines[i++];
  }
  return out;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
  else if (cp < 0x10000)
    out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
        out += static_cast<char>(0x80 | (cp & 0x3F));
  else
    out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
}

}  // namespace

std::string plain_text(std::string_view src) {
  std::vector<std::string> lines;
  for (auto l : split_lines(src)) lines.emplace_back(trim(l));
  return fold(lines);
}

std::string single_quoted_text(std::string_view src) {
  src = src.substr(1, src.size() - 2);
  std::vector<std::string> lines;
  auto raw = split_lines(src);
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string_view l = raw[i];
    if (i > 0) while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (i + 1 < raw.size()) while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    std::string s;
    for (size_t k = 0; k < l.size(); ++k) {
      s += l[k];
      if (l[k] == '\'' && k + 1 < l.size() && l[k + 1] == '\'') ++k;
    }
    lines.push_back(std::move(s));
  }
  return fold(lines);
}

std::optional<std::string> double_quoted_text(std::string_view src) {
  src = src.substr(1, src.size() - 2);
  // Fold first on raw lines, keeping escapes; an escaped line break joins
  // lines with nothing between them.
  auto raw = split_lines(src);
  std::string out;
  size_t i = 0;
  bool first = true;
  while (i < raw.size()) {
    std::string_view l = raw[i];
    if (!first) while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    bool last = i + 1 == raw.size();
    // Count backslashes at the end: an odd number escapes the line break.
    size_t bs = 0;
    while (bs < l.size() && l[l.size() - 1 - bs] == '\\') ++bs;
    bool escaped_break = !last && bs % 2 == 1;
    if (!last && !escaped_break) while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) {
        // trailing blanks before a break are not content, unless escaped ("\ ")
        if (l.size() >= 2 && l[l.size() - 2] == '\\') break;
        l.remove_suffix(1);
      }
    if (escaped_break) l.remove_suffix(1);
    // Decode escapes of this line.
    for (size_t k = 0; k < l.size(); ++k) {
      char c = l[k];
      if (c != '\\') { out += c; continue; }
      if (++k >= l.size()) return std::nullopt;
      char e = l[k];
      switch (e) {
        case '0': out += '\0'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 't': case '\t': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'v': out += '\v'; break;
        case 'f': out += '\f'; break;
        case 'r': out += '\r'; break;
        case 'e': out += '\x1b'; break;
        case ' ': out += ' '; break;
        case '"': out += '"'; break;
        case '/': out += '/'; break;
        case '\\': out += '\\'; break;
        case 'N': append_utf8(out, 0x85); break;
        case '_': append_utf8(out, 0xA0); break;
        case 'L': append_utf8(out, 0x2028); break;
        case 'P': append_utf8(out, 0x2029); break;
        case 'x': case 'u': case 'U': {
          size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (k + n >= l.size() + 0 && k + n > l.size() - 1 + 1) return std::nullopt;
          uint32_t cp = 0;
          auto r = std::from_chars(l.data() + k + 1, l.data() + k + 1 + n, cp, 16);
          if (r.ec != std::errc() || r.ptr != l.data() + k + 1 + n) return std::nullopt;
          append_utf8(out, cp);
          k += n;
          break;
        }
        default: return std::nullopt;
      }
    }
    ++i;
    first = false;
    if (i >= raw.size()) break;
    if (escaped_break) continue;
    // Empty lines become newlines; otherwise one space.
    size_t empties = 0;
    while (i < raw.size() - 1 && trim(raw[i]).empty()) ++empties, ++i;
    if (empties) out.append(empties, '\n');
    else out += ' ';
  }
  return out;
}

std::optional<std::string> block_text(std::string_view src, int parent_indent) {
  size_t nl = src.find('\n');
  std::string_view header = src.substr(0, nl);
  if (size_t hash = header.find(" #"); hash != std::string_view::npos) header = header.substr(0, hash);
  header = trim(header);
  bool folded = header[0] == '>';
  char chomp = 'c';
  int explicit_indent = 0;
  for (char c : header.substr(1)) {
    if (c == '-' || c == '+') chomp = c;
    else if (c >= '1' && c <= '9') explicit_indent = c - '0';
    else return std::nullopt;
  }
  std::vector<std::string_view> lines;
  if (nl != std::string_view::npos) lines = split_lines(src.substr(nl + 1));
  // The node may end before the final line break; a trailing empty piece
  // from a final '\n' is not a line.
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t indent = 0;
  if (explicit_indent) {
    indent = static_cast<size_t>(std::max(parent_indent, 0) + explicit_indent);
  } else {
    for (auto l : lines)
      if (!trim(l).empty()) {
        indent = l.find_first_not_of(' ');
        break;
      }
  }
  std::vector<std::string> body;
  for (auto l : lines) body.emplace_back(l.size() > indent ? l.substr(indent) : (trim(l).empty() ? "" : std::string(l)));
  // Trailing empty lines: chomping decides.
  size_t content_end = body.size();
  while (content_end > 0 && body[content_end - 1].empty()) --content_end;
  size_t trailing = body.size() - content_end;
  std::string out;
  if (!folded) {
    for (size_t i = 0; i < content_end; ++i) out += body[i] + "\n";
  } else {
    bool prev_more = false;
    for (size_t i = 0; i < content_end; ++i) {
      const std::string& l = body[i];
      bool more = !l.empty() && (l[0] == ' ' || l[0] == '\t');
      if (i > 0) {
        // Count empty lines between this and the previous text line.
        if (l.empty()) { out += '\n'; continue; }
        // previous line was text: break becomes space unless either side is more-indented
        // After empty lines the break before them is gone (they gave their
        // own newlines), unless a more-indented line keeps every break.
        if (body[i - 1].empty()) out += (more || prev_more) ? "\n" : "";
        else if (!more && !prev_more) out += ' ';
        else out += '\n';
      }
      out += l;
      if (!l.empty()) prev_more = more;
    }
    if (content_end > 0) out += '\n';
  }
  if (content_end == 0) out.clear();
  if (chomp == '-') {
    while (!out.empty() && out.back() == '\n') out.pop_back();
  } else if (chomp == '+') {
    out.append(trailing, '\n');
  }
  return out;
}

namespace {

// Hand-written matchers for PyYAML's YAML 1.1 resolver patterns (std::regex
// is slow enough to show on 100,000-line files).
bool digits_with_underscores(std::string_view s, bool (*digit)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!digit(c) && c != '_') return false;
  return true;
}
bool dec(char c) { return c >= '0' && c <= '9'; }
bool oct(char c) { return c >= '0' && c <= '7'; }
bool hex(char c) { return dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string_view unsigned_part(std::string_view t) {
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
  return t;
}
bool is_int(std::string_view t) {  // [-+]?(0|[1-9][0-9_]*)
  t = unsigned_part(t);
  return t == "0" || (!t.empty() && t[0] >= '1' && t[0] <= '9' && digits_with_underscores(t, dec));
}
bool is_oct(std::string_view t) {  // [-+]?0[0-7_]+
  t = unsigned_part(t);
  return t.size() > 1 && t[0] == '0' && digits_with_underscores(t.substr(1), oct);
}
bool is_hex(std::string_view t) {  // [-+]?0x[0-9a-fA-F_]+
  t = unsigned_part(t);
  return t.size() > 2 && t.starts_with("0x") && digits_with_underscores(t.substr(2), hex);
}
bool is_float(std::string_view t) {  // [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?
  t = unsigned_part(t);
  size_t dot = t.find('.');
  if (dot == std::string_view::npos || t == ".") return false;
  std::string_view whole = t.substr(0, dot), rest = t.substr(dot + 1);
  if (!whole.empty() && (!dec(whole[0]) || !digits_with_underscores(whole, dec))) return false;
  size_t e = rest.find_first_of("eE");
  std::string_view frac = rest.substr(0, e);
  if (!frac.empty() && !digits_with_underscores(frac, dec)) return false;
  if (e == std::string_view::npos) return true;
  std::string_view exp = rest.substr(e + 1);
  if (exp.size() < 2 || (exp[0] != '-' && exp[0] != '+')) return false;
  for (char c : exp.substr(1))
    if (!dec(c)) return false;
  return true;
}

}  // namespace

Value typed_plain(std::string t, Span span) {
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") return Value::none(span);
  for (const char* y : {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})
    if (t == y) return Value::of_bool(true, span);
  for (const char* n : {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})
    if (t == n) return Value::of_bool(false, span);
  auto to_int = [&](std::string digits, int base) -> std::optional<Value> {
    bool neg = false;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) neg = digits[0] == '-', digits.erase(0, 1);
    if (base == 16) digits.erase(0, 2);
    std::erase(digits, '_');
    int64_t x = 0;
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), x, base);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return std::nullopt;
    return Value::of_int(neg ? -x : x, span);
  };
  if (is_int(t)) {
    if (auto v = to_int(t, 10)) return *v;
  } else if (is_oct(t)) {
    if (auto v = to_int(t, 8)) return *v;
  } else if (is_hex(t)) {
    if (auto v = to_int(t, 16)) return *v;
  } else if (is_float(t)) {
    Value v;
    v.kind = Value::Kind::Float;
    v.text = t;
    std::string clean = t;
    std::erase(clean, '_');
    v.number = std::strtod(clean.c_str(), nullptr);
    v.span = span;
    return v;
  }
  return Value::of_string(std::move(t), span);
}

}  // namespace flowc::yaml

#include "emit/yaml_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "ir/number_text.h"
#include "ir/verbatim.h"

namespace flowc {

namespace {

using Json = nlohmann::ordered_json;

// Decodes one UTF-8 code point at s[i]; returns 0xFFFFFFFF on invalid input.
uint32_t next_cp(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  uint32_t cp;
  size_t len;
  if (c < 0x80) { cp = c; len = 1; }
  else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
  else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
  else if ((c >> 3) == 30) { cp = c & 0x07; len = 4; }
  else { ++i; return 0xFFFFFFFF; }
  if (i + len > s.size()) { ++i; return 0xFFFFFFFF; }
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) { ++i; return 0xFFFFFFFF; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

// YAML's printable set, minus the characters that are line breaks to YAML
// 1.1 (NEL, LS, PS) and the BOM, which readers treat specially.
bool printable(uint32_t cp) {
  if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) return false;
  return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

bool all_printable(std::string_view s, bool allow_newline_tab) {
  size_t i = 0;
  // Most text is printable ASCII: checked a byte at a time, decoded only past it.
  while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x20 && static_cast<unsigned char>(s[i]) < 0x7F) ++i;
  while (i < s.size()) {
    uint32_t cp = next_cp(s, i);
    if (allow_newline_tab && (cp == '\n' || cp == '\t')) continue;
    if (!printable(cp)) return false;
  }
  return true;
}

bool one_of(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (s == w) return true;
  return false;
}

// Would a YAML 1.1 or 1.2 reader resolve this plain scalar to something other than a string?
bool looks_special(std::string_view s) {
  // Every special word starts with one of these; most keys and values do not.
  static constexpr std::string_view word_starts = "~nNyYtTfFoO=<";
  if (word_starts.find(s[0]) != std::string_view::npos && one_of(s, {"~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true",
                 "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "=", "<<"}))
    return true;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') i = 1;
  if (i < s.size() && s[i] >= '0' && s[i] <= '9') return true;  // ints, floats, dates, times, 0x.., 1_000, 1:20
  if (i < s.size() && s[i] == '.') {
    if (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') return true;
    std::string_view rest = s.substr(i + 1);
    if (one_of(rest, {"inf", "Inf", "INF", "nan", "NaN", "NAN"})) return true;
  }
  return false;
}

void write_double_quoted(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = next_cp(s, i);
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      case 0: out += "\\0"; continue;
      case 0x85: out += "\\N"; continue;
      case 0x2028: out += "\\L"; continue;
      case 0x2029: out += "\\P"; continue;
      default: break;
    }
    if (cp == 0xFFFFFFFF) {
      out += "\\uFFFD";  // invalid UTF-8 never reaches here from the driver; be safe anyway
      continue;
    }
    if (printable(cp)) {
      out.append(s.substr(start, i - start));
    } else if (cp <= 0xFF) {
      out += "\\x";
      out += hex[cp >> 4];
      out += hex[cp & 15];
    } else if (cp <= 0xFFFF) {
      out += "\\u";
      for (int sh = 12; sh >= 0; sh -= 4) out += hex[(cp >> sh) & 15];
    } else {
      out += "\\U";
      for (int sh = 28; sh >= 0; sh -= 4) out += hex[(cp >> sh) & 15];
    }
  }
  out += '"';
}

// A literal block keeps multi-line text readable; it is used only where it
// reads back exactly (chomping and indentation indicators set as needed).
bool literal_ok(std::string_view s) {
  if (s.find('\n') == std::string_view::npos) return false;
  if (s.find_first_not_of('\n') == std::string_view::npos) return false;  // only newlines
  if (!all_printable(s, true)) return false;
  // Trailing spaces on a line would survive, but tabs or spaces at the very
  // end of the text are easy to lose in review; quote those.
  size_t last = s.find_last_not_of('\n');
  if (s[last] == ' ' || s[last] == '\t') return false;
  return true;
}

void write_literal(std::string& out, std::string_view s, int indent) {
  out += '|';
  size_t first = s.find_first_not_of('\n');
  if (s[first] == ' ' || s[first] == '\t' || first > 0) out += std::to_string(2);  // explicit indentation
  size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  if (trailing == 0) out += '-';
  else if (trailing > 1) out += '+';
  out += '\n';
  std::string pad(static_cast<size_t>(indent) + 2, ' ');
  std::string_view body = s.substr(0, s.size() - trailing);
  size_t pos = 0;
  while (true) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty()) out += pad;
    out += line;
    out += '\n';
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  for (size_t k = 1; k < trailing; ++k) out += '\n';
}

// Writes a string scalar; true if it was a literal block, which ends its own line.
bool write_scalar_string(std::string& out, std::string_view s, int indent, bool is_key) {
  if (plain_safe(s)) {
    out += s;
  } else if (!is_key && literal_ok(s)) {
    write_literal(out, s, indent);
    return true;
  } else {
    write_double_quoted(out, s);
  }
  return false;
}

void pad(std::string& out, int indent) { out.append(static_cast<size_t>(indent), ' '); }

// Writes a scalar and the end of its line.
void write_scalar_line(std::string& out, const Json& v, int indent) {
  if (auto text = verbatim_text(v)) {  // the tree says: write it as it is
    out += *text;
    out += '\n';
    return;
  }
  if (v.is_string()) {
    if (!write_scalar_string(out, v.get_ref<const std::string&>(), indent, false)) out += '\n';
    return;
  }
  switch (v.type()) {
    case Json::value_t::null: out += "null"; break;
    case Json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case Json::value_t::number_integer: out += std::to_string(v.get<int64_t>()); break;
    case Json::value_t::number_unsigned: out += std::to_string(v.get<uint64_t>()); break;
    case Json::value_t::number_float: out += yaml_float(v.get<double>()); break;
    default: out += "null"; break;
  }
  out += '\n';
}

// Longest key written as an implicit ("key: value") key; YAML's limit is 1024
// characters, and a byte count is never below the character count.
constexpr size_t kMaxImplicitKey = 1000;

void write_node(std::string& out, const Json& v, int indent);
void write_map_value(std::string& out, const Json& val, int indent);

// Writes a mapping whose first key goes where the cursor is; following keys at `indent`.
void write_map(std::string& out, const Json& v, int indent) {
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) pad(out, indent);
    first = false;
    const std::string& k = it.key();
    if (k.size() <= kMaxImplicitKey && plain_safe(k)) {  // the usual key, written in place
      out += k;
      out += ':';
      write_map_value(out, it.value(), indent);
      continue;
    }
    std::string key;
    write_scalar_string(key, k, indent, true);
    if (key.size() > kMaxImplicitKey) {
      // YAML readers take an implicit key only up to 1024 characters: use an
      // explicit one ("? key" then ": value" on the next line).
      out += "? ";
      out += key;
      out += '\n';
      pad(out, indent);
    } else {
      out += key;
    }
    out += ':';
    write_map_value(out, it.value(), indent);
  }
}

// What follows "key:" in a mapping at `indent`.
void write_map_value(std::string& out, const Json& val, int indent) {
  if (val.is_object() && !val.empty()) {
    out += '\n';
    pad(out, indent + 2);
    write_map(out, val, indent + 2);
  } else if (val.is_array() && !val.empty()) {
    out += '\n';
    // Argo's style: a sequence under a key is not indented further.
    write_node(out, val, indent);
  } else if (val.is_object()) {
    out += " {}\n";
  } else if (val.is_array()) {
    out += " []\n";
  } else {
    out += ' ';
    write_scalar_line(out, val, indent);
  }
}

void write_seq(std::string& out, const Json& v, int indent) {
  for (const auto& item : v) {
    pad(out, indent);
    out += "- ";
    if (item.is_object() && !item.empty()) {
      write_map(out, item, indent + 2);
    } else if (item.is_array() && !item.empty()) {
      // "- - x": the nested sequence starts on this line
      std::string nested;
      write_seq(nested, item, indent + 2);
      out += nested.substr(static_cast<size_t>(indent) + 2);
    } else if (item.is_object()) {
      out += "{}\n";
    } else if (item.is_array()) {
      out += "[]\n";
    } else {
      write_scalar_line(out, item, indent);
    }
  }
}

void write_node(std::string& out, const Json& v, int indent) {
  if (v.is_object() && !v.empty()) {
    pad(out, indent);
    write_map(out, v, indent);
  } else if (v.is_array() && !v.empty()) {
    write_seq(out, v, indent);
  } else if (v.is_object()) {
    out += "{}\n";
  } else if (v.is_array()) {
    out += "[]\n";
  } else {
    write_scalar_line(out, v, indent);
  }
}

}  // namespace

bool plain_safe(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  if (!all_printable(s, false)) return false;
  static constexpr std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (indicators.find(s[0]) != std::string_view::npos) {
    // "-c", "-v" are common command-line flags and read back as strings.
    bool dash_flag = s[0] == '-' && s.size() > 1 && s[1] != ' ' && s[1] != '-';
    if (!dash_flag) return false;
  }
  if (s.starts_with("...")) return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return false;
  if (s.back() == ':') return false;
  if (looks_special(s)) return false;
  return true;
}

std::string yaml_float(double d) {
  // As PyYAML (argo-python-dsl's writer) writes a float: repr(), with ".0"
  // added to an exponent form without a dot (1e+16 -> 1.0e+16), since YAML
  // 1.1 reads "1e+16" as a string.
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return d < 0 ? "-.inf" : ".inf";
  std::string s = python_float_repr(d);
  size_t e = s.find('e');
  if (e != std::string::npos && s.find('.') == std::string::npos) s.insert(e, ".0");
  return s;
}

std::string to_yaml(const nlohmann::ordered_json& doc) {
  std::string out;
  write_node(out, doc, 0);
  return out;
}

}  // namespace flowc

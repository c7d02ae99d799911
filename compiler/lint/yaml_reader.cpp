#include "lint/yaml_reader.h"

#include <cmath>
#include <cstring>
#include <limits>

#include <yaml-cpp/yaml.h>

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

// Bounds: aliases can make a small file a huge tree ("billion laughs"). Without
// aliases a file has fewer nodes than bytes; a little over that is allowed.
size_t max_nodes(const SourceFile& f) { return 2 * f.text().size() + 10000; }
constexpr size_t kMaxDepth = 1000;

// A span on whole UTF-8 characters (a caret never splits one: diagnostics stay valid UTF-8).
Span on_characters(const std::string& text, size_t begin, size_t end) {
  auto continuation = [&](size_t i) { return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  begin = std::min(begin, text.size());
  end = std::min(std::max(end, begin), text.size());
  while (begin > 0 && continuation(begin)) --begin;
  while (continuation(end)) ++end;
  if (end == begin && end < text.size()) {
    ++end;
    while (continuation(end)) ++end;
  }
  return Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(std::max<size_t>(end, 1))};
}

bool all_of(const std::string& s, size_t from, const char* chars) {
  if (from >= s.size()) return false;
  for (size_t i = from; i < s.size(); ++i)
    if (!std::strchr(chars, s[i])) return false;
  return true;
}

// go-yaml v2's integer forms: decimal, 0x hex, 0o / leading-0 octal, 0b binary, with '_' separators.
bool parse_int(std::string s, J& out) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', s.erase(0, 1);
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  int base = 10;
  size_t from = 0;
  if (digits.starts_with("0x")) base = 16, from = 2;
  else if (digits.starts_with("0b")) base = 2, from = 2;
  else if (digits.starts_with("0o")) base = 8, from = 2;
  else if (digits.size() > 1 && digits[0] == '0') base = 8, from = 1;
  const char* chars = base == 16 ? "0123456789abcdefABCDEF" : base == 2 ? "01" : base == 8 ? "01234567" : "0123456789";
  if (!all_of(digits, from, chars)) return false;
  unsigned long long v = 0;
  for (size_t i = from; i < digits.size(); ++i) {
    int d = std::isdigit(static_cast<unsigned char>(digits[i])) ? digits[i] - '0' : (std::tolower(digits[i]) - 'a' + 10);
    if (v > (std::numeric_limits<unsigned long long>::max() - d) / base) return false;  // too large: a float or a string
    v = v * base + d;
  }
  if (neg) {
    if (v > static_cast<unsigned long long>(std::numeric_limits<int64_t>::max()) + 1) return false;
    out = v == 0 ? J(0) : J(static_cast<int64_t>(0 - v));
  } else if (v <= static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
    out = static_cast<int64_t>(v);
  } else {
    out = static_cast<uint64_t>(v);
  }
  return true;
}

bool parse_float(const std::string& s, J& out) {
  static const char* const inf[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"};
  for (const char* x : inf)
    if (s == x) return out = std::numeric_limits<double>::infinity(), true;
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return out = -std::numeric_limits<double>::infinity(), true;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return out = std::numeric_limits<double>::quiet_NaN(), true;
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++int_digits;
  bool dot = i < s.size() && s[i] == '.';
  if (dot) {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t e = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++e;
    if (e == 0) return false;
  }
  if (i != s.size()) return false;
  out = std::strtod(s.c_str(), nullptr);
  return true;
}

class Converter {
 public:
  Converter(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}
  SpanTable* keys_ = nullptr;  // where mapping keys are recorded (the document being read)

  bool convert(const YAML::Node& n, std::string& ptr, J& out, SpanTable& spans, size_t depth) {
    if (++nodes_ > max_nodes(file_))
      return fail(n, "E0803", "the YAML expands to more than " + std::to_string(max_nodes(file_)) +
                                  " nodes, twice its size: aliases repeat too much");
    if (depth > kMaxDepth) return fail(n, "E0803", "the YAML nests more than " + std::to_string(kMaxDepth) + " levels deep");
    spans.add(ptr, span(n));
    switch (n.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null: out = nullptr; return true;
      case YAML::NodeType::Scalar: out = scalar(n); return true;
      case YAML::NodeType::Sequence: {
        out = J::array();
        size_t len = ptr.size();
        for (size_t i = 0; i < n.size(); ++i) {
          ptr += pointer_token(i);
          J item;
          bool ok = convert(n[i], ptr, item, spans, depth + 1);
          ptr.resize(len);
          if (!ok) return false;
          out.push_back(std::move(item));
        }
        return true;
      }
      case YAML::NodeType::Map: {
        out = J::object();
        size_t len = ptr.size();
        std::vector<YAML::Node> merges;  // "<<: *base": keys not given explicitly, as go-yaml merges them
        for (auto it = n.begin(); it != n.end(); ++it) {
          if (!it->first.IsScalar() && !it->first.IsNull())
            return fail(it->first, "E0802", "a mapping key must be a scalar (Kubernetes reads YAML as JSON)");
          std::string key = it->first.IsNull() ? "null" : it->first.Scalar();
          if (it->first.Tag() == "?" && key == "<<") {
            merges.push_back(it->second);
            continue;
          }
          if (out.contains(key)) return fail(it->first, "E0802", "mapping key \"" + key + "\" already defined");
          ptr += pointer_token(key);
          J value;
          // A mapping or list under a key is shown at its key ("container:"), a scalar at itself.
          if (!it->second.IsScalar()) spans.add(ptr, span(it->first));
          if (keys_) keys_->add(ptr, span(it->first));
          bool ok = convert(it->second, ptr, value, spans, depth + 1);
          ptr.resize(len);
          if (!ok) return false;
          out[key] = std::move(value);
        }
        for (auto& m : merges) {
          std::vector<YAML::Node> sources;
          if (m.IsMap()) sources.push_back(m);
          else if (m.IsSequence()) for (size_t i = 0; i < m.size(); ++i) sources.push_back(m[i]);
          for (auto& src : sources) {
            if (!src.IsMap()) return fail(src, "E0802", "a merge key ('<<') takes a mapping or a list of mappings");
            J merged;
            std::string mp = ptr;
            if (!convert(src, mp, merged, spans, depth + 1)) return false;
            for (auto it = merged.begin(); it != merged.end(); ++it)
              if (!out.contains(it.key())) out[it.key()] = it.value();
          }
        }
        return true;
      }
    }
    return true;
  }

  Span span(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    if (m.pos < 0) return Span{};
    uint32_t b = static_cast<uint32_t>(std::min<size_t>(m.pos, file_.text().size()));
    uint32_t len = n.IsScalar() && n.Tag() == "?" ? static_cast<uint32_t>(n.Scalar().size()) : 1;
    const std::string& text = file_.text();
    if (n.IsScalar() && n.Tag() == "!" && b < text.size() && (text[b] == '"' || text[b] == '\'')) {
      // A quoted scalar on one line: underline it with its quotes.
      size_t close = b + 1;
      while (close < text.size() && text[close] != '\n' && !(text[close] == text[b] && text[close - 1] != '\\')) ++close;
      if (close < text.size() && text[close] == text[b]) len = static_cast<uint32_t>(close - b + 1);
    }
    // Spans at 0..0 mean "unknown": a node at the very start gets a span of at least one byte.
    return on_characters(text, b, size_t{b} + std::max<uint32_t>(len, 1));
  }

 private:
  J scalar(const YAML::Node& n) const {
    const std::string& s = n.Scalar();
    const std::string& tag = n.Tag();
    if (tag == "!" ) return s;  // quoted or block scalar: a string
    if (tag == "tag:yaml.org,2002:str") return s;
    if (tag == "?" || tag.starts_with("tag:yaml.org,2002:")) return plain_scalar(s);
    return s;  // a local tag: its text
  }

  bool fail(const YAML::Node& n, const char* code, std::string message) {
    sink_.error(code, span(n), std::move(message));
    return false;
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;
  size_t nodes_ = 0;
};

}  // namespace

J plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  static const char* const yes[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
  static const char* const no[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
  for (const char* x : yes)
    if (s == x) return true;
  for (const char* x : no)
    if (s == x) return false;
  J out;
  if (parse_int(s, out)) return out;
  if (parse_float(s, out)) return out;
  return s;
}

namespace {

// YAML is Unicode text: the offset of the first byte that is not UTF-8 (or a NUL), or npos.
size_t first_bad_byte(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string::npos;
}

}  // namespace

std::vector<YamlDocument> read_yaml(const SourceFile& file, DiagnosticSink& sink) {
  std::vector<YamlDocument> out;
  if (size_t bad = first_bad_byte(file.text()); bad != std::string::npos) {
    unsigned char c = static_cast<unsigned char>(file.text()[bad]);
    const char* hex = "0123456789abcdef";
    sink.error("E0801", Span{static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)},
               c == 0 ? std::string("YAML text contains a NUL byte")
                      : std::string("YAML text is not valid UTF-8 (byte 0x") + hex[c >> 4] + hex[c & 15] + ")");
    return out;
  }
  std::vector<YAML::Node> nodes;
  try {
    nodes = YAML::LoadAll(file.text());
  } catch (const YAML::Exception& e) {
    size_t pos = e.mark.pos < 0 ? 0 : static_cast<size_t>(e.mark.pos);
    sink.error("E0801", on_characters(file.text(), pos, pos + 1), "YAML syntax error: " + e.msg);
    return out;
  } catch (const std::exception& e) {
    sink.error("E0801", Span{0, 1}, std::string("YAML could not be read: ") + e.what());
    return out;
  }
  Converter conv(file, sink);
  for (auto& n : nodes) {
    YamlDocument d;
    std::string ptr;
    d.spans.fallback = conv.span(n);
    d.keys.fallback = d.spans.fallback;
    conv.keys_ = &d.keys;
    try {
      if (!conv.convert(n, ptr, d.doc, d.spans, 0)) return out;
    } catch (const YAML::Exception& e) {
      sink.error("E0801", conv.span(n), "YAML could not be read: " + e.msg);
      return out;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace flowc

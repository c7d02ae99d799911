#include "backend/peak/jinja_text.h"

#include <cctype>
#include <functional>

#include "ir/verbatim.h"

namespace flowc {

namespace {

// Marked placeholders: "\x01<inner>\x02" inside a string; a whole string
// "\x03<inner>\x04" is a number or bool field's placeholder.
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';
constexpr char kRawOpen = '\x03';
constexpr char kRawClose = '\x04';

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// The end of a marked placeholder starting at s[i], or npos if s[i] is just
// a character of the user's text.
size_t marker_end(const std::string& s, size_t i) {
  char want = s[i] == kOpen ? kClose : kRawClose;
  size_t close = s.find(want, i + 1);
  if (close == std::string::npos) return close;
  std::string_view inner = std::string_view(s).substr(i + 1, close - i - 1);
  return classify_braces(inner) == JinjaExpr::Placeholder &&
                 inner.find_first_of("\x01\x02\x03\x04") == std::string_view::npos
             ? close
             : std::string::npos;
}

// The marked string as the file's text: user text escaped, placeholders as `{{ }}`.
std::string file_text(const std::string& s) {
  std::string out, text;
  size_t i = 0;
  while (i < s.size()) {
    size_t close;
    if (s[i] == kOpen && (close = marker_end(s, i)) != std::string::npos) {
      out += jinja_escape(text) + "{{" + s.substr(i + 1, close - i - 1) + "}}";
      text.clear();
      i = close + 1;
    } else {
      text += s[i++];
    }
  }
  return out + jinja_escape(text);
}

// The marked string as plain text: placeholders as the user wrote them.
std::string body_text(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t close;
    if ((s[i] == kOpen || s[i] == kRawOpen) && (close = marker_end(s, i)) != std::string::npos) {
      out += "{{" + s.substr(i + 1, close - i - 1) + "}}";
      i = close + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

bool is_raw(const std::string& s) { return s.size() >= 2 && s.front() == kRawOpen && marker_end(s, 0) == s.size() - 1; }

Document map_tree(const Document& d, const std::function<Document(const std::string&)>& value,
                  const std::function<std::string(const std::string&)>& key) {
  if (d.is_string()) return value(d.get<std::string>());
  if (d.is_array()) {
    Document a = Document::array();
    for (auto& x : d) a.push_back(map_tree(x, value, key));
    return a;
  }
  if (d.is_object()) {
    Document o = Document::object();
    for (auto& [k, v] : d.items()) o[key(k)] = map_tree(v, value, key);
    return o;
  }
  return d;
}

}  // namespace

JinjaExpr classify_braces(std::string_view inner) {
  std::string t = trim(inner);
  static const char* argo_prefixes[] = {"inputs.", "outputs.", "tasks.", "steps.", "workflow.", "pod.", "node.",
                                        "item.", "lastRetry.", "=", "cronworkflow."};
  for (const char* p : argo_prefixes)
    if (t.starts_with(p)) return JinjaExpr::Argo;
  if (t == "item" || t == "retries") return JinjaExpr::Argo;
  if (is_identifier(t)) return JinjaExpr::Placeholder;
  return JinjaExpr::Other;
}

void add_text(Pieces& out, std::string_view s) {
  if (s.empty()) return;
  if (!out.empty() && out.back().kind == Piece::Text) out.back().text += s;
  else out.push_back({Piece::Text, std::string(s)});
}

bool has_env(const Pieces& p) {
  for (auto& x : p)
    if (x.kind == Piece::Env) return true;
  return false;
}

std::string marked_placeholder(std::string_view inner) { return kOpen + std::string(inner) + kClose; }
std::string marked_raw_placeholder(std::string_view inner) { return kRawOpen + std::string(inner) + kRawClose; }

std::string marked_text(const Pieces& p) {
  std::string out;
  for (auto& x : p) {
    if (x.kind == Piece::Text) out += x.text;
    else if (x.kind == Piece::Placeholder) out += marked_placeholder(x.text);
  }
  return out;
}

bool placeholder_only(const std::string& s) {
  if (!s.starts_with("{{") || !s.ends_with("}}") || s.size() < 5) return false;
  std::string_view inner = std::string_view(s).substr(2, s.size() - 4);
  return inner.find("{{") == std::string_view::npos && classify_braces(inner) == JinjaExpr::Placeholder;
}

std::string mark_placeholders(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("{{", i);
    if (open == std::string::npos) break;
    size_t close = s.find("}}", open + 2);
    if (close == std::string::npos) break;
    std::string_view inner = std::string_view(s).substr(open + 2, close - open - 2);
    out += s.substr(i, open - i);
    if (inner.find("{{") == std::string_view::npos && classify_braces(inner) == JinjaExpr::Placeholder)
      out += marked_placeholder(inner);
    else
      out += s.substr(open, close + 2 - open);
    i = close + 2;
  }
  out += s.substr(i);
  return out;
}

std::string jinja_escape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '%' || text[i + 1] == '#')) {
      out += "{% raw %}";
      out += text.substr(i, 2);
      out += "{% endraw %}";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

Document finish_file(const Document& marked) {
  return map_tree(
      marked,
      [](const std::string& s) -> Document {
        if (is_raw(s)) return verbatim("{{" + s.substr(1, s.size() - 2) + "}}");
        return file_text(s);
      },
      file_text);
}

Document finish_body(const Document& marked) {
  return map_tree(
      marked, [](const std::string& s) -> Document { return body_text(s); }, body_text);
}

}  // namespace flowc

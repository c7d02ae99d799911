#include "run/expression/sprig_strings.h"

#include <functional>
#include <map>
#include <stdexcept>

#include "run/expression/expr.h"
#include "run/expression/sprig_args.h"

namespace flowc::run {

namespace {

using json = nlohmann::json;
using Args = std::vector<json>;

using sprig_args::arity;
using sprig_args::fail;
using sprig_args::text;

// A Go `int` parameter: expr passes its integers; a float is refused as
// expr refuses it.
int64_t integer(const std::string& name, const json& v) {
  if (!v.is_number_integer()) fail(name, "needs an int, got " + v.dump().substr(0, 60));
  return v.get<int64_t>();
}

// defaults.go empty: nil, "", an empty list or map, false, 0.
bool empty(const json& g) {
  return g.is_null() || (g.is_string() && g.get_ref<const std::string&>().empty()) ||
         ((g.is_array() || g.is_object()) && g.empty()) || (g.is_number() && g.get<double>() == 0) ||
         (g.is_boolean() && !g.get<bool>());
}

// The words of a variadic string function (squote, cat): nil left out,
// anything else as fmt %v.
std::string joined(const Args& a, const std::string& quote) {
  std::string out;
  bool first = true;
  for (const json& v : a) {
    if (v.is_null()) continue;
    out += (first ? "" : " ") + quote + go_value_text(v) + quote;
    first = false;
  }
  return out;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// path.Clean (Go's lexical rules: one slash, no ".", ".." resolved).
std::string clean(const std::string& p) {
  if (p.empty()) return ".";
  bool rooted = p[0] == '/';
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string part = p.substr(i, j - i);
    i = j + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") parts.pop_back();
      else if (!rooted) parts.push_back("..");
      continue;
    }
    parts.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t k = 0; k < parts.size(); ++k) out += (k ? "/" : "") + parts[k];
  return out.empty() ? "." : out;
}

std::string base(std::string p) {
  if (p.empty()) return ".";
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p == "/") return "/";
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string dir(const std::string& p) {
  size_t slash = p.rfind('/');
  return clean(slash == std::string::npos ? "" : p.substr(0, slash + 1));
}

std::string ext(const std::string& p) {
  for (size_t i = p.size(); i-- > 0 && p[i] != '/';)
    if (p[i] == '.') return p.substr(i);
  return "";
}

using Fn = std::function<json(const std::string&, const Args&)>;

const std::map<std::string, Fn>& table() {
  static const std::map<std::string, Fn> t = {
      {"squote", [](auto&, auto& a) -> json { return joined(a, "'"); }},
      {"cat", [](auto&, auto& a) -> json { return joined(a, ""); }},
      {"nospace", [](auto& n, auto& a) -> json {  // goutils DeleteWhiteSpace
         arity(n, a, 1);
         std::string out;
         for (char c : text(n, a[0]))
           if (!is_space(static_cast<unsigned char>(c))) out += c;
         return out;
       }},
      {"repeat", [](auto& n, auto& a) -> json {  // repeat COUNT STR
         arity(n, a, 2);
         int64_t count = integer(n, a[0]);
         if (count < 0) fail(n, "strings: negative Repeat count");
         const std::string& s = text(n, a[1]);
         if (s.size() * static_cast<size_t>(count) > (1u << 20)) fail(n, "the result would exceed 1 MiB");
         std::string out;
         for (int64_t i = 0; i < count; ++i) out += s;
         return out;
       }},
      {"trimAll", [](auto& n, auto& a) -> json {  // trimAll CUTSET STR: strings.Trim(STR, CUTSET)
         arity(n, a, 2);
         const std::string &cut = text(n, a[0]), &s = text(n, a[1]);
         size_t b = s.find_first_not_of(cut), e = s.find_last_not_of(cut);
         return b == std::string::npos ? "" : s.substr(b, e - b + 1);
       }},
      {"substr", [](auto& n, auto& a) -> json {  // strings.go substring(start, end, s), by bytes
         arity(n, a, 3);
         int64_t start = integer(n, a[0]), end = integer(n, a[1]);
         const std::string& s = text(n, a[2]);
         int64_t len = static_cast<int64_t>(s.size());
         if (start < 0) {
           if (end < 0 || end > len) fail(n, "slice bounds out of range [:" + std::to_string(end) + "]");
           return s.substr(0, static_cast<size_t>(end));
         }
         if (end < 0 || end > len) {
           if (start > len) fail(n, "slice bounds out of range [" + std::to_string(start) + ":]");
           return s.substr(static_cast<size_t>(start));
         }
         if (start > end) fail(n, "slice bounds out of range [" + std::to_string(start) + ":" + std::to_string(end) + "]");
         return s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
       }},
      {"trunc", [](auto& n, auto& a) -> json {  // strings.go trunc(c, s)
         arity(n, a, 2);
         int64_t c = integer(n, a[0]);
         const std::string& s = text(n, a[1]);
         int64_t len = static_cast<int64_t>(s.size());
         if (c < 0 && len + c > 0) return s.substr(static_cast<size_t>(len + c));
         if (c >= 0 && len > c) return s.substr(0, static_cast<size_t>(c));
         return s;
       }},
      {"splitList", [](auto& n, auto& a) -> json {  // splitList SEP STR: strings.Split(STR, SEP)
         arity(n, a, 2);
         const std::string &sep = text(n, a[0]), &s = text(n, a[1]);
         json out = json::array();
         if (sep.empty()) {  // one element per UTF-8 sequence
           for (size_t i = 0; i < s.size();) {
             unsigned char c = static_cast<unsigned char>(s[i]);
             size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
             out.push_back(s.substr(i, len));
             i += len;
           }
           return out;
         }
         size_t start = 0;
         for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
           out.push_back(s.substr(start, at - start));
         out.push_back(s.substr(start));
         return out;
       }},
      {"list", [](auto&, auto& a) -> json { return json(a); }},
      {"tuple", [](auto&, auto& a) -> json { return json(a); }},
      {"hasKey", [](auto& n, auto& a) -> json {
         arity(n, a, 2);
         if (!a[0].is_object()) fail(n, "needs a map, got " + a[0].dump().substr(0, 60));
         return a[0].contains(text(n, a[1]));
       }},
      {"empty", [](auto& n, auto& a) -> json { arity(n, a, 1); return empty(a[0]); }},
      {"coalesce", [](auto&, auto& a) -> json {
         for (const json& v : a)
           if (!empty(v)) return v;
         return nullptr;
       }},
      {"ternary", [](auto& n, auto& a) -> json {  // ternary TRUE FALSE COND
         arity(n, a, 3);
         if (!a[2].is_boolean()) fail(n, "needs a bool, got " + a[2].dump().substr(0, 60));
         return a[2].template get<bool>() ? a[0] : a[1];
       }},
      {"toRawJson", [](auto& n, auto& a) -> json {  // json.Marshal without HTML escaping
         arity(n, a, 1);
         std::string s = go_json(a[0]);
         std::string out;
         for (size_t i = 0; i < s.size(); ++i) {
           if (s.compare(i, 6, "\\u003c") == 0) out += '<', i += 5;
           else if (s.compare(i, 6, "\\u003e") == 0) out += '>', i += 5;
           else if (s.compare(i, 6, "\\u0026") == 0) out += '&', i += 5;
           else out += s[i];
         }
         return out;
       }},
      {"mustToJson", [](auto& n, auto& a) -> json { arity(n, a, 1); return go_json(a[0]); }},
      {"base", [](auto& n, auto& a) -> json { arity(n, a, 1); return base(text(n, a[0])); }},
      {"dir", [](auto& n, auto& a) -> json { arity(n, a, 1); return dir(text(n, a[0])); }},
      {"clean", [](auto& n, auto& a) -> json { arity(n, a, 1); return clean(text(n, a[0])); }},
      {"ext", [](auto& n, auto& a) -> json { arity(n, a, 1); return ext(text(n, a[0])); }},
      {"isAbs", [](auto& n, auto& a) -> json { arity(n, a, 1); return !text(n, a[0]).empty() && text(n, a[0])[0] == '/'; }},
  };
  return t;
}

}  // namespace

bool sprig_strings_known(const std::string& name) { return table().count(sprig_args::bare(name)) > 0; }

json call_sprig_strings(const std::string& name, const Args& args) { return table().at(sprig_args::bare(name))(name, args); }

}  // namespace flowc::run

#include "run/expression/expr_functions.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <cstring>
#include <map>
#include <stdexcept>

#include "run/expression/expr.h"
#include "run/expression/sprig_dates.h"
#include "run/expression/sprig_strings.h"

namespace flowc::run {

namespace {

using json = nlohmann::json;
using Args = std::vector<json>;
using Fn = std::function<json(const std::string& name, const Args&)>;

[[noreturn]] void fail(const std::string& name, const std::string& why) {
  throw std::runtime_error(name + ": " + why);
}

void arity(const std::string& name, const Args& a, size_t lo, size_t hi) {
  if (a.size() < lo || a.size() > hi)
    fail(name, "takes " + std::to_string(lo) + (hi != lo ? "-" + std::to_string(hi) : "") + " argument(s), got " +
                   std::to_string(a.size()));
}

const std::string& str(const std::string& name, const json& v) {
  if (!v.is_string()) fail(name, "needs a string, got " + v.dump().substr(0, 60));
  return v.get_ref<const std::string&>();
}

// expr-lang builtin.Int: a number truncated, a string by strconv.Atoi.
json to_int(const std::string& name, const json& v) {
  if (v.is_number_integer()) return v;
  if (v.is_number()) return static_cast<int64_t>(v.get<double>());
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t used = 0;
    try {
      int64_t n = std::stoll(s, &used, 10);
      if (used == s.size()) return n;
    } catch (...) {
    }
    fail(name, "strconv.Atoi: parsing \"" + s + "\": invalid syntax");
  }
  fail(name, "invalid operation: int(" + v.dump().substr(0, 60) + ")");
}

// expr-lang builtin.Float: a number as float64, a string by ParseFloat.
json to_float(const std::string& name, const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t used = 0;
    try {
      double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (...) {
    }
    fail(name, "strconv.ParseFloat: parsing \"" + s + "\": invalid syntax");
  }
  fail(name, "invalid operation: float(" + v.dump().substr(0, 60) + ")");
}

// sprig's toInt64 (spf13/cast.ToInt64): numbers truncated, bools 0/1,
// strings parsed (0 when they do not parse), anything else 0.
int64_t cast_int64(const json& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number()) return static_cast<int64_t>(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    size_t used = 0;
    try {
      int64_t n = std::stoll(s, &used, 0);
      if (used == s.size()) return n;
    } catch (...) {
    }
  }
  return 0;
}

double cast_float64(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
  if (v.is_string()) {
    try {
      size_t used = 0;
      const std::string& s = v.get_ref<const std::string&>();
      double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (...) {
    }
  }
  return 0;
}

// sprig's strval: a string as it is, anything else as fmt %v.
std::string strval(const json& v) { return go_value_text(v); }

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string b64enc(const std::string& s) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(s[i]) << 16) | (static_cast<unsigned char>(s[i + 1]) << 8) |
                 static_cast<unsigned char>(s[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kB64[(n >> k) & 63];
  }
  if (i < s.size()) {
    unsigned n = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) n |= static_cast<unsigned char>(s[i + 1]) << 8;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += i + 1 < s.size() ? kB64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// base64.StdEncoding.DecodeString; false on a malformed input.
bool b64dec(const std::string& s, std::string& out) {
  if (s.size() % 4) return false;
  unsigned n = 0;
  int bits = 0;
  size_t pad = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '=') {
      if (i + 2 < s.size()) return false;
      ++pad;
      continue;
    }
    if (pad) return false;
    const char* p = std::strchr(kB64, c);
    if (!p || !c) return false;
    n = (n << 6) | static_cast<unsigned>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((n >> bits) & 0xff);
    }
  }
  return true;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

std::string trim_chars(const std::string& s, const std::string& cut) {
  size_t b = s.find_first_not_of(cut), e = s.find_last_not_of(cut);
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool less(const json& a, const json& b, const std::string& name) {
  if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
  if (a.is_string() && b.is_string()) return a.get<std::string>() < b.get<std::string>();
  fail(name, "cannot compare " + a.dump().substr(0, 40) + " and " + b.dump().substr(0, 40));
}

// expr-lang max/min: over the arguments, or over one list argument.
json extreme(const std::string& name, const Args& a, bool want_max) {
  Args items = a.size() == 1 && a[0].is_array() ? Args(a[0].begin(), a[0].end()) : a;
  if (items.empty()) fail(name, "not enough arguments");
  json best = items[0];
  for (const json& x : items) {
    if (!x.is_number()) fail(name, "needs numbers, got " + x.dump().substr(0, 40));
    if (want_max ? less(best, x, name) : less(x, best, name)) best = x;
  }
  return best;
}

size_t rune_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Go's json.Unmarshal into `any` reads every number as float64, so
// jsonpath's and fromJSON's numbers are floats (printed 43, 35.8, 1e+06).
void numbers_as_floats(json& v) {
  if (v.is_number_integer()) v = v.get<double>();
  else if (v.is_structured())
    for (json& x : v) numbers_as_floats(x);
}

json go_json_value(const std::string& name, const std::string& text) {
  json v;
  try {
    v = json::parse(text);
  } catch (...) {
    fail(name, "not JSON: " + text.substr(0, 60));
  }
  numbers_as_floats(v);
  return v;
}

std::string indent_json(const json& v) {  // json.MarshalIndent(v, "", "  ")
  std::string text = v.dump(2), out;
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

std::string go_type(const json& v) {  // expr-lang builtin type()
  switch (v.type()) {
    case json::value_t::null: return "nil";
    case json::value_t::boolean: return "bool";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "int";
    case json::value_t::number_float: return "float";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    default: return "map";
  }
}

const std::map<std::string, Fn>& table() {
  static const std::map<std::string, Fn> t = {
      // expr-lang builtins (builtin/builtin.go)
      {"len", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         if (a[0].is_string()) return rune_count(a[0].template get<std::string>());
         if (a[0].is_array() || a[0].is_object()) return a[0].size();
         fail(n, "invalid argument for len (type " + go_type(a[0]) + ")");
       }},
      {"abs", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         if (a[0].is_number_integer()) return std::llabs(a[0].template get<int64_t>());
         if (a[0].is_number()) return std::fabs(a[0].template get<double>());
         fail(n, "invalid argument");
       }},
      {"ceil", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return std::ceil(to_float(n, a[0]).template get<double>()); }},
      {"floor", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return std::floor(to_float(n, a[0]).template get<double>()); }},
      {"round", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return std::round(to_float(n, a[0]).template get<double>()); }},
      {"int", [](auto& n, auto& a) { arity(n, a, 1, 1); return to_int(n, a[0]); }},
      {"float", [](auto& n, auto& a) { arity(n, a, 1, 1); return to_float(n, a[0]); }},
      {"string", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return go_value_text(a[0]); }},
      {"type", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return go_type(a[0]); }},
      {"trim", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 2);
         return trim_chars(str(n, a[0]), a.size() == 2 ? str(n, a[1]) : std::string(" \t\n\r\v\f"));
       }},
      {"trimPrefix", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         const std::string &s = str(n, a[0]), &p = str(n, a[1]);
         return s.rfind(p, 0) == 0 ? s.substr(p.size()) : s;
       }},
      {"trimSuffix", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         const std::string &s = str(n, a[0]), &p = str(n, a[1]);
         return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0 ? s.substr(0, s.size() - p.size()) : s;
       }},
      {"upper", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         std::string s = str(n, a[0]);
         for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
         return s;
       }},
      {"lower", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         std::string s = str(n, a[0]);
         for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
         return s;
       }},
      {"split", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         const std::string &s = str(n, a[0]), &sep = str(n, a[1]);
         json out = json::array();
         if (sep.empty()) fail(n, "an empty separator is not supported by flowc run");
         size_t start = 0;
         for (size_t p; (p = s.find(sep, start)) != std::string::npos; start = p + sep.size()) out.push_back(s.substr(start, p - start));
         out.push_back(s.substr(start));
         return out;
       }},
      {"join", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 2);
         if (!a[0].is_array()) fail(n, "needs a list");
         std::string sep = a.size() == 2 ? str(n, a[1]) : "", out;
         for (size_t i = 0; i < a[0].size(); ++i) out += (i ? sep : "") + str(n, a[0][i]);
         return out;
       }},
      {"replace", [](auto& n, auto& a) -> json { arity(n, a, 3, 3); return replace_all(str(n, a[0]), str(n, a[1]), str(n, a[2])); }},
      {"repeat", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         std::string out;
         for (int64_t i = 0; i < cast_int64(a[1]); ++i) out += str(n, a[0]);
         return out;
       }},
      {"indexOf", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         size_t p = str(n, a[0]).find(str(n, a[1]));
         return p == std::string::npos ? -1 : static_cast<int64_t>(p);
       }},
      {"hasPrefix", [](auto& n, auto& a) -> json { arity(n, a, 2, 2); return str(n, a[0]).rfind(str(n, a[1]), 0) == 0; }},
      {"hasSuffix", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         const std::string &s = str(n, a[0]), &p = str(n, a[1]);
         return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
       }},
      {"max", [](auto& n, auto& a) { return extreme(n, a, true); }},
      {"min", [](auto& n, auto& a) { return extreme(n, a, false); }},
      {"sum", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         if (!a[0].is_array()) fail(n, "needs a list");
         json total = 0;
         for (const json& x : a[0]) {
           if (!x.is_number()) fail(n, "needs numbers");
           total = total.is_number_integer() && x.is_number_integer() ? json(total.template get<int64_t>() + x.template get<int64_t>())
                                                                      : json(total.template get<double>() + x.template get<double>());
         }
         return total;
       }},
      {"keys", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         if (!a[0].is_object()) fail(n, "needs a map");
         json out = json::array();
         for (auto it = a[0].begin(); it != a[0].end(); ++it) out.push_back(it.key());
         return out;
       }},
      {"values", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         if (!a[0].is_object()) fail(n, "needs a map");
         json out = json::array();
         for (const json& v : a[0]) out.push_back(v);
         return out;
       }},
      {"first", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return a[0].is_array() && !a[0].empty() ? a[0].front() : json(); }},
      {"last", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return a[0].is_array() && !a[0].empty() ? a[0].back() : json(); }},
      {"reverse", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         if (!a[0].is_array()) fail(n, "needs a list");
         json out = a[0];
         std::reverse(out.begin(), out.end());
         return out;
       }},
      {"get", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         if (a[0].is_object() && a[1].is_string()) return a[0].value(a[1].template get<std::string>(), json());
         if (a[0].is_array() && a[1].is_number_integer()) {
           int64_t i = a[1].template get<int64_t>(), size = static_cast<int64_t>(a[0].size());
           if (i < 0) i += size;
           return i >= 0 && i < size ? a[0][static_cast<size_t>(i)] : json();
         }
         return json();
       }},
      {"toJSON", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return indent_json(a[0]); }},
      {"fromJSON", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return go_json_value(n, str(n, a[0])); }},
      {"toBase64", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return b64enc(str(n, a[0])); }},
      {"fromBase64", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 1);
         std::string out;
         if (!b64dec(str(n, a[0]), out)) fail(n, "illegal base64 data");
         return out;
       }},
      // Argo's own (util/expr/env/env.go GetFuncMap)
      {"asInt", [](auto& n, auto& a) { arity(n, a, 1, 1); return to_int(n, a[0]); }},
      {"asFloat", [](auto& n, auto& a) { arity(n, a, 1, 1); return to_float(n, a[0]); }},
      {"toJson", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return go_json(a[0]); }},
      // sprig (Masterminds/sprig v3 functions.go genericMap), as sprig.NAME
      {"sprig.add", [](auto&, auto& a) -> json {
         int64_t s = 0;
         for (const json& x : a) s += cast_int64(x);
         return s;
       }},
      {"sprig.add1", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return cast_int64(a[0]) + 1; }},
      {"sprig.sub", [](auto& n, auto& a) -> json { arity(n, a, 2, 2); return cast_int64(a[0]) - cast_int64(a[1]); }},
      {"sprig.mul", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 64);
         int64_t p = cast_int64(a[0]);
         for (size_t i = 1; i < a.size(); ++i) p *= cast_int64(a[i]);
         return p;
       }},
      {"sprig.div", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         if (cast_int64(a[1]) == 0) fail(n, "integer divide by zero");
         return cast_int64(a[0]) / cast_int64(a[1]);
       }},
      {"sprig.mod", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         if (cast_int64(a[1]) == 0) fail(n, "integer divide by zero");
         return cast_int64(a[0]) % cast_int64(a[1]);
       }},
      {"sprig.max", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 64);
         int64_t m = cast_int64(a[0]);
         for (const json& x : a) m = std::max(m, cast_int64(x));
         return m;
       }},
      {"sprig.min", [](auto& n, auto& a) -> json {
         arity(n, a, 1, 64);
         int64_t m = cast_int64(a[0]);
         for (const json& x : a) m = std::min(m, cast_int64(x));
         return m;
       }},
      {"sprig.int", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return cast_int64(a[0]); }},
      {"sprig.int64", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return cast_int64(a[0]); }},
      {"sprig.float64", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return cast_float64(a[0]); }},
      {"sprig.atoi", [](auto& n, auto& a) -> json {  // strconv.Atoi, 0 on an error
         arity(n, a, 1, 1);
         try {
           size_t used = 0;
           const std::string& s = str(n, a[0]);
           int64_t v = std::stoll(s, &used, 10);
           return used == s.size() ? v : 0;
         } catch (const std::invalid_argument&) {
           return 0;
         } catch (const std::out_of_range&) {
           return 0;
         }
       }},
      {"sprig.toString", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return strval(a[0]); }},
      {"sprig.toJson", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return go_json(a[0]); }},
      {"sprig.fromJson", [](auto& n, auto& a) -> json {  // sprig: an empty map when it does not parse
         arity(n, a, 1, 1);
         try {
           return json::parse(str(n, a[0]));
         } catch (const json::exception&) {
           return json::object();
         }
       }},
      {"sprig.b64enc", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return b64enc(strval(a[0])); }},
      {"sprig.b64dec", [](auto& n, auto& a) -> json {  // sprig returns the error's text on a bad input
         arity(n, a, 1, 1);
         std::string out;
         if (!b64dec(strval(a[0]), out)) return "illegal base64 data at input byte 0";
         return out;
       }},
      {"sprig.upper", [](auto& n, auto& a) { return table().at("upper")(n, a); }},
      {"sprig.lower", [](auto& n, auto& a) { return table().at("lower")(n, a); }},
      {"sprig.trim", [](auto& n, auto& a) -> json { arity(n, a, 1, 1); return trim_chars(str(n, a[0]), " \t\n\r\v\f"); }},
      // sprig puts the subject last (for template pipelines): trimSuffix SUFFIX S
      {"sprig.trimSuffix", [](auto& n, auto& a) { arity(n, a, 2, 2); return table().at("trimSuffix")(n, Args{a[1], a[0]}); }},
      {"sprig.trimPrefix", [](auto& n, auto& a) { arity(n, a, 2, 2); return table().at("trimPrefix")(n, Args{a[1], a[0]}); }},
      {"sprig.hasPrefix", [](auto& n, auto& a) { arity(n, a, 2, 2); return table().at("hasPrefix")(n, Args{a[1], a[0]}); }},
      {"sprig.hasSuffix", [](auto& n, auto& a) { arity(n, a, 2, 2); return table().at("hasSuffix")(n, Args{a[1], a[0]}); }},
      {"sprig.contains", [](auto& n, auto& a) -> json {
         arity(n, a, 2, 2);
         return str(n, a[1]).find(str(n, a[0])) != std::string::npos;
       }},
      {"sprig.replace", [](auto& n, auto& a) -> json { arity(n, a, 3, 3); return replace_all(str(n, a[2]), str(n, a[0]), str(n, a[1])); }},
      {"sprig.quote", [](auto&, auto& a) -> json {
         std::string out;
         for (size_t i = 0; i < a.size(); ++i)
           if (!a[i].is_null()) out += (out.empty() ? "" : " ") + go_quote(strval(a[i]));
         return out;
       }},
      {"sprig.default", [](auto& n, auto& a) -> json {  // default DEFAULT GIVEN: GIVEN unless it is empty
         arity(n, a, 1, 2);
         if (a.size() == 1) return a[0];
         const json& g = a[1];
         bool empty = g.is_null() || (g.is_string() && g.template get<std::string>().empty()) ||
                      ((g.is_array() || g.is_object()) && g.empty()) || (g.is_number() && g.template get<double>() == 0) ||
                      (g.is_boolean() && !g.template get<bool>());
         return empty ? a[0] : g;
       }},
  };
  return t;
}

}  // namespace

bool expr_function_known(const std::string& name) {
  return name == "jsonpath" || table().count(name) > 0 || sprig_date_known(name) || sprig_strings_known(name);
}

json call_expr_function(const std::string& name, const Args& args, const JsonpathFilter& jsonpath_filter) {
  if (name == "jsonpath") {  // env.go jsonPath(jsonStr string, path string)
    arity(name, args, 2, 2);
    json doc = go_json_value(name, str(name, args[0]));
    return jsonpath_query(doc, str(name, args[1]), jsonpath_filter);
  }
  if (sprig_date_known(name)) return call_sprig_date(name, args);
  if (sprig_strings_known(name)) return call_sprig_strings(name, args);
  auto it = table().find(name);
  if (it == table().end()) fail(name, "unknown function (not in expr-lang's builtins, Argo's functions or the sprig functions flowc run knows)");
  return it->second(name, args);
}

}  // namespace flowc::run

// How Go prints the values an expression gives: fmt's %v (what Argo
// writes for a {{=...}} tag and an expression parameter) and
// encoding/json's Marshal (toJson, aggregated loop outputs). Numbers need
// care: Go's JSON numbers are float64, printed shortest (%v: exponent form
// from 1e+06 on, strconv 'g' with shortest precision; JSON: exponent form
// below 1e-6 and from 1e21 on).
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "run/expression/expr.h"
#include "run/expression/go_time.h"

namespace flowc::run {

namespace {

using json = nlohmann::json;

// The shortest decimal digits that read back as `d`, and the decimal
// exponent of the first digit (d = 0.DIGITS x 10^(exp+1)).
void shortest(double d, std::string& digits, int& exp) {
  char buf[64];
  for (int p = 0; p < 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  size_t e = s.find('e');
  exp = std::atoi(s.c_str() + e + 1);
  digits.clear();
  for (size_t i = 0; i < e; ++i)
    if (std::isdigit(static_cast<unsigned char>(s[i]))) digits += s[i];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

std::string fixed(const std::string& digits, int exp) {
  std::string out;
  if (exp < 0) {
    out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<int>(digits.size()) <= exp + 1) {
    out = digits + std::string(static_cast<size_t>(exp + 1 - static_cast<int>(digits.size())), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(exp + 1)) + "." + digits.substr(static_cast<size_t>(exp + 1));
  }
  return out;
}

std::string exponent(const std::string& digits, int exp, int min_exp_digits) {
  std::string out = digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  std::string e = std::to_string(std::abs(exp));
  while (static_cast<int>(e.size()) < min_exp_digits) e = "0" + e;
  return out + (exp < 0 ? "e-" : "e+") + e;
}

std::string go_float(double d, bool for_json) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  if (d == 0) return std::signbit(d) && !for_json ? "-0" : "0";
  std::string sign = d < 0 ? "-" : "";
  std::string digits;
  int exp = 0;
  shortest(std::fabs(d), digits, exp);
  double a = std::fabs(d);
  if (for_json)  // encoding/json floatEncoder: 'e' below 1e-6 and from 1e21
    return sign + ((a < 1e-6 || a >= 1e21) ? exponent(digits, exp, 1) : fixed(digits, exp));
  // fmt's %v is strconv.FormatFloat(f, 'g', -1, 64): with the shortest
  // precision the exponent form is used when exp < -4 || exp >= 6
  // (strconv/ftoa.go, "if shortest { eprec = 6 }"): 1e+06, 123456.
  const int eprec = 6;
  return sign + ((exp < -4 || exp >= eprec) ? exponent(digits, exp, 2) : fixed(digits, exp));
}

void go_json_into(const json& v, std::string& out) {
  if (auto t = go_time_of(v)) {  // time.Time.MarshalJSON: RFC 3339 with nanoseconds
    out += '"' + go_time_format(*t, "2006-01-02T15:04:05.999999999Z07:00") + '"';
    return;
  }
  switch (v.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {  // nlohmann::json keeps keys sorted, as Go's map
        if (!first) out += ',';
        first = false;
        go_json_into(json(it.key()), out);
        out += ':';
        go_json_into(it.value(), out);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        go_json_into(v[i], out);
      }
      out += ']';
      return;
    }
    case json::value_t::number_float:
      out += go_float(v.get<double>(), true);
      return;
    case json::value_t::string:
      for (char c : v.dump()) {  // Go escapes <, >, & for HTML safety
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out += c;
      }
      return;
    default:
      out += v.dump();
  }
}

}  // namespace

std::string go_quote(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\a': out += "\\a"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\v': out += "\\v"; continue;
      default: break;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      continue;
    }
    // A whole UTF-8 sequence is kept (strconv.Quote keeps printable runes);
    // a control byte or a byte outside a valid sequence becomes \xNN.
    size_t len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (c >= 0xf5) len = 0;
    bool valid = len > 0 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
    if (valid) {
      out.append(s, i, len);
      i += len - 1;
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out + "\"";
}

std::string go_json(const nlohmann::json& v) {
  std::string out;
  go_json_into(v, out);
  return out;
}

std::string expr_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
  }
  return go_json(v);
}

std::string go_value_text(const nlohmann::json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "<nil>";
    case json::value_t::string:
      return v.get<std::string>();
    case json::value_t::number_float:
      return go_float(v.get<double>(), false);
    case json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? " " : "") + go_value_text(v[i]);
      return out + "]";
    }
    case json::value_t::object: {  // fmt prints a map's keys sorted
      // time.Time.String (without the monotonic clock reading "m=+..." that
      // Go adds to a time.Now() value: flowc keeps none).
      if (auto t = go_time_of(v)) return go_time_format(*t, "2006-01-02 15:04:05.999999999 -0700 MST");
      std::string out = "map[";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        out += (first ? "" : " ") + it.key() + ":" + go_value_text(it.value());
        first = false;
      }
      return out + "]";
    }
    default:
      return v.dump();
  }
}

}  // namespace flowc::run

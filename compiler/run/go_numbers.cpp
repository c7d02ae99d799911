#include "run/go_numbers.h"

#include <charconv>
#include <limits>

namespace flowc::run {

namespace {

// Go's quote() of the duration text, as its messages show it (plain ASCII
// here; other bytes are kept as they are).
std::string go_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool go_atoi(const std::string& s, int64_t& out) {
  if (s.empty()) return false;
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i == s.size()) return false;
  for (size_t k = i; k < s.size(); ++k)
    if (s[k] < '0' || s[k] > '9') return false;
  // from_chars takes '-' but not '+'.
  const char* first = s.data() + (s[0] == '+' ? 1 : 0);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  out = v;
  return true;
}

std::optional<int64_t> int_or_string(const nlohmann::json& v, std::string& error) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned()) {
    uint64_t u = v.get<uint64_t>();
    if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return static_cast<int64_t>(u);
  }
  std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  int64_t n = 0;
  if (v.is_string() && go_atoi(text, n)) return n;
  error = "value '" + text + "' cannot be resolved to an int";
  return std::nullopt;
}

// time/format.go ParseDuration, in nanoseconds with its overflow checks.
std::optional<std::chrono::nanoseconds> go_parse_duration(const std::string& text, std::string& error) {
  std::string s = text;
  uint64_t d = 0;
  bool neg = false;
  auto invalid = [&] {
    error = "time: invalid duration " + go_quote(text);
    return std::nullopt;
  };
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s = s.substr(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) return invalid();
  size_t i = 0;
  while (i < s.size()) {
    if (!(s[i] == '.' || (s[i] >= '0' && s[i] <= '9'))) return invalid();
    // The integer part.
    uint64_t v = 0;
    size_t start = i;
    bool overflow = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (v > (uint64_t(1) << 63) / 10) overflow = true;
      v = v * 10 + uint64_t(s[i] - '0');
      if (v > (uint64_t(1) << 63)) overflow = true;
    }
    if (overflow) return invalid();
    bool pre = i != start;
    // The fraction.
    uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t fs = i;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        if (f > (uint64_t(1) << 63) / 10) continue;  // Go drops digits past precision
        uint64_t y = f * 10 + uint64_t(s[i] - '0');
        if (y > (uint64_t(1) << 63)) continue;
        f = y;
        scale *= 10;
      }
      post = i != fs;
    }
    if (!pre && !post) return invalid();  // no digits (e.g. ".s")
    size_t us = i;
    while (i < s.size() && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9')) ++i;
    if (us == i) {
      error = "time: missing unit in duration " + go_quote(text);
      return std::nullopt;
    }
    std::string u = s.substr(us, i - us);
    uint64_t unit = u == "ns" ? 1 : (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") ? 1000
                    : u == "ms" ? 1000000 : u == "s" ? 1000000000ULL : u == "m" ? 60000000000ULL
                    : u == "h" ? 3600000000000ULL : 0;
    if (unit == 0) {
      error = "time: unknown unit " + go_quote(u) + " in duration " + go_quote(text);
      return std::nullopt;
    }
    if (v > (uint64_t(1) << 63) / unit) return invalid();
    v *= unit;
    if (f > 0) {
      v += uint64_t(double(f) * (double(unit) / scale));
      if (v > (uint64_t(1) << 63)) return invalid();
    }
    d += v;
    if (d > (uint64_t(1) << 63)) return invalid();
  }
  if (neg) return std::chrono::nanoseconds(d == 0 ? 0 : -static_cast<int64_t>(d - 1) - 1);
  if (d > uint64_t(std::numeric_limits<int64_t>::max())) return invalid();
  return std::chrono::nanoseconds(static_cast<int64_t>(d));
}

std::optional<std::chrono::nanoseconds> argo_duration(const std::string& text, std::string& error) {
  if (int64_t n = 0; go_atoi(text, n)) {
    // time.Duration(n) * time.Second wraps in Go; a bound instead of a wrap here.
    if (n > std::numeric_limits<int64_t>::max() / 1000000000 || n < std::numeric_limits<int64_t>::min() / 1000000000) {
      error = "unable to parse " + text + " as a duration: it overflows";
      return std::nullopt;
    }
    return std::chrono::seconds(n);
  }
  std::string go;
  if (auto d = go_parse_duration(text, go)) return d;
  error = "unable to parse " + text + " as a duration: " + go;
  return std::nullopt;
}

}  // namespace flowc::run

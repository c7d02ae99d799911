#include "run/sequence.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "run/go_numbers.h"
#include "run/variables.h"

namespace flowc::run {

namespace {

std::string digits(uint64_t v, int base, bool upper) {
  if (v == 0) return "0";
  const char* set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string s;
  for (; v; v /= static_cast<uint64_t>(base)) s.insert(s.begin(), set[v % static_cast<uint64_t>(base)]);
  return s;
}

// fmt's fmtInteger (format.go) for one verb, step by step: the digits, the
// zeros up to the precision (or, with the 0 flag and a width but no
// precision, up to the width less the sign), the base prefix, the sign, and
// then spaces up to the width.
std::string format_integer(int64_t n, char verb, bool plus, bool minus, bool sharp, bool space, bool zero, int width,
                           int precision) {
  int base = verb == 'b' ? 2 : (verb == 'o' || verb == 'O') ? 8 : (verb == 'x' || verb == 'X') ? 16 : 10;
  bool negative = n < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  auto spaces = [&](std::string text) {
    if (static_cast<int>(text.size()) >= width) return text;
    std::string pad(static_cast<size_t>(width) - text.size(), ' ');
    return minus ? text + pad : pad + text;
  };
  int prec = 0;
  if (precision >= 0) {
    prec = precision;
    if (prec == 0 && magnitude == 0) return std::string(static_cast<size_t>(std::max(width, 0)), ' ');
  } else if (zero && !minus && width > 0) {
    prec = width;
    if (negative || plus || space) --prec;
  }
  std::string body = digits(magnitude, base, verb == 'X');
  if (static_cast<int>(body.size()) < prec) body.insert(0, static_cast<size_t>(prec) - body.size(), '0');
  if (sharp) {
    if (base == 2) body = "0b" + body;
    else if (base == 8 && body[0] != '0') body = "0" + body;
    else if (base == 16) body = (verb == 'X' ? "0X" : "0x") + body;
  }
  if (verb == 'O') body = "0o" + body;
  if (negative) body = "-" + body;
  else if (plus) body = "+" + body;
  else if (space) body = " " + body;
  return spaces(body);
}

}  // namespace

constexpr int kMaxWidth = 1000;

bool go_sprintf_int(const std::string& format, int64_t n, std::string& out, std::string& error) {
  out.clear();
  bool used = false;
  for (size_t i = 0; i < format.size();) {
    if (format[i] != '%') {
      out += format[i++];
      continue;
    }
    ++i;
    bool plus = false, minus = false, sharp = false, space = false, zero = false;
    for (; i < format.size(); ++i) {
      char f = format[i];
      if (f == '+') plus = true;
      else if (f == '-') minus = true, zero = false;  // print.go: no zeros to the right
      else if (f == '#') sharp = true;
      else if (f == ' ') space = true;
      else if (f == '0') zero = !minus;
      else break;
    }
    auto number = [&](int& into) {
      into = 0;
      size_t start = i;
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])) && i - start < 6)
        into = into * 10 + (format[i++] - '0');
      return i > start;
    };
    int width = 0, precision = -1;
    number(width);
    if (i < format.size() && format[i] == '.') {
      ++i;
      number(precision);
    }
    if (width > kMaxWidth || precision > kMaxWidth) {  // each item is held in memory, up to kMaxSequenceItems
      error = "the withSequence format '" + format + "' pads to more than " + std::to_string(kMaxWidth) + " characters";
      return false;
    }
    if (i >= format.size()) {  // fmt: "%!(NOVERB)"
      out += "%!(NOVERB)";
      break;
    }
    char verb = format[i++];
    if (verb == '*' || verb == '[' || (std::isdigit(static_cast<unsigned char>(verb)))) {
      error = "the withSequence format '" + format + "' uses a '*' width or an argument index, which flowc run does not write";
      return false;
    }
    if (verb == '%') {
      out += '%';
      continue;
    }
    if (used) {
      out += std::string("%!") + verb + "(MISSING)";
      continue;
    }
    used = true;
    switch (verb) {
      case 'v':  // print.go: %+v and %#v are struct-field and Go syntax, nothing more for a signed int
        out += format_integer(n, 'd', false, minus, false, space, zero, width, precision);
        break;
      case 'd': case 'b': case 'o': case 'O': case 'x': case 'X':
        out += format_integer(n, verb, plus, minus, sharp, space, zero, width, precision);
        break;
      case 'c': case 'q': case 'U':
        error = std::string("the withSequence format '") + format + "' uses %" + verb + ", which flowc run does not write";
        return false;
      default:  // fmt badVerb
        out += std::string("%!") + verb + "(int=" + std::to_string(n) + ")";
    }
  }
  if (!used) out += "%!(EXTRA int=" + std::to_string(n) + ")";
  return true;
}

bool expand_sequence(const nlohmann::json& seq, std::vector<nlohmann::json>& items, std::string& error) {
  auto integer = [&](const char* key, int64_t& out) {
    std::string text = value_text(seq[key]);
    if (go_atoi(text, out)) return true;
    error = std::string("withSequence ") + key + " '" + text + "' is not an integer";
    return false;
  };
  int64_t start = 0, end = 0;
  if (seq.contains("start") && !integer("start", start)) return false;
  if (seq.contains("end")) {
    if (seq.contains("count")) {
      error = "withSequence: only one of count or end can be defined";
      return false;
    }
    if (!integer("end", end)) return false;
  } else if (seq.contains("count")) {
    int64_t count = 0;
    if (!integer("count", count)) return false;
    if (count == 0) return true;
    if (__builtin_add_overflow(start, count - 1, &end)) {
      error = "withSequence: start + count overflows";
      return false;
    }
  } else {
    error = "neither end nor count was specified in withSequence";
    return false;
  }
  // Compared as unsigned so that a span near the int64 limits does not overflow.
  uint64_t span = start <= end ? static_cast<uint64_t>(end) - static_cast<uint64_t>(start)
                               : static_cast<uint64_t>(start) - static_cast<uint64_t>(end);
  if (span >= static_cast<uint64_t>(kMaxSequenceItems)) {
    error = "withSequence from " + std::to_string(start) + " to " + std::to_string(end) + " expands to more than " +
            std::to_string(kMaxSequenceItems) + " items, the most flowc run expands from one loop";
    return false;
  }
  std::string format = value_text(seq.value("format", nlohmann::json("")));
  if (format.empty()) format = "%d";
  int64_t step = start <= end ? 1 : -1;
  for (int64_t i = start;; i += step) {
    std::string text;
    if (!go_sprintf_int(format, i, text, error)) return false;
    // steps.go: wfv1.ParseItem(`"` + fmt.Sprintf(format, i) + `"`).
    nlohmann::json item = nlohmann::json::parse("\"" + text + "\"", nullptr, false);
    if (item.is_discarded()) {
      error = "withSequence format '" + format + "' gives '" + text + "', which is not a valid item";
      return false;
    }
    items.push_back(std::move(item));
    if (i == end) break;
  }
  return true;
}

}  // namespace flowc::run

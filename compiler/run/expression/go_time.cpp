#include "run/expression/go_time.h"

#include <chrono>
#include <cstdlib>
#include <limits>
#include <string_view>
#include <vector>

namespace flowc::run {

namespace {

// ---- civil calendar (proleptic Gregorian, as Go's) ----------------------------

int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int month, day, hour, minute, second, weekday /*0 = Sunday*/, yday /*1-based*/;
};

bool leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int days_in(int month, int64_t year) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Civil civil_of(const GoTime& t) {
  int64_t local = t.sec + t.offset;
  int64_t days = floor_div(local, 86400);
  int64_t secs = local - days * 86400;
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Civil c{};
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  c.yday = static_cast<int>(days - days_from_civil(c.year, 1, 1) + 1);
  return c;
}

const char* const kLongMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kLongDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// ---- layout chunks (time/format.go nextStdChunk) --------------------------------

enum Std {
  kNone, kLongMonth, kMonth, kNumMonth, kZeroMonth, kLongWeekDay, kWeekDay, kDay, kUnderDay, kZeroDay,
  kUnderYearDay, kZeroYearDay, kHour, kHour12, kZeroHour12, kMinute, kZeroMinute, kSecond, kZeroSecond,
  kLongYear, kYear, kPM, kpm, kTZ, kISO8601TZ, kISO8601SecondsTZ, kISO8601ShortTZ, kISO8601ColonTZ,
  kISO8601ColonSecondsTZ, kNumTZ, kNumSecondsTz, kNumShortTZ, kNumColonTZ, kNumColonSecondsTZ, kFrac0, kFrac9
};

struct Chunk {
  std::string prefix;
  Std std = kNone;
  int frac_digits = 0;
  char frac_sep = '.';
  std::string suffix;
};

bool starts_lower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }
bool is_digit_at(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

Chunk next_chunk(std::string_view l) {
  auto at = [&](size_t i, std::string_view w) { return l.substr(i, w.size()) == w; };
  auto cut = [&](size_t i, Std s, size_t n) { return Chunk{std::string(l.substr(0, i)), s, 0, '.', std::string(l.substr(i + n))}; };
  for (size_t i = 0; i < l.size(); ++i) {
    switch (l[i]) {
      case 'J':
        if (at(i, "Jan")) {
          if (at(i, "January")) return cut(i, kLongMonth, 7);
          if (!starts_lower(l.substr(i + 3))) return cut(i, kMonth, 3);
        }
        break;
      case 'M':
        if (at(i, "Mon")) {
          if (at(i, "Monday")) return cut(i, kLongWeekDay, 6);
          if (!starts_lower(l.substr(i + 3))) return cut(i, kWeekDay, 3);
        }
        if (at(i, "MST")) return cut(i, kTZ, 3);
        break;
      case '0':
        if (i + 1 < l.size() && l[i + 1] >= '1' && l[i + 1] <= '6') {
          static const Std zero[] = {kZeroMonth, kZeroDay, kZeroHour12, kZeroMinute, kZeroSecond, kYear};
          return cut(i, zero[l[i + 1] - '1'], 2);
        }
        if (at(i, "002")) return cut(i, kZeroYearDay, 3);
        break;
      case '1':
        if (at(i, "15")) return cut(i, kHour, 2);
        return cut(i, kNumMonth, 1);
      case '2':
        if (at(i, "2006")) return cut(i, kLongYear, 4);
        return cut(i, kDay, 1);
      case '_':
        if (i + 1 < l.size() && l[i + 1] == '2') {
          if (at(i + 1, "2006")) return Chunk{std::string(l.substr(0, i + 1)), kLongYear, 0, '.', std::string(l.substr(i + 5))};
          return cut(i, kUnderDay, 2);
        }
        if (at(i, "__2")) return cut(i, kUnderYearDay, 3);
        break;
      case '3': return cut(i, kHour12, 1);
      case '4': return cut(i, kMinute, 1);
      case '5': return cut(i, kSecond, 1);
      case 'P':
        if (at(i, "PM")) return cut(i, kPM, 2);
        break;
      case 'p':
        if (at(i, "pm")) return cut(i, kpm, 2);
        break;
      case '-':
        if (at(i, "-070000")) return cut(i, kNumSecondsTz, 7);
        if (at(i, "-07:00:00")) return cut(i, kNumColonSecondsTZ, 9);
        if (at(i, "-0700")) return cut(i, kNumTZ, 5);
        if (at(i, "-07:00")) return cut(i, kNumColonTZ, 6);
        if (at(i, "-07")) return cut(i, kNumShortTZ, 3);
        break;
      case 'Z':
        if (at(i, "Z070000")) return cut(i, kISO8601SecondsTZ, 7);
        if (at(i, "Z07:00:00")) return cut(i, kISO8601ColonSecondsTZ, 9);
        if (at(i, "Z0700")) return cut(i, kISO8601TZ, 5);
        if (at(i, "Z07:00")) return cut(i, kISO8601ColonTZ, 6);
        if (at(i, "Z07")) return cut(i, kISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (i + 1 < l.size() && (l[i + 1] == '0' || l[i + 1] == '9')) {
          char ch = l[i + 1];
          size_t j = i + 1;
          while (j < l.size() && l[j] == ch) ++j;
          if (!is_digit_at(l, j)) {
            Chunk c = cut(i, ch == '0' ? kFrac0 : kFrac9, j - i);
            c.frac_digits = static_cast<int>(j - (i + 1));
            c.frac_sep = l[i];
            return c;
          }
        }
        break;
      default: break;
    }
  }
  return Chunk{std::string(l), kNone, 0, '.', ""};
}

// appendInt(b, x, width): zero-padded to width, a '-' before the digits.
void append_int(std::string& b, int64_t x, int width) {
  if (x < 0) {
    b += '-';
    x = -x;
  }
  std::string digits = std::to_string(x);
  if (static_cast<int>(digits.size()) < width) b.append(static_cast<size_t>(width) - digits.size(), '0');
  b += digits;
}

void append_nano(std::string& b, int32_t nsec, const Chunk& c) {
  bool trim = c.std == kFrac9;
  if (trim && (c.frac_digits == 0 || nsec == 0)) return;
  b += c.frac_sep;
  std::string digits;
  append_int(digits, nsec, 9);
  digits.resize(static_cast<size_t>(std::min(c.frac_digits, 9)));
  b += digits;
  if (trim) {
    while (!b.empty() && b.back() == '0') b.pop_back();
    if (!b.empty() && b.back() == c.frac_sep) b.pop_back();
  }
}

void append_zone(std::string& b, Std std, int32_t offset) {
  bool iso = std == kISO8601TZ || std == kISO8601SecondsTZ || std == kISO8601ShortTZ || std == kISO8601ColonTZ ||
             std == kISO8601ColonSecondsTZ;
  if (iso && offset == 0) {
    b += 'Z';
    return;
  }
  int zone = offset / 60;
  int absoffset = offset;
  if (zone < 0) {
    b += '-';
    zone = -zone;
    absoffset = -absoffset;
  } else {
    b += '+';
  }
  append_int(b, zone / 60, 2);
  if (std == kISO8601ColonTZ || std == kNumColonTZ || std == kISO8601ColonSecondsTZ || std == kNumColonSecondsTZ) b += ':';
  if (std != kNumShortTZ && std != kISO8601ShortTZ) append_int(b, zone % 60, 2);
  if (std == kISO8601SecondsTZ || std == kNumSecondsTz || std == kNumColonSecondsTZ || std == kISO8601ColonSecondsTZ) {
    if (std == kNumColonSecondsTZ || std == kISO8601ColonSecondsTZ) b += ':';
    append_int(b, absoffset % 60, 2);
  }
}

// ---- parsing helpers (time/format.go Parse) -----------------------------------------

bool getnum(std::string_view& s, bool fixed, int& out) {
  if (!is_digit_at(s, 0)) return false;
  if (!is_digit_at(s, 1)) {
    if (fixed) return false;
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

bool getnum3(std::string_view& s, bool fixed, int& out) {
  int n = 0, i = 0;
  for (; i < 3 && is_digit_at(s, static_cast<size_t>(i)); ++i) n = n * 10 + (s[static_cast<size_t>(i)] - '0');
  if (i == 0 || (fixed && i != 3)) return false;
  out = n;
  s.remove_prefix(static_cast<size_t>(i));
  return true;
}

std::string_view cutspace(std::string_view s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}

bool skip(std::string_view& value, std::string_view prefix) {
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value.remove_prefix(1);
  }
  return true;
}

int lookup(std::string_view& value, const char* const* names, int n, size_t len /* 0: full */) {
  for (int i = 0; i < n; ++i) {
    std::string_view name(names[i]);
    if (len) name = name.substr(0, len);
    if (value.size() < name.size()) continue;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k) {
      char a = value[k], b = name[k];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
      same = a == b;
    }
    if (same) {
      value.remove_prefix(name.size());
      return i;
    }
  }
  return -1;
}

bool parse_nanos(std::string_view value, size_t nbytes, int32_t& ns) {
  if (value.empty() || (value[0] != '.' && value[0] != ',')) return false;
  if (nbytes > 10) nbytes = 10;
  int64_t n = 0;
  for (size_t i = 1; i < nbytes; ++i) {
    if (!is_digit_at(value, i)) return false;
    n = n * 10 + (value[i] - '0');
  }
  for (size_t i = 0; i < 10 - nbytes; ++i) n *= 10;
  ns = static_cast<int32_t>(n);
  return true;
}

// The zone abbreviation parseTimeZone accepts: 3 to 5 upper-case letters
// (with a trailing T for 4 or 5), or GMT with an hour offset.
size_t zone_name_length(std::string_view v) {
  if (v.size() < 3) return 0;
  if (v.substr(0, 3) == "GMT") {
    size_t n = 3;
    if (v.size() > 3 && (v[3] == '+' || v[3] == '-')) {
      size_t j = 4;
      while (is_digit_at(v, j)) ++j;
      if (j > 4) n = j;
    }
    return n;
  }
  size_t n = 0;
  while (n < v.size() && n < 6 && v[n] >= 'A' && v[n] <= 'Z') ++n;
  if (n == 3) return 3;
  if ((n == 4 || n == 5) && v[n - 1] == 'T') return n;
  return 0;
}

}  // namespace

GoTime go_zero_time() { return GoTime{-62135596800LL, 0, 0, "UTC"}; }

GoTime go_now() {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return GoTime{floor_div(ns, 1000000000), static_cast<int32_t>(ns - floor_div(ns, 1000000000) * 1000000000), 0, "UTC"};
}

std::string go_time_format(const GoTime& t, const std::string& layout) {
  const Civil c = civil_of(t);
  std::string b;
  std::string rest = layout;
  while (!rest.empty()) {
    Chunk k = next_chunk(rest);
    b += k.prefix;
    if (k.std == kNone) break;
    rest = k.suffix;
    switch (k.std) {
      case kYear: append_int(b, c.year % 100, 2); break;
      case kLongYear: append_int(b, c.year, 4); break;
      case kMonth: b += std::string(kLongMonths[c.month - 1]).substr(0, 3); break;
      case kLongMonth: b += kLongMonths[c.month - 1]; break;
      case kNumMonth: append_int(b, c.month, 0); break;
      case kZeroMonth: append_int(b, c.month, 2); break;
      case kWeekDay: b += std::string(kLongDays[c.weekday]).substr(0, 3); break;
      case kLongWeekDay: b += kLongDays[c.weekday]; break;
      case kDay: append_int(b, c.day, 0); break;
      case kUnderDay:
        if (c.day < 10) b += ' ';
        append_int(b, c.day, 0);
        break;
      case kZeroDay: append_int(b, c.day, 2); break;
      case kUnderYearDay:
        if (c.yday < 100) {
          b += ' ';
          if (c.yday < 10) b += ' ';
        }
        append_int(b, c.yday, 0);
        break;
      case kZeroYearDay: append_int(b, c.yday, 3); break;
      case kHour: append_int(b, c.hour, 2); break;
      case kHour12: append_int(b, c.hour % 12 == 0 ? 12 : c.hour % 12, 0); break;
      case kZeroHour12: append_int(b, c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
      case kMinute: append_int(b, c.minute, 0); break;
      case kZeroMinute: append_int(b, c.minute, 2); break;
      case kSecond: append_int(b, c.second, 0); break;
      case kZeroSecond: append_int(b, c.second, 2); break;
      case kPM: b += c.hour >= 12 ? "PM" : "AM"; break;
      case kpm: b += c.hour >= 12 ? "pm" : "am"; break;
      case kTZ:
        if (!t.zone.empty()) {
          b += t.zone;
        } else {
          int zone = t.offset / 60;
          if (zone < 0) {
            b += '-';
            zone = -zone;
          } else {
            b += '+';
          }
          append_int(b, zone / 60, 2);
          append_int(b, zone % 60, 2);
        }
        break;
      case kFrac0:
      case kFrac9: append_nano(b, t.nsec, k); break;
      default: append_zone(b, k.std, t.offset); break;
    }
  }
  return b;
}

std::optional<GoTime> go_time_parse(const std::string& layout_text, const std::string& value_text, std::string& error) {
  std::string_view layout = layout_text, value = value_text;
  int64_t year = 0;
  int month = -1, day = -1, yday = -1, hour = 0, minute = 0, second = 0;
  int32_t nsec = 0;
  bool pm_set = false, am_set = false, utc = false, have_offset = false;
  int32_t zone_offset = 0;
  std::string zone_name;
  std::string layout_rest(layout), value_rest(value);
  auto bad = [&](const std::string& elem, std::string_view at, const std::string& why = "") -> std::optional<GoTime> {
    error = "parsing time " + std::string("\"") + value_text + "\" as \"" + layout_text + "\": " +
            (why.empty() ? "cannot parse \"" + std::string(at) + "\" as \"" + elem + "\"" : why);
    return std::nullopt;
  };
  std::string rest(layout);
  while (true) {
    Chunk k = next_chunk(rest);
    std::string_view before = value;
    if (!skip(value, k.prefix)) return bad(k.prefix, before);
    if (k.std == kNone) {
      if (!value.empty()) return bad("", value, "extra text: \"" + std::string(value) + "\"");
      break;
    }
    const std::string elem = rest.substr(k.prefix.size(), rest.size() - k.prefix.size() - k.suffix.size());
    rest = k.suffix;
    std::string_view hold = value;
    bool ok = true;
    int n = 0;
    switch (k.std) {
      case kYear:
        ok = value.size() >= 2 && is_digit_at(value, 0) && is_digit_at(value, 1);
        if (ok) {
          n = (value[0] - '0') * 10 + (value[1] - '0');
          year = n >= 69 ? 1900 + n : 2000 + n;
          value.remove_prefix(2);
        }
        break;
      case kLongYear:
        ok = value.size() >= 4 && is_digit_at(value, 0) && is_digit_at(value, 1) && is_digit_at(value, 2) &&
             is_digit_at(value, 3);
        if (ok) {
          year = std::atoi(std::string(value.substr(0, 4)).c_str());
          value.remove_prefix(4);
        }
        break;
      case kMonth:
        month = lookup(value, kLongMonths, 12, 3) + 1;
        ok = month > 0;
        break;
      case kLongMonth:
        month = lookup(value, kLongMonths, 12, 0) + 1;
        ok = month > 0;
        break;
      case kNumMonth:
      case kZeroMonth:
        ok = getnum(value, k.std == kZeroMonth, month) && month >= 1 && month <= 12;
        if (!ok && month > 12) return bad(elem, hold, "month out of range");
        break;
      case kWeekDay: ok = lookup(value, kLongDays, 7, 3) >= 0; break;
      case kLongWeekDay: ok = lookup(value, kLongDays, 7, 0) >= 0; break;
      case kDay:
      case kUnderDay:
      case kZeroDay:
        if (k.std == kUnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        ok = getnum(value, k.std == kZeroDay, day);
        break;
      case kUnderYearDay:
      case kZeroYearDay:
        for (int i = 0; i < 2 && k.std == kUnderYearDay && !value.empty() && value[0] == ' '; ++i) value.remove_prefix(1);
        ok = getnum3(value, k.std == kZeroYearDay, yday) && yday >= 1 && yday <= 366;
        break;
      case kHour:
        ok = getnum(value, false, hour) && hour < 24;
        break;
      case kHour12:
      case kZeroHour12:
        ok = getnum(value, k.std == kZeroHour12, hour) && hour <= 12;
        break;
      case kMinute:
      case kZeroMinute:
        ok = getnum(value, k.std == kZeroMinute, minute) && minute < 60;
        break;
      case kSecond:
      case kZeroSecond: {
        ok = getnum(value, k.std == kZeroSecond, second) && second < 60;
        // A fractional second in the value that the layout does not name.
        if (ok && value.size() >= 2 && (value[0] == '.' || value[0] == ',') && is_digit_at(value, 1)) {
          Chunk next = next_chunk(rest);
          if (next.std == kFrac0 || next.std == kFrac9) break;
          size_t j = 2;
          while (is_digit_at(value, j)) ++j;
          ok = parse_nanos(value, j, nsec);
          value.remove_prefix(j);
        }
        break;
      }
      case kPM:
      case kpm: {
        ok = value.size() >= 2;
        if (!ok) break;
        std::string p(value.substr(0, 2));
        value.remove_prefix(2);
        if (p == (k.std == kPM ? "PM" : "pm")) pm_set = true;
        else if (p == (k.std == kPM ? "AM" : "am")) am_set = true;
        else ok = false;
        break;
      }
      case kISO8601TZ: case kISO8601ShortTZ: case kISO8601ColonTZ: case kISO8601SecondsTZ: case kISO8601ColonSecondsTZ:
        if (!value.empty() && value[0] == 'Z') {
          value.remove_prefix(1);
          utc = true;
          break;
        }
        [[fallthrough]];
      case kNumTZ: case kNumShortTZ: case kNumColonTZ: case kNumSecondsTz: case kNumColonSecondsTZ: {
        bool colon = k.std == kISO8601ColonTZ || k.std == kNumColonTZ || k.std == kISO8601ColonSecondsTZ ||
                     k.std == kNumColonSecondsTZ;
        bool short_tz = k.std == kNumShortTZ || k.std == kISO8601ShortTZ;
        bool secs = k.std == kISO8601SecondsTZ || k.std == kNumSecondsTz || k.std == kISO8601ColonSecondsTZ ||
                    k.std == kNumColonSecondsTZ;
        if (value.empty() || (value[0] != '+' && value[0] != '-')) {
          ok = false;
          break;
        }
        char sign = value[0];
        value.remove_prefix(1);
        int hh = 0, mm = 0, ss = 0;
        ok = getnum(value, true, hh);
        if (ok && !short_tz) {
          if (colon) ok = !value.empty() && value[0] == ':' && (value.remove_prefix(1), true);
          ok = ok && getnum(value, true, mm);
        }
        if (ok && secs) {
          if (colon) ok = !value.empty() && value[0] == ':' && (value.remove_prefix(1), true);
          ok = ok && getnum(value, true, ss);
        }
        if (ok && (hh > 24 || mm >= 60 || ss >= 60)) return bad(elem, hold, "time zone offset out of range");
        zone_offset = (hh * 60 + mm) * 60 + ss;
        if (sign == '-') zone_offset = -zone_offset;
        have_offset = ok;
        break;
      }
      case kTZ: {
        if (value.size() >= 3 && value.substr(0, 3) == "UTC") {
          value.remove_prefix(3);
          utc = true;
          break;
        }
        size_t len = zone_name_length(value);
        ok = len > 0;
        if (ok) {
          zone_name = std::string(value.substr(0, len));
          value.remove_prefix(len);
        }
        break;
      }
      case kFrac0: {
        size_t ndigit = 1 + static_cast<size_t>(k.frac_digits);
        ok = value.size() >= ndigit && parse_nanos(value, ndigit, nsec);
        if (ok) value.remove_prefix(ndigit);
        break;
      }
      case kFrac9: {
        if (value.size() < 2 || (value[0] != '.' && value[0] != ',') || !is_digit_at(value, 1)) break;
        size_t i = 0;
        while (is_digit_at(value, i + 1)) ++i;
        ok = parse_nanos(value, 1 + i, nsec);
        value.remove_prefix(1 + i);
        break;
      }
      default: ok = false; break;
    }
    if (!ok) return bad(elem, hold);
  }
  if (pm_set && hour < 12) hour += 12;
  else if (am_set && hour == 12) hour = 0;
  if (yday >= 0) {  // the month and day of the year's day; those given must agree
    int m = 1, d = yday;
    if (d > 365 + (leap(year) ? 1 : 0)) return bad("", "", "day-of-year out of range");
    for (; m < 12 && d > days_in(m, year); ++m) d -= days_in(m, year);
    if (month >= 0 && month != m) return bad("", "", "day-of-year does not match month");
    month = m;
    if (day >= 0 && day != d) return bad("", "", "day-of-year does not match day");
    day = d;
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > days_in(month, year)) return bad("", "", "day out of range");
  GoTime t;
  t.sec = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  t.nsec = nsec;
  if (utc) return t;
  if (have_offset) {
    t.sec -= zone_offset;
    // Local is UTC: an offset of 0 is Local itself, any other a nameless fixed zone.
    if (zone_offset != 0) {
      t.offset = zone_offset;
      t.zone = "";
    }
    return t;
  }
  if (!zone_name.empty()) {
    // Not a name of Local (UTC): a fake zone with that name, offset 0
    // unless the name is GMT+N.
    t.zone = zone_name;
    if (zone_name.size() > 3 && zone_name.substr(0, 3) == "GMT") t.offset = std::atoi(zone_name.c_str() + 3) * 3600;
    return t;
  }
  return t;
}

// ---- durations (time/time.go Duration.String, ParseDuration) ------------------------

namespace {

// fmtFrac: the fraction of v/10^prec without trailing zeros, dot omitted when it is zero.
std::string frac(uint64_t& v, int prec) {
  std::string out;
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    int digit = static_cast<int>(v % 10);
    print = print || digit != 0;
    if (print) out.insert(out.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  if (print) out.insert(out.begin(), '.');
  return out;
}

}  // namespace

std::string go_duration_string(int64_t d) {
  if (d == 0) return "0s";
  bool neg = d < 0;
  uint64_t u = neg ? 0 - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  std::string out;
  if (u < 1000000000ULL) {
    std::string unit;
    int prec;
    if (u < 1000) {
      prec = 0;
      unit = "ns";
    } else if (u < 1000000) {
      prec = 3;
      unit = "\xC2\xB5s";  // µs, as Go writes it
    } else {
      prec = 6;
      unit = "ms";
    }
    std::string f = frac(u, prec);
    out = std::to_string(u) + f + unit;
  } else {
    std::string f = frac(u, 9);
    out = std::to_string(u % 60) + f + "s";
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}

bool go_parse_duration(const std::string& text, int64_t& result, std::string& error) {
  std::string_view s = text;
  error = "time: invalid duration \"" + text + "\"";
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    result = 0;
    return true;
  }
  if (s.empty()) return false;
  unsigned __int128 total = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || is_digit_at(s, 0))) return false;
    unsigned __int128 v = 0, f = 0;
    double scale = 1;
    size_t i = 0;
    bool pre = false, post = false;
    while (is_digit_at(s, i)) {
      v = v * 10 + static_cast<unsigned>(s[i] - '0');
      if (v > (static_cast<unsigned __int128>(1) << 63)) return false;
      ++i;
      pre = true;
    }
    s.remove_prefix(i);
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      i = 0;
      while (is_digit_at(s, i)) {
        if (scale < 1e18) {
          f = f * 10 + static_cast<unsigned>(s[i] - '0');
          scale *= 10;
        }
        ++i;
        post = true;
      }
      s.remove_prefix(i);
    }
    if (!pre && !post) return false;
    i = 0;
    while (i < s.size() && s[i] != '.' && !is_digit_at(s, i)) ++i;
    if (i == 0) {
      error = "time: missing unit in duration \"" + text + "\"";
      return false;
    }
    std::string_view u = s.substr(0, i);
    s.remove_prefix(i);
    uint64_t unit;
    if (u == "ns") unit = 1;
    else if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") unit = 1000;
    else if (u == "ms") unit = 1000000;
    else if (u == "s") unit = 1000000000ULL;
    else if (u == "m") unit = 60000000000ULL;
    else if (u == "h") unit = 3600000000000ULL;
    else {
      error = "time: unknown unit \"" + std::string(u) + "\" in duration \"" + text + "\"";
      return false;
    }
    unsigned __int128 part = v * unit;
    if (f > 0) part += static_cast<unsigned __int128>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
    total += part;
    if (total > (static_cast<unsigned __int128>(1) << 63) - (neg ? 0 : 1)) return false;
  }
  result = neg ? -static_cast<int64_t>(static_cast<uint64_t>(total)) : static_cast<int64_t>(total);
  return true;
}

// ---- as an expression value ------------------------------------------------------------

nlohmann::json go_time_value(const GoTime& t) {
  return {{"$goTime", {{"sec", t.sec}, {"nsec", t.nsec}, {"offset", t.offset}, {"zone", t.zone}}}};
}

std::optional<GoTime> go_time_of(const nlohmann::json& v) {
  if (!v.is_object() || v.size() != 1 || !v.contains("$goTime")) return std::nullopt;
  const auto& t = v["$goTime"];
  return GoTime{t.at("sec").get<int64_t>(), t.at("nsec").get<int32_t>(), t.at("offset").get<int32_t>(),
                t.at("zone").get<std::string>()};
}

}  // namespace flowc::run

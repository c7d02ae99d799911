#include "run/expression/sprig_dates.h"

#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>

#include "run/expression/go_time.h"
#include "run/expression/sprig_args.h"

namespace flowc::run {

namespace {

using json = nlohmann::json;
using Args = std::vector<json>;

using sprig_args::arity;
using sprig_args::fail;
using sprig_args::text;

// A parameter of Go type time.Time: expr refuses anything else.
GoTime time_arg(const std::string& name, const json& v) {
  if (auto t = go_time_of(v)) return *t;
  fail(name, "needs a time (from sprig.now or sprig.toDate), got " + v.dump().substr(0, 60));
}

// date.go dateInZone / dateAgo: a time, or an integer as Unix seconds;
// anything else (a string, a float64) is time.Now(), as sprig's default case.
GoTime date_arg(const json& v) {
  if (auto t = go_time_of(v)) return *t;
  if (v.is_number_integer()) return GoTime{v.get<int64_t>(), 0, 0, "UTC"};
  return go_now();
}

// time.LoadLocation: "", "UTC" and "Local" are UTC here. A zone that does
// not exist falls back to UTC in sprig (dateInZone). A real IANA zone needs
// its rules, which flowc does not read: refused rather than shown in UTC.
GoTime in_zone(const std::string& name, GoTime t, const std::string& zone) {
  t.offset = 0;
  t.zone = "UTC";
  if (zone.empty() || zone == "UTC" || zone == "Local") return t;
  std::error_code ec;
  bool exists = zone.find("..") == std::string::npos && zone[0] != '/' &&
                std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone, ec);
  if (exists)
    fail(name, "the time zone \"" + zone + "\" is not supported by flowc run (it knows UTC and Local, which is UTC)");
  return t;  // sprig: an unknown zone is UTC
}

int64_t since_ns(const GoTime& t) {
  GoTime now = go_now();
  return (now.sec - t.sec) * 1000000000LL + (now.nsec - t.nsec);
}

// Duration.Round(time.Second), halves away from zero.
int64_t round_to_second(int64_t d) {
  const int64_t s = 1000000000LL;
  int64_t r = d % s;
  if (d < 0) {
    r = -r;
    return r + r < s ? d + r : d + r - s;
  }
  return r + r < s ? d - r : d + s - r;
}

// sprig's duration and durationRound take an int64 but not Go's int (what
// an expr integer literal is): an int there is 0. flowc cannot tell the
// two apart, so an integer is refused rather than guessed.
[[noreturn]] void int_ambiguous(const std::string& name) {
  fail(name, "an integer argument is int64 (a count) or int (0 to sprig) in Argo, and flowc cannot tell which: "
             "pass the value as a string");
}

std::string duration_round(int64_t d) {
  uint64_t u = d < 0 ? 0 - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  const uint64_t second = 1000000000ULL, minute = 60 * second, hour = 60 * minute, day = 24 * hour,
                 month = 30 * day, year = 365 * day;
  if (u > year) return std::to_string(u / year) + "y";
  if (u > month) return std::to_string(u / month) + "m";
  if (u > day) return std::to_string(u / day) + "d";
  if (u > hour) return std::to_string(u / hour) + "h";
  if (u > minute) return std::to_string(u / minute) + "m";
  if (u > second) return std::to_string(u / second) + "s";
  return "0s";
}

using Fn = std::function<json(const std::string&, const Args&)>;

json date_in_zone(const std::string& n, const std::string& layout, const json& date, const std::string& zone) {
  return go_time_format(in_zone(n, date_arg(date), zone), layout);
}

json date_modify(const std::string& n, const Args& a, bool must) {
  arity(n, a, 2);
  GoTime t = time_arg(n, a[1]);
  int64_t d = 0;
  std::string error;
  if (!go_parse_duration(text(n, a[0]), d, error)) {
    if (must) fail(n, error);
    return go_time_value(t);
  }
  int64_t total = t.nsec + d % 1000000000LL;
  t.sec += d / 1000000000LL + (total >= 1000000000LL) - (total < 0);
  t.nsec = static_cast<int32_t>((total % 1000000000LL + 1000000000LL) % 1000000000LL);
  return go_time_value(t);
}

json to_date(const std::string& n, const Args& a, bool must) {
  arity(n, a, 2);
  std::string error;
  auto t = go_time_parse(text(n, a[0]), text(n, a[1]), error);
  if (!t) {
    if (must) fail(n, error);
    return go_time_value(go_zero_time());  // toDate ignores the error: the zero time
  }
  return go_time_value(*t);
}

const std::map<std::string, Fn>& table() {
  static const std::map<std::string, Fn> t = {
      {"now", [](auto& n, auto& a) { arity(n, a, 0); return go_time_value(go_now()); }},
      {"date", [](auto& n, auto& a) { arity(n, a, 2); return date_in_zone(n, text(n, a[0]), a[1], "Local"); }},
      {"dateInZone", [](auto& n, auto& a) { arity(n, a, 3); return date_in_zone(n, text(n, a[0]), a[1], text(n, a[2])); }},
      {"date_in_zone", [](auto& n, auto& a) { arity(n, a, 3); return date_in_zone(n, text(n, a[0]), a[1], text(n, a[2])); }},
      {"htmlDate", [](auto& n, auto& a) { arity(n, a, 1); return date_in_zone(n, "2006-01-02", a[0], "Local"); }},
      {"htmlDateInZone", [](auto& n, auto& a) { arity(n, a, 2); return date_in_zone(n, "2006-01-02", a[0], text(n, a[1])); }},
      {"dateModify", [](auto& n, auto& a) { return date_modify(n, a, false); }},
      {"date_modify", [](auto& n, auto& a) { return date_modify(n, a, false); }},
      {"mustDateModify", [](auto& n, auto& a) { return date_modify(n, a, true); }},
      {"must_date_modify", [](auto& n, auto& a) { return date_modify(n, a, true); }},
      {"toDate", [](auto& n, auto& a) { return to_date(n, a, false); }},
      {"mustToDate", [](auto& n, auto& a) { return to_date(n, a, true); }},
      {"unixEpoch", [](auto& n, auto& a) -> json { arity(n, a, 1); return std::to_string(time_arg(n, a[0]).sec); }},
      {"ago", [](auto& n, auto& a) -> json {  // dateAgo: time.Since(t).Round(time.Second).String()
         arity(n, a, 1);
         return go_duration_string(round_to_second(since_ns(date_arg(a[0]))));
       }},
      {"duration", [](auto& n, auto& a) -> json {  // seconds (a string or an int64) as a Duration's text
         arity(n, a, 1);
         int64_t secs = 0;
         if (a[0].is_number_integer()) int_ambiguous(n);
         if (a[0].is_string()) {  // strconv.ParseInt, 0 on an error
           const std::string& s = a[0].template get_ref<const std::string&>();
           try {
             size_t used = 0;
             secs = std::stoll(s, &used, 10);
             if (used != s.size()) secs = 0;
           } catch (...) {
             secs = 0;
           }
         }
         return go_duration_string(secs * 1000000000LL);
       }},
      {"durationRound", [](auto& n, auto& a) -> json {
         arity(n, a, 1);
         int64_t d = 0;
         std::string error;
         if (a[0].is_number_integer()) int_ambiguous(n);
         if (a[0].is_string() && !go_parse_duration(a[0].template get<std::string>(), d, error)) d = 0;
         if (auto t = go_time_of(a[0])) d = since_ns(*t);
         return duration_round(d);
       }},
  };
  return t;
}

}  // namespace

bool sprig_date_known(const std::string& name) { return table().count(sprig_args::bare(name)) > 0; }

json call_sprig_date(const std::string& name, const Args& args) { return table().at(sprig_args::bare(name))(name, args); }

}  // namespace flowc::run

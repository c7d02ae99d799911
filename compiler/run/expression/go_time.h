// Go's time values as Argo's expressions meet them through sprig's date
// functions (Masterminds/sprig v3 date.go): an instant with a fixed zone,
// Go's layout formatting and parsing (time/format.go: the reference time
// "Mon Jan 2 15:04:05 MST 2006"), and time.Duration's text and parser.
// Only fixed zones exist here: UTC (which is also "Local": Argo's
// controller image runs in UTC) and the offsets a parsed text names.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

struct GoTime {
  int64_t sec = 0;       // seconds since the Unix epoch
  int32_t nsec = 0;      // 0..999999999
  int32_t offset = 0;    // the zone's offset east of UTC, in seconds
  std::string zone = "UTC";  // the zone's name ("" for a nameless fixed zone)
};

// time.Time{}: January 1, year 1, 00:00:00 UTC.
GoTime go_zero_time();
GoTime go_now();

// t.Format(layout).
std::string go_time_format(const GoTime& t, const std::string& layout);
// time.ParseInLocation(layout, value, UTC); nullopt with Go's error text.
std::optional<GoTime> go_time_parse(const std::string& layout, const std::string& value, std::string& error);

// time.Duration(ns).String(): "1h2m3.5s", "1.5ms", "0s".
std::string go_duration_string(int64_t ns);
// time.ParseDuration: false (and `error`) when it does not parse.
bool go_parse_duration(const std::string& text, int64_t& ns, std::string& error);

// A time as an expression value: a JSON object with one reserved key, so
// that it passes through the evaluator and prints as Go prints it.
nlohmann::json go_time_value(const GoTime& t);
std::optional<GoTime> go_time_of(const nlohmann::json& v);

}  // namespace flowc::run

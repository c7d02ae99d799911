// Numbers and durations as Argo's controller reads them from a workflow,
// where a bad value ends the node in Error with Go's message (never a crash,
// never a value silently dropped):
//   - an IntOrString (retryStrategy.limit, backoff.factor, a template's
//     activeDeadlineSeconds): util/intstr/parse.go Int, strconv.Atoi;
//   - a duration: Go's time.ParseDuration (time/format.go), and Argo's
//     parseStringToDuration (operator.go: a plain integer is seconds).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

// strconv.Atoi on a 64-bit platform: an optional sign and decimal digits,
// within int64; false else (out untouched).
bool go_atoi(const std::string& s, int64_t& out);

// A JSON integer, or a string strconv.Atoi reads (an optional sign and
// decimal digits, within int64); else nullopt with `error` = Argo's
// "value 'X' cannot be resolved to an int".
std::optional<int64_t> int_or_string(const nlohmann::json& v, std::string& error);

// time.ParseDuration: "300ms", "-1.5h", "2h45m", units ns us µs ms s m h,
// "0" alone; else nullopt with `error` = Go's message ("time: invalid
// duration \"x\"", "time: missing unit in duration \"1\"", "time: unknown
// unit \"d\" in duration \"1d\"").
std::optional<std::chrono::nanoseconds> go_parse_duration(const std::string& text, std::string& error);

// operator.go parseStringToDuration: strconv.Atoi seconds, else
// time.ParseDuration; else `error` = "unable to parse X as a duration: ...".
std::optional<std::chrono::nanoseconds> argo_duration(const std::string& text, std::string& error);

}  // namespace flowc::run

// flowc run: numbers and durations as Argo's controller reads them
// (run/go_numbers.h). The duration cases are Go's own, from the time
// package's time_test.go (parseDurationTests, parseDurationErrorTests); the
// IntOrString cases follow util/intstr/parse.go Int (strconv.Atoi).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "run/go_numbers.h"

using flowc::run::argo_duration;
using flowc::run::go_parse_duration;
using flowc::run::int_or_string;

namespace {

constexpr int64_t kNs = 1, kUs = 1000, kMs = 1000000, kS = 1000000000, kMin = 60 * kS, kH = 60 * kMin;

int64_t parsed(const std::string& text) {
  std::string error;
  auto d = go_parse_duration(text, error);
  REQUIRE_MESSAGE(d.has_value(), text << ": " << error);
  return d->count();
}

}  // namespace

TEST_CASE("time.ParseDuration: Go's parseDurationTests") {
  CHECK(parsed("0") == 0);
  CHECK(parsed("5s") == 5 * kS);
  CHECK(parsed("30s") == 30 * kS);
  CHECK(parsed("1478s") == 1478 * kS);
  CHECK(parsed("-5s") == -5 * kS);
  CHECK(parsed("+5s") == 5 * kS);
  CHECK(parsed("-0") == 0);
  CHECK(parsed("+0") == 0);
  CHECK(parsed("5.0s") == 5 * kS);
  CHECK(parsed("5.6s") == 5 * kS + 600 * kMs);
  CHECK(parsed("5.s") == 5 * kS);
  CHECK(parsed(".5s") == 500 * kMs);
  CHECK(parsed("1.0s") == 1 * kS);
  CHECK(parsed("1.00s") == 1 * kS);
  CHECK(parsed("1.004s") == 1 * kS + 4 * kMs);
  CHECK(parsed("1.0040s") == 1 * kS + 4 * kMs);
  CHECK(parsed("100.00100s") == 100 * kS + 1 * kMs);
  CHECK(parsed("10ns") == 10 * kNs);
  CHECK(parsed("11us") == 11 * kUs);
  CHECK(parsed("12\xC2\xB5s") == 12 * kUs);  // U+00B5
  CHECK(parsed("12\xCE\xBCs") == 12 * kUs);  // U+03BC
  CHECK(parsed("13ms") == 13 * kMs);
  CHECK(parsed("14s") == 14 * kS);
  CHECK(parsed("15m") == 15 * kMin);
  CHECK(parsed("16h") == 16 * kH);
  CHECK(parsed("3h30m") == 3 * kH + 30 * kMin);
  CHECK(parsed("10.5s4m") == 4 * kMin + 10 * kS + 500 * kMs);
  CHECK(parsed("-2m3.4s") == -(2 * kMin + 3 * kS + 400 * kMs));
  CHECK(parsed("1h2m3s4ms5us6ns") == 1 * kH + 2 * kMin + 3 * kS + 4 * kMs + 5 * kUs + 6 * kNs);
  CHECK(parsed("39h9m14.425s") == 39 * kH + 9 * kMin + 14 * kS + 425 * kMs);
  CHECK(parsed("52763797000ns") == 52763797000 * kNs);
  CHECK(parsed("0.3333333333333333333h") == 20 * kMin);
  CHECK(parsed("9007199254740993ns") == (int64_t(1) << 53) + 1);
  CHECK(parsed("9223372036854775807ns") == INT64_MAX);
  CHECK(parsed("9223372036854775.807us") == INT64_MAX);
  CHECK(parsed("9223372036s854ms775us807ns") == INT64_MAX);
  CHECK(parsed("-9223372036854775808ns") == INT64_MIN);
  CHECK(parsed("-9223372036854775.808us") == INT64_MIN);
  CHECK(parsed("-9223372036s854ms775us808ns") == INT64_MIN);
  CHECK(parsed("-2562047h47m16.854775808s") == INT64_MIN);
  CHECK(parsed("0.100000000000000000000h") == 6 * kMin);
  CHECK(parsed("0.830103483285477580700h") == 49 * kMin + 48 * kS + 372539827 * kNs);
}

TEST_CASE("time.ParseDuration: Go's parseDurationErrorTests, and its messages") {
  for (const char* bad : {"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\x85\x85", "\xff" "ff",
                          "hello \xff" "ff world", "9223372036854775810ns", "9223372036854775808ns",
                          "-9223372036854775809ns", "9223372036854776us", "3000000h", "9223372036854775.808us",
                          "9223372036854ms775us808ns"}) {
    std::string error;
    CHECK_MESSAGE(!go_parse_duration(bad, error).has_value(), bad);
    CHECK_MESSAGE(error.find(std::string("\"") + bad + "\"") != std::string::npos, bad << " -> " << error);
  }
  std::string error;
  go_parse_duration("3", error);
  CHECK(error == "time: missing unit in duration \"3\"");
  go_parse_duration("1d", error);
  CHECK(error == "time: unknown unit \"d\" in duration \"1d\"");
  go_parse_duration(".", error);
  CHECK(error == "time: invalid duration \".\"");
}

TEST_CASE("parseStringToDuration: plain integers are seconds, else a Go duration") {
  std::string error;
  CHECK(argo_duration("10", error)->count() == 10 * kS);
  CHECK(argo_duration("-3", error)->count() == -3 * kS);
  CHECK(argo_duration("1m", error)->count() == kMin);
  CHECK(!argo_duration("x", error).has_value());
  CHECK(error == "unable to parse x as a duration: time: invalid duration \"x\"");
  CHECK(!argo_duration("99999999999999999999", error).has_value());  // was std::stoll's out_of_range: abort
}

TEST_CASE("intstr.Int: an int, or a string strconv.Atoi reads") {
  std::string error;
  CHECK(*int_or_string(nlohmann::json(3), error) == 3);
  CHECK(*int_or_string(nlohmann::json("3"), error) == 3);
  CHECK(*int_or_string(nlohmann::json("+3"), error) == 3);
  CHECK(*int_or_string(nlohmann::json("-3"), error) == -3);
  for (const char* bad : {"abc", "", " 3", "3 ", "1.5", "0x10", "99999999999999999999", "{{inputs.parameters.n}}"}) {
    CHECK_MESSAGE(!int_or_string(nlohmann::json(bad), error).has_value(), bad);
    CHECK(error == std::string("value '") + bad + "' cannot be resolved to an int");
  }
}

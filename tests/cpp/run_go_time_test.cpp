// Go's time layouts (compiler/run/expression/go_time.*) on Go's own cases
// (src/time/format_test.go: TestFormat, TestFormatSingleDigits,
// TestFormatShortYear, TestRFC3339Conversion, TestParse,
// TestParseDayOutOfRange) and sprig's date functions (sprig_dates.cpp) on
// sprig v3's date_test.go, called as Argo's expressions call them.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "run/expression/expr.h"
#include "run/expression/go_time.h"

using flowc::run::GoTime;
using flowc::run::go_duration_string;
using flowc::run::go_parse_duration;
using flowc::run::go_time_format;
using flowc::run::go_time_parse;
using flowc::run::go_value_text;
using json = nlohmann::json;

namespace {

// time.Date(...) in a fixed zone, built with the parser (UTC) and shifted.
GoTime date(const std::string& ymdhms, int32_t nsec, int32_t offset, const std::string& zone) {
  std::string error;
  auto t = go_time_parse("2006-01-02 15:04:05", ymdhms, error);
  REQUIRE_MESSAGE(t, error);
  t->sec -= offset;
  t->nsec = nsec;
  t->offset = offset;
  t->zone = zone;
  return *t;
}

json eval(const std::string& e) {
  auto r = flowc::run::evaluate_expr(e, json::object());
  INFO(e << ": " << r.error);
  REQUIRE(r.ok);
  return r.value;
}

std::string error_of(const std::string& e) {
  auto r = flowc::run::evaluate_expr(e, json::object());
  CHECK_FALSE(r.ok);
  return r.error;
}

}  // namespace

TEST_CASE("go time: format_test.go TestFormat (Thu Feb 4 21:00:57.0123456 PST 2009)") {
  // time.Unix(0, 1233810057012345600) in PST.
  GoTime t{1233810057, 12345600, -8 * 3600, "PST"};
  const std::pair<const char*, const char*> cases[] = {
      {"Mon Jan _2 15:04:05 2006", "Wed Feb  4 21:00:57 2009"},                 // ANSIC
      {"Mon Jan _2 15:04:05 MST 2006", "Wed Feb  4 21:00:57 PST 2009"},         // UnixDate
      {"Mon Jan 02 15:04:05 -0700 2006", "Wed Feb 04 21:00:57 -0800 2009"},     // RubyDate
      {"02 Jan 06 15:04 MST", "04 Feb 09 21:00 PST"},                           // RFC822
      {"Monday, 02-Jan-06 15:04:05 MST", "Wednesday, 04-Feb-09 21:00:57 PST"},  // RFC850
      {"Mon, 02 Jan 2006 15:04:05 MST", "Wed, 04 Feb 2009 21:00:57 PST"},       // RFC1123
      {"Mon, 02 Jan 2006 15:04:05 -0700", "Wed, 04 Feb 2009 21:00:57 -0800"},   // RFC1123Z
      {"2006-01-02T15:04:05Z07:00", "2009-02-04T21:00:57-08:00"},               // RFC3339
      {"2006-01-02T15:04:05.999999999Z07:00", "2009-02-04T21:00:57.0123456-08:00"},  // RFC3339Nano
      {"3:04PM", "9:00PM"},                                                     // Kitchen
      {"3pm", "9pm"},
      {"3PM", "9PM"},
      {"06 01 02", "09 02 04"},
      {"Hi Janet, the Month is January", "Hi Janet, the Month is February"},
      {"Jan _2 15:04:05", "Feb  4 21:00:57"},                      // Stamp
      {"Jan _2 15:04:05.000", "Feb  4 21:00:57.012"},              // StampMilli
      {"Jan _2 15:04:05.000000", "Feb  4 21:00:57.012345"},        // StampMicro
      {"Jan _2 15:04:05.000000000", "Feb  4 21:00:57.012345600"},  // StampNano
      {"Jan  2 002 __2 2", "Feb  4 035  35 4"},                    // YearDay
  };
  // (No structured binding: clang refuses one captured by doctest's lambda.)
  for (const auto& c : cases) CHECK_MESSAGE(go_time_format(t, c.first) == c.second, c.first);
  CHECK(go_time_format(date("2001-02-03 04:05:06", 700000000, 0, "UTC"), "3:4:5") == "4:5:6");
  CHECK(go_time_format(date("2008-09-17 20:04:26", 0, 0, "UTC"), "2006-01-02T15:04:05Z07:00") == "2008-09-17T20:04:26Z");
  CHECK(go_time_format(date("1994-09-17 20:04:26", 0, -18000, "EST"), "2006-01-02T15:04:05Z07:00") ==
        "1994-09-17T20:04:26-05:00");
  CHECK(go_time_format(date("2000-12-26 01:15:06", 0, 15600, "OTO"), "2006-01-02T15:04:05Z07:00") ==
        "2000-12-26T01:15:06+04:20");
  // TestFormatShortYear (the years the parser's four digits reach).
  for (int y : {1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999}) {
    char want[32];
    std::snprintf(want, sizeof want, "%04d.01.01", y);
    char ymd[32];
    std::snprintf(ymd, sizeof ymd, "%04d-01-01 00:00:00", y);
    CHECK(go_time_format(date(ymd, 0, 0, "UTC"), "2006.01.02") == want);
  }
}

TEST_CASE("go time: format_test.go TestParse and TestParseDayOutOfRange") {
  struct Case {
    const char* layout;
    const char* value;
    bool has_year;
    int frac_digits;
  };
  const Case cases[] = {
      {"Mon Jan _2 15:04:05 2006", "Thu Feb  4 21:00:57 2010", true, 0},
      {"Mon Jan _2 15:04:05 MST 2006", "Thu Feb  4 21:00:57 PST 2010", true, 0},
      {"Mon Jan 02 15:04:05 -0700 2006", "Thu Feb 04 21:00:57 -0800 2010", true, 0},
      {"Monday, 02-Jan-06 15:04:05 MST", "Thursday, 04-Feb-10 21:00:57 PST", true, 0},
      {"Mon, 02 Jan 2006 15:04:05 MST", "Thu, 04 Feb 2010 21:00:57 PST", true, 0},
      {"Mon, 02 Jan 2006 15:04:05 -0700", "Thu, 04 Feb 2010 21:00:57 -0800", true, 0},
      {"2006-01-02T15:04:05Z07:00", "2010-02-04T21:00:57-08:00", true, 0},
      {"2006-01-02 15:04:05-07", "2010-02-04 21:00:57-08", true, 0},
      {"Mon Jan _2 15:04:05 2006", "Thu Feb  4 21:00:57.0 2010", true, 1},
      {"Mon Jan _2 15:04:05 MST 2006", "Thu Feb  4 21:00:57.01 PST 2010", true, 2},
      {"Mon Jan 02 15:04:05 -0700 2006", "Thu Feb 04 21:00:57.012 -0800 2010", true, 3},
      {"2006-01-02T15:04:05Z07:00", "2010-02-04T21:00:57.012345678-08:00", true, 9},
      {"Mon Jan _2 15:04:05 2006", "Thu Feb 4 21:00:57 2010", true, 0},
      {"Mon Jan _2 15:04:05 2006", "Thu      Feb     4     21:00:57     2010", true, 0},
      {"Mon Jan _2 15:04:05 2006", "THU FEB 4 21:00:57 2010", true, 0},
      {"Mon Jan _2 15:04:05 2006", "thu feb 4 21:00:57 2010", true, 0},
      {"Mon Jan _2 15:04:05.000 2006", "Thu Feb  4 21:00:57.012 2010", true, 3},
      {"Mon Jan _2 15:04:05,000000 2006", "Thu Feb  4 21:00:57.012345 2010", true, 6},
      {"2006.01.02.15.04.05.0", "2010.02.04.21.00.57.0", true, 1},
      {"2006.01.02.15.04.05.00", "2010.02.04.21.00.57.01", true, 2},
      {"Hi Janet, the Month is January: Jan _2 15:04:05 2006",
       "Hi Janet, the Month is February: Feb  4 21:00:57 2010", true, 0},
      {"Mon Jan _2 15:04:05 MST 2006", "Fri Feb  5 05:00:57 GMT-8 2010", true, -1},
      {"2006-01-02 15:04:05.9999 -0700 MST", "2010-02-04 21:00:57 -0800 PST", true, 0},
      {"2006-01-02 15:04:05.999999999 -0700 MST", "2010-02-04 21:00:57.0123 -0800 PST", true, 4},
      {"2006-01-02 15:04:05,9999 -0700 MST", "2010-02-04 21:00:57.012345678 -0800 PST", true, 9},
      {"Jan _2 15:04:05.000000000", "Feb  4 21:00:57.012345678", false, 9},
      {"Jan _2 15:04:05.999", "Feb  4 21:00:57.012300000", false, 4},
      {"Jan _2 15:04:05.999999999", "Feb  4 21:00:57.0123", false, 4},
      {"2006-01-02 002 15:04:05", "2010-02-04 035 21:00:57", true, 0},
      {"2006-002 15:04:05", "2010-035 21:00:57", true, 0},
      {"200600201 15:04:05", "201003502 21:00:57", true, 0},
  };
  for (const Case& c : cases) {
    std::string error;
    auto t = go_time_parse(c.layout, c.value, error);
    INFO(c.layout << " / " << c.value << ": " << error);
    REQUIRE(t);
    if (c.frac_digits < 0) {
      // GMT-8: Go reads the clock as UTC, then puts it in a zone named
      // GMT-8 eight hours west, so checkTime sees Feb 4 21:00:57 (sic).
      CHECK(t->offset == -8 * 3600);
      CHECK(go_time_format(*t, "2006-01-02 15:04:05 MST") == "2010-02-04 21:00:57 GMT-8");
      continue;
    }
    CHECK(go_time_format(*t, "01-02 15:04:05") == "02-04 21:00:57");
    CHECK(go_time_format(*t, "2006") == (c.has_year ? "2010" : "0000"));
    std::string digits = std::string("012345678").substr(0, static_cast<size_t>(c.frac_digits));
    digits.resize(9, '0');
    CHECK(t->nsec == std::stoi(digits));
  }
  for (const char* ok : {"Thu Jan 31 21:00:57 2010", "Thu Feb 29 21:00:57 2012", "Thu Apr 30 21:00:57 2010"}) {
    std::string error;
    CHECK_MESSAGE(go_time_parse("Mon Jan _2 15:04:05 2006", ok, error), ok);
  }
  for (const char* bad : {"Thu Jan 99 21:00:57 2010", "Thu Jan 32 21:00:57 2010", "Thu Feb 29 21:00:57 2010",
                          "Thu Apr 31 21:00:57 2010", "Thu Dec 00 21:00:57 2010"}) {
    std::string error;
    CHECK_FALSE(go_time_parse("Mon Jan _2 15:04:05 2006", bad, error));
    CHECK_MESSAGE(error.find("day out of range") != std::string::npos, bad << ": " << error);
  }
}

TEST_CASE("go time: Duration.String and ParseDuration (time_test.go cases)") {
  CHECK(go_duration_string(0) == "0s");
  CHECK(go_duration_string(1) == "1ns");
  CHECK(go_duration_string(1100) == "1.1\xC2\xB5s");
  CHECK(go_duration_string(2200000) == "2.2ms");
  CHECK(go_duration_string(3300000000LL) == "3.3s");
  CHECK(go_duration_string(4LL * 60 * 1000000000 + 5000000000LL) == "4m5s");
  CHECK(go_duration_string(4LL * 60 * 1000000000 + 5001000000LL) == "4m5.001s");
  CHECK(go_duration_string(5LL * 3600 * 1000000000 + 6LL * 60 * 1000000000 + 7001000000LL) == "5h6m7.001s");
  CHECK(go_duration_string(8LL * 60 * 1000000000 + 1) == "8m0.000000001s");
  CHECK(go_duration_string(-1) == "-1ns");
  int64_t d = 0;
  std::string error;
  CHECK((go_parse_duration("1h15m30.918273645s", d, error) && d == 4530918273645LL));
  CHECK((go_parse_duration("-1.5h", d, error) && d == -5400000000000LL));
  CHECK((go_parse_duration(".5s", d, error) && d == 500000000));
  CHECK((go_parse_duration("1.004s", d, error) && d == 1004000000));
  CHECK((go_parse_duration("0", d, error) && d == 0));
  CHECK_FALSE(go_parse_duration("3", d, error));
  CHECK(error.find("missing unit") != std::string::npos);
  CHECK_FALSE(go_parse_duration("1d", d, error));
  CHECK(error.find("unknown unit \"d\"") != std::string::npos);
  CHECK_FALSE(go_parse_duration("", d, error));
  CHECK_FALSE(go_parse_duration(".s", d, error));
}

TEST_CASE("sprig dates: date_test.go as Argo's expressions call them") {
  // TestToDate: toDate "2006-01-02" "2017-12-31" | date "02/01/2006"
  CHECK(eval("sprig.date('02/01/2006', sprig.toDate('2006-01-02', '2017-12-31'))") == "31/12/2017");
  // TestUnixEpoch / TestDateInZone: 13 Jun 19 20:39:39 GMT
  const std::string gmt = "sprig.toDate('02 Jan 06 15:04:05 MST', '13 Jun 19 20:39:39 GMT')";
  CHECK(eval("sprig.unixEpoch(" + gmt + ")") == "1560458379");
  CHECK(eval("sprig.dateInZone('02 Jan 06 15:04 -0700', " + gmt + ", 'UTC')") == "13 Jun 19 20:39 +0000");
  CHECK(eval("sprig.date_in_zone('02 Jan 06 15:04 -0700', 1560458379, 'UTC')") == "13 Jun 19 20:39 +0000");
  CHECK(eval("sprig.dateInZone('02 Jan 06 15:04 -0700', " + gmt + ", 'foobar')") == "13 Jun 19 20:39 +0000");
  // TestDurationRound
  CHECK(eval("sprig.durationRound('2h5s')") == "2h");
  CHECK(eval("sprig.durationRound('24h5s')") == "1d");
  CHECK(eval("sprig.durationRound('2400h5s')") == "3m");
  // TestAgo: now - 125s is 2m5s ago (now + 5s is -5s).
  CHECK(eval("sprig.ago(sprig.dateModify('-125s', sprig.now()))") == "2m5s");
  CHECK(eval("sprig.ago(sprig.dateModify('5s', sprig.now()))") == "-5s");
  // TestHtmlDate (skipped upstream for the runner's zone; Local is UTC here)
  CHECK(eval("sprig.htmlDate(0)") == "1970-01-01");
  CHECK(eval("sprig.htmlDateInZone(86400 * 365, 'UTC')") == "1971-01-01");
  CHECK(eval("sprig.duration('90')") == "1m30s");
  CHECK(eval("sprig.duration('x')") == "0s");  // strconv.ParseInt fails: 0
  CHECK(eval("sprig.unixEpoch(sprig.dateModify('1h30m', sprig.toDate('2006-01-02', '2020-01-01')))") == "1577842200");
  CHECK(eval("sprig.unixEpoch(sprig.dateModify('bad', sprig.toDate('2006-01-02', '2020-01-01')))") == "1577836800");
  // A time prints as Go's Time.String, marshals as RFC 3339.
  CHECK(go_value_text(eval("sprig.toDate('2006-01-02', '2017-12-31')")) == "2017-12-31 00:00:00 +0000 UTC");
  CHECK(eval("toJson(sprig.toDate('2006-01-02T15:04:05Z07:00', '2017-12-31T10:00:00+02:00'))") ==
        "\"2017-12-31T10:00:00+02:00\"");
  // toDate swallows the error (the zero time); mustToDate reports it.
  CHECK(go_value_text(eval("sprig.toDate('2006-01-02', 'not a date')")) == "0001-01-01 00:00:00 +0000 UTC");
  CHECK(error_of("sprig.mustToDate('2006-01-02', 'not a date')").find("parsing time \"not a date\"") != std::string::npos);
  CHECK(error_of("sprig.mustDateModify('bad', sprig.now())").find("invalid duration") != std::string::npos);
  // Where flowc cannot give Go's value, it says so.
  CHECK(error_of("sprig.duration(90)").find("cannot tell") != std::string::npos);
  CHECK(error_of("sprig.unixEpoch(0)").find("needs a time") != std::string::npos);
  if (std::filesystem::exists("/usr/share/zoneinfo/Europe/Paris"))
    CHECK(error_of("sprig.dateInZone('15:04', 0, 'Europe/Paris')").find("not supported") != std::string::npos);
  else
    CHECK(eval("sprig.dateInZone('15:04', 0, 'Europe/Paris')") == "00:00");  // LoadLocation fails: UTC
}

TEST_CASE("sprig strings, lists and paths: sprig v3 strings_test.go / paths_test.go / defaults_test.go") {
  CHECK(eval("sprig.substr(0, 3, 'fooo')") == "foo");
  CHECK(eval("sprig.substr(-1, 2, 'fooo')") == "fo");
  CHECK(eval("sprig.substr(1, -1, 'fooo')") == "ooo");
  CHECK(error_of("sprig.substr(5, -1, 'fooo')").find("out of range") != std::string::npos);
  CHECK(eval("sprig.trunc(3, 'foooooo')") == "foo");
  CHECK(eval("sprig.trunc(-3, 'foooooo')") == "ooo");
  CHECK(eval("sprig.trunc(10, 'foo')") == "foo");
  CHECK(eval("sprig.squote('a', 'b', 'c')") == "'a' 'b' 'c'");
  CHECK(eval("sprig.squote(1, 2, 3)") == "'1' '2' '3'");
  CHECK(eval("sprig.squote(nil)") == "");
  CHECK(eval("sprig.cat('a', 'b', 'c')") == "a b c");
  CHECK(eval("sprig.cat('a', nil, 1)") == "a 1");
  CHECK(eval("sprig.nospace('  foo bar  ')") == "foobar");
  CHECK(eval("sprig.repeat(3, 'foo')") == "foofoofoo");
  CHECK(eval("sprig.trimAll('$', '$foo$')") == "foo");
  CHECK(eval("sprig.splitList('.', 'foo.bar.baz')") == json({"foo", "bar", "baz"}));
  CHECK(eval("sprig.splitList('', 'ab')") == json({"a", "b"}));
  CHECK(eval("sprig.ternary('foo', 'bar', true)") == "foo");
  CHECK(eval("sprig.ternary('foo', 'bar', false)") == "bar");
  CHECK(eval("sprig.list(1, 'a')") == json({1, "a"}));
  CHECK(eval("sprig.hasKey({'a': 1}, 'a')") == true);
  CHECK(eval("sprig.hasKey({'a': 1}, 'b')") == false);
  CHECK(eval("sprig.empty('')") == true);
  CHECK(eval("sprig.empty([1])") == false);
  CHECK(eval("sprig.coalesce('', 0, 'foo')") == "foo");
  CHECK(eval("sprig.coalesce('', 0)").is_null());
  CHECK(eval("sprig.toRawJson({'a': '<b>'})") == "{\"a\":\"<b>\"}");
  CHECK(eval("sprig.base('foo/bar')") == "bar");
  CHECK(eval("sprig.base('/')") == "/");
  CHECK(eval("sprig.base('')") == ".");
  CHECK(eval("sprig.dir('foo/bar/baz')") == "foo/bar");
  CHECK(eval("sprig.dir('foo')") == ".");
  CHECK(eval("sprig.clean('/foo/../bar//baz/.')") == "/bar/baz");
  CHECK(eval("sprig.clean('../a/../../b')") == "../../b");
  CHECK(eval("sprig.ext('/foo/bar/baz.txt')") == ".txt");
  CHECK(eval("sprig.ext('/foo.d/bar')") == "");
  CHECK(eval("sprig.isAbs('/foo')") == true);
  CHECK(eval("sprig.isAbs('foo')") == false);
  CHECK(error_of("sprig.title('foo')").find("unknown function") != std::string::npos);
}

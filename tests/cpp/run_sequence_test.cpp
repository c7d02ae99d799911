// withSequence (run/sequence.h): Go's fmt.Sprintf for one int, checked on the
// integer cases of Go's own fmt tests (src/fmt/fmt_test.go, fmtTests,
// "// integers") and the error forms the fmt package documents ("Format
// errors": %!verb(MISSING), %!(EXTRA type=value), %!verb(type=value),
// %!(NOVERB)); steps.go expandSequence for the items.
#include <doctest/doctest.h>

#include "run/sequence.h"

using flowc::run::expand_sequence;
using flowc::run::go_sprintf_int;

namespace {

std::string sprintf_int(const std::string& format, int64_t n) {
  std::string out, error;
  REQUIRE_MESSAGE(go_sprintf_int(format, n, out, error), error);
  return out;
}

}  // namespace

TEST_CASE("withSequence format: Go's fmt_test.go integer cases") {
  struct Case {
    const char* format;
    int64_t value;
    const char* want;
  };
  const Case cases[] = {
      {"%d", 12345, "12345"},        {"%d", -12345, "-12345"},       {"%10d", 12345, "     12345"},
      {"%10d", -12345, "    -12345"}, {"%+10d", 12345, "    +12345"}, {"%010d", 12345, "0000012345"},
      {"%010d", -12345, "-000012345"}, {"%-10d", 12345, "12345     "}, {"%010.3d", 1, "       001"},
      {"%010.3d", -1, "      -001"}, {"%+d", 12345, "+12345"},       {"%+d", -12345, "-12345"},
      {"%+d", 0, "+0"},               {"% d", 0, " 0"},               {"% d", 12345, " 12345"},
      {"%.0d", 0, ""},                {"%.d", 0, ""},
      // "old test/fmt_test.go" entries of the same file
      {"%o", 01234, "1234"},          {"%#o", 01234, "01234"},        {"%d", 1234, "1234"},
      {"%d", -1234, "-1234"},
  };
  for (const Case& c : cases) CHECK_MESSAGE(sprintf_int(c.format, c.value) == c.want, c.format);
}

TEST_CASE("withSequence format: bases, prefixes and %v as fmt writes them") {
  CHECK(sprintf_int("%x", 255) == "ff");
  CHECK(sprintf_int("%X", 255) == "FF");
  CHECK(sprintf_int("%#x", 255) == "0xff");
  CHECK(sprintf_int("%#08x", 255) == "0x000000ff");  // zeros to the width first, then the prefix (fmtInteger)
  CHECK(sprintf_int("%b", 5) == "101");
  CHECK(sprintf_int("%O", 8) == "0o10");
  CHECK(sprintf_int("%v", -7) == "-7");
  CHECK(sprintf_int("%+v", 7) == "7");  // plusV: struct-field syntax, no sign
  CHECK(sprintf_int("%-05d|", 3) == "3    |");  // '-' turns the 0 flag off
  CHECK(sprintf_int("item-%03d.txt", 7) == "item-007.txt");
  CHECK(sprintf_int("100%%-%d", 1) == "100%-1");
}

TEST_CASE("withSequence format: the fmt package's documented error forms") {
  CHECK(sprintf_int("%s", 5) == "%!s(int=5)");
  CHECK(sprintf_int("%t", 12345) == "%!t(int=12345)");
  CHECK(sprintf_int("%d-%d", 1) == "1-%!d(MISSING)");
  CHECK(sprintf_int("hi", 5) == "hi%!(EXTRA int=5)");
  CHECK(sprintf_int("%", 5) == "%!(NOVERB)%!(EXTRA int=5)");
  std::string out, error;
  CHECK_FALSE(go_sprintf_int("%c", 65, out, error));
  CHECK(error.find("%c") != std::string::npos);
  CHECK_FALSE(go_sprintf_int("%*d", 1, out, error));
  CHECK_FALSE(go_sprintf_int("%5000d", 1, out, error));  // bounded: every item is held in memory
}

TEST_CASE("withSequence: steps.go expandSequence") {
  std::vector<nlohmann::json> items;
  std::string error;
  SUBCASE("count from start") {
    REQUIRE(expand_sequence({{"count", "3"}, {"start", "5"}}, items, error));
    CHECK(items == std::vector<nlohmann::json>{"5", "6", "7"});
  }
  SUBCASE("start..end descending, formatted") {
    REQUIRE(expand_sequence({{"start", "2"}, {"end", "0"}, {"format", "n%02d"}}, items, error));
    CHECK(items == std::vector<nlohmann::json>{"n02", "n01", "n00"});
  }
  SUBCASE("count 0 is no item") {
    REQUIRE(expand_sequence({{"count", 0}}, items, error));
    CHECK(items.empty());
  }
  SUBCASE("both count and end") {
    CHECK_FALSE(expand_sequence({{"count", "2"}, {"end", "3"}}, items, error));
    CHECK(error == "withSequence: only one of count or end can be defined");
  }
  SUBCASE("not an integer") {
    CHECK_FALSE(expand_sequence({{"count", "ten"}}, items, error));
    CHECK(error.find("'ten' is not an integer") != std::string::npos);
  }
  SUBCASE("a billion items is refused, not allocated") {
    CHECK_FALSE(expand_sequence({{"count", "1000000000"}}, items, error));
    CHECK(items.empty());
    CHECK(error.find("more than 100000 items") != std::string::npos);
  }
  SUBCASE("the int64 limits do not overflow") {
    CHECK_FALSE(expand_sequence({{"start", "-9223372036854775808"}, {"end", "9223372036854775807"}}, items, error));
    CHECK_FALSE(expand_sequence({{"start", "9223372036854775807"}, {"count", "2"}}, items, error));
  }
  SUBCASE("an item that is not a JSON string is an error (ParseItem)") {
    CHECK_FALSE(expand_sequence({{"count", "1"}, {"format", "a\"%d"}}, items, error));
  }
}

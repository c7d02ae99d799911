#include <doctest/doctest.h>

#include "backend/peak/peak_retry.h"

using namespace flowc;

TEST_CASE("peak: exit-code tests in a retry expression") {
  CHECK(exit_codes_of("asInt(lastRetry.exitCode) == 1").codes == std::vector<int64_t>{1});
  CHECK(exit_codes_of("asInt(lastRetry.exitCode) in [1, 137, 143]").codes == std::vector<int64_t>{1, 137, 143});
  CHECK(exit_codes_of("lastRetry.exitCode == '2' || (asInt(lastRetry.exitCode) == 3)").codes ==
        std::vector<int64_t>{2, 3});
  CHECK(exit_codes_of("1 == int(lastRetry.exitCode)").codes == std::vector<int64_t>{1});
  CHECK(exit_codes_of("lastRetry.exitCode == 1").error ==
        "lastRetry.exitCode is a string, never equal to the number 1: write asInt(lastRetry.exitCode) == 1");
  CHECK(exit_codes_of("asInt(lastRetry.exitCode) > 1").error ==
        "'asInt(lastRetry.exitCode) > 1' is not an exit-code test (== or in [...])");
  CHECK(exit_codes_of("lastRetry.status == 'Error'").error == "'lastRetry.status == 'Error'' does not test lastRetry.exitCode");
  CHECK(exit_codes_of("asInt(lastRetry.exitCode) == 1 && lastRetry.duration < 10").error ==
        "unexpected '&& lastRetry.duration < 10'");
  CHECK(exit_codes_of("asInt(lastRetry.exitCode) == -1").error == "exit code -1 is not a failure Peak can retry");
  CHECK(exit_codes_of("(asInt(lastRetry.exitCode) == 1").error == "missing ')'");
  CHECK(!exit_codes_of(std::string(200, '(')).error.empty());  // bounded nesting
}

TEST_CASE("peak: retryStrategy -> retryOptions") {
  auto m = retry_to_peak(Document::parse(
      R"({"limit": "3", "retryPolicy": "Always", "expression": "asInt(lastRetry.exitCode) in [1, 2]",)"
      R"( "backoff": {"duration": "1m", "factor": 2}})"));
  CHECK(m.problems.empty());
  CHECK(m.options.dump() == R"({"numberOfRetries":3,"exitCodes":[1,2],"duration":60,"exponentialBackoff":true})");
  // Always without an exit-code test retries errors too, which Peak does not.
  m = retry_to_peak(Document::parse(R"({"limit": 1, "retryPolicy": "Always", "affinity": {}})"));
  REQUIRE(m.problems.size() == 2);
  CHECK(m.problems[0].construct == "the retry field 'retryPolicy' (Always)");
  CHECK(m.problems[1].construct == "the retry field 'affinity'");
  m = retry_to_peak(Document::parse(R"({"limit": 1, "expression": "lastRetry.message matches 'x'"})"));
  REQUIRE(m.problems.size() == 1);
  CHECK(m.problems[0].construct == "the retry expression 'lastRetry.message matches 'x''");
  REQUIRE(m.problems[0].notes.size() == 2);
  CHECK(m.problems[0].notes[0] == "'lastRetry.message matches 'x'' does not test lastRetry.exitCode");
  CHECK(m.problems[0].notes[1].find("asInt(lastRetry.exitCode) in [1, 2]") != std::string::npos);
  m = retry_to_peak(Document::parse(R"({"backoff": {"duration": "10"}})"));
  REQUIRE(m.problems.size() == 1);
  CHECK(m.problems[0].construct == "a retry strategy without a limit (Argo retries until the step succeeds)");
  CHECK(m.options.dump() == R"({"duration":10})");
  CHECK(argo_duration_seconds(Document("1h30m")) == 5400);
  CHECK(!argo_duration_seconds(Document("5x")));
  CHECK(whole_number(60.0).is_number_integer());
}

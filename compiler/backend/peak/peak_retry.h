// Argo's retryStrategy -> Peak's retryOptions (runConfiguration.retryOptions
// on a step, retryOptions on the workflow): limit -> numberOfRetries, backoff
// duration -> duration (seconds), backoff factor 2 / 1 -> exponentialBackoff
// true / false, and an `expression` that is a plain exit-code test ->
// exitCodes. Whatever else it says is returned as a problem to report.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc {

using Document = nlohmann::ordered_json;

struct RetryProblem {
  std::string construct;  // "the retry field 'affinity'": has no equivalent in Peak
  std::vector<std::string> notes;  // why, and what to write instead
};

struct RetryMapping {
  Document options = Document::object();  // Peak retryOptions fields
  std::vector<RetryProblem> problems;
};

RetryMapping retry_to_peak(const Document& retry_strategy);

// The exit codes a retry `expression` tests: `asInt(lastRetry.exitCode) == 1`,
// `asInt(lastRetry.exitCode) in [1, 2]`, `lastRetry.exitCode == "1"` (the
// variable is a string), joined by `||`, in parentheses or not. Anything
// else sets `error` (why it is not such a test).
struct ExitCodeTest {
  std::vector<int64_t> codes;  // in order of first mention
  std::string error;
};
ExitCodeTest exit_codes_of(std::string_view expression);

// Seconds in an Argo duration ("30", 30, "90s", "5m", "1h", "1h30m"), or nullopt.
std::optional<double> argo_duration_seconds(const Document& v);
// A whole double as an integer (5.0 -> 5), else the double.
Document whole_number(double d);

}  // namespace flowc

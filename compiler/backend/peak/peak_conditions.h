// Argo's task conditions -> Peak's executionParameters: `when` (a parent's
// output parameter compared with a value) -> `conditional`, and `depends`
// (parents with statuses) -> `parents` and `parentStatus`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc {

using Document = nlohmann::ordered_json;

struct PeakTranslation {
  Document value;          // the translated entries (an array)
  std::string error;       // non-empty: not expressible in Peak
  std::vector<std::string> parents;  // steps it names (for `depends`)
};

// `when` -> executionParameters.conditional entries, or an error message.
PeakTranslation when_to_peak(std::string_view expr);
// `depends` -> parents and executionParameters.parentStatus entries. Empty
// when no status is written (`a && b`: every parent must succeed, Peak's
// default); a status the user wrote (`a.Succeeded`) is written out.
PeakTranslation depends_to_peak(std::string_view expr);

}  // namespace flowc

// "did you mean" suggestions by edit distance.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance that scales with the word, or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace flowc

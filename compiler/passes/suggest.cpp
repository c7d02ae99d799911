#include "passes/suggest.h"

#include <algorithm>

namespace flowc {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  // Close enough to be a typo: at most a third of the word (and at least one
  // character) differs, and not the whole word.
  size_t best_d = std::max<size_t>(1, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_d && d < word.size()) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

void suggest_fix(Diagnostic& d, Span span, std::string_view written, const std::string& near, bool at_end) {
  if (near.empty() || written.empty() || span.end < span.begin) return;
  size_t length = span.end - span.begin;
  Span at;
  if (length == written.size()) at = span;
  else if (length == written.size() + 2) at = {span.begin + 1, span.end - 1};
  else if (at_end && length > written.size()) at = {span.end - static_cast<uint32_t>(written.size()), span.end};
  else return;
  d.fixes.push_back({"replace with '" + near + "'", at, near});
}

}  // namespace flowc

// "did you mean" suggestions by edit distance.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace flowc {

size_t edit_distance(std::string_view a, std::string_view b);
// The closest candidate within a distance that scales with the word, or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// Adds the edit of "did you mean 'near'?" to `d` (an editor's quick fix): the
// text at `span` becomes `near`. The span must show where `written` is: it
// holds exactly `written`, or `written` in quotes (a plain string literal:
// the quotes stay), or, with `at_end`, ends with it (`self.ech`, a dotted
// base). Any other span (a string with escapes, a reference inside a longer
// string) gets no fix, rather than a wrong one.
void suggest_fix(Diagnostic& d, Span span, std::string_view written, const std::string& near, bool at_end = false);

}  // namespace flowc

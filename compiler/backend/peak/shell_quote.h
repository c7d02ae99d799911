// POSIX shell quoting for a Peak step's `command`, one shell string.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "backend/peak/jinja_text.h"

namespace flowc {

// The word as is when it is made of safe characters, else in single quotes
// ('\'' for a quote). `sh` and Python's shlex.split read the joined words
// back as exactly the original list.
std::string shell_quote(std::string_view word);
std::string shell_join(const std::vector<std::string>& words);

// One shell word from pieces: text quoted, placeholders inside single quotes
// (Jinja puts the value there), run-time variables as "$NAME".
std::string shell_word(const Pieces& p);

// An environment variable's name for a parameter name (characters other
// than letters, digits and '_' become '_').
std::string env_name(std::string_view param);

}  // namespace flowc

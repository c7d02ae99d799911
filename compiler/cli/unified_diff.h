// A unified diff (`diff -u` form, 3 lines of context) between the old and new
// text of an output, made by libgit2's diff (already linked for .gitignore),
// so flowc carries no diff algorithm of its own.
#pragma once
#include <string>
#include <string_view>

namespace flowc::cli {

// "--- a/PATH\n+++ b/PATH\n@@ ... @@\n..." ; "" if the texts are equal. An
// output that does not exist yet is diffed against /dev/null.
std::string unified_diff(std::string_view old_text, std::string_view new_text, const std::string& path,
                         bool old_exists);

}  // namespace flowc::cli

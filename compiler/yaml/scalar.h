// YAML scalar semantics for what Argo files use: the text a plain, quoted or
// block scalar stands for, and the type of a plain scalar under the YAML 1.1
// rules Kubernetes reads manifests with (and PyYAML's resolver): a quoted
// "1" is a string, 1 an int, true / yes / on a bool, ~ / null a None.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ir/value.h"

namespace flowc::yaml {

// The string a scalar's source text denotes (quotes, escapes, folding
// removed). `indent` is the column of the parent node (block scalars only).
std::string plain_text(std::string_view src);
std::optional<std::string> double_quoted_text(std::string_view src);  // nullopt: a bad escape
std::string single_quoted_text(std::string_view src);
std::optional<std::string> block_text(std::string_view src, int parent_indent);  // nullopt: a bad header

// A plain scalar typed: None, Bool, Int, Float (spelling kept in text) or String.
Value typed_plain(std::string text, Span span);

}  // namespace flowc::yaml

// A verbatim scalar: document-tree text that the YAML and JSON writers write
// exactly as it is, unquoted (a Peak file's `imageId: {{ image_id }}`, which
// Jinja fills with a number before YAML reads it). A stage that needs text
// written specially says so in the tree; no stage patches another's output.
//
// It is a binary value with its own subtype: nothing else in flowc makes
// binary values, so it cannot be confused with a string the user wrote.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flowc {

nlohmann::ordered_json verbatim(std::string_view text);
// The text of a verbatim scalar; nullopt for any other value.
std::optional<std::string> verbatim_text(const nlohmann::ordered_json& v);

}  // namespace flowc

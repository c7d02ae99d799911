// Reading an Argo document as Go's structs would (the validator's view of
// nlohmann::ordered_json): absent and null fields alike, strings as Go's
// string fields, template types, artifact locations.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flowc::validation {

using J = nlohmann::ordered_json;

const J* get(const J* o, std::string_view key);
const J* get(const J& o, std::string_view key);
// A string field (Go's string): numbers and booleans as their text, else "".
std::string text(const J* j);
std::string text(const J& o, std::string_view key);
std::string text(const J* o, std::string_view key);
bool nonempty(const J& o, std::string_view key);
size_t length(const J* j);
extern const char* const kTemplateTypes[10];
std::string template_type(const J& t);
// Go's TemplateType as Argo's messages print it ("Container", "Steps", "DAG").
std::string argo_type_name(const std::string& type);
bool is_leaf(const std::string& type);
bool is_pod_type(const std::string& type);
bool has_output(const std::string& type);
// Go's Artifact.HasLocationOrKey(): a location with its required field, or a key.
extern const char* const kLocations[10];
bool location_complete(const std::string& kind, const J& loc);
bool has_location_or_key(const J& art);
std::string_view trim(std::string_view s);

}  // namespace flowc::validation

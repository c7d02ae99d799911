// Jinja placeholders in a Peak file.
//
// A Peak file is a Jinja template: `{{ name }}` is filled from `-v
// params.yaml` / `-p name=value` when the file is created; every other Jinja
// delimiter of the user's text must be escaped so that rendering gives the
// text back. While the backend builds a step, the placeholders the user meant
// travel inside its strings as sentinel-marked pieces (never outside the Peak
// backend); finish_file() and finish_body() turn the built tree into the two
// finished documents: the file's content (delimiters escaped, a placeholder
// that is a whole number or bool field a verbatim scalar, written unquoted so
// that it renders as a number) and the plain body the SDK takes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc {

using Document = nlohmann::ordered_json;

// What a `{{ ... }}` holds: an Argo expression (inputs.parameters.x,
// tasks.a.outputs..., =expr), a Peak placeholder (an identifier), or other
// text (kept as text, escaped in the file).
enum class JinjaExpr { Argo, Placeholder, Other };
JinjaExpr classify_braces(std::string_view inner);

// A string cut into literal text, intended placeholders, and references to
// environment variables set at run time (a parent's output, through `inherit`).
struct Piece {
  enum Kind { Text, Placeholder, Env } kind;
  std::string text;  // Text: the text; Placeholder: what is between the braces; Env: the variable
};
using Pieces = std::vector<Piece>;
void add_text(Pieces& out, std::string_view s);
bool has_env(const Pieces& p);

// The backend's marked text: a placeholder inside a string, and a string
// field that is one placeholder standing for a number or a bool.
std::string marked_placeholder(std::string_view inner);
std::string marked_raw_placeholder(std::string_view inner);
// Pieces -> marked text (Env pieces must have been handled by the caller).
std::string marked_text(const Pieces& p);
// "{{ x }}" exactly one placeholder?
bool placeholder_only(const std::string& s);
// Placeholders in a user's setting string become marked; other `{{` stay text.
std::string mark_placeholders(const std::string& s);

// Jinja: text that renders as exactly `text` (`{{`, `{%`, `{#` wrapped in raw blocks).
std::string jinja_escape(std::string_view text);

// The built (marked) tree -> the file's content / the plain body.
Document finish_file(const Document& marked);
Document finish_body(const Document& marked);

}  // namespace flowc

// Documents and values as JSON text: nlohmann's layout (dump(2) pretty,
// dump(-1) compact), with floats written as Python writes them
// (number_text.h), which nlohmann's dump does not (1e15 -> "1e+15").
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace flowc {

// indent < 0: compact ("{"a":1,"b":[0.5]}"); else one member per line,
// `indent` spaces per level, as nlohmann's dump(indent) writes it. Strings
// are escaped by nlohmann (not ASCII-only; invalid UTF-8 replaced). A
// verbatim scalar (ir/verbatim.h) is written as it is.
std::string json_text(const nlohmann::ordered_json& doc, int indent);

}  // namespace flowc

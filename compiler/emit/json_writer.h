// Document tree -> JSON text: nlohmann's dump(2) layout (two-space indent,
// UTF-8 kept, invalid bytes replaced), and verbatim scalars (emit/verbatim.h)
// written as they are.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace flowc {

std::string to_json(const nlohmann::ordered_json& doc);

}  // namespace flowc

// sprig's string, list, path and default functions beyond the ones
// expr_functions.cpp had (Masterminds/sprig v3 functions.go genericMap,
// strings.go, list.go, defaults.go), each with Go's exact behaviour; what
// flowc lacks stays an error naming the function (expr_functions.cpp).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run {

bool sprig_strings_known(const std::string& name);

// Throws std::runtime_error naming the function where Go would fail
// (panic or a wrong argument type).
nlohmann::json call_sprig_strings(const std::string& name, const std::vector<nlohmann::json>& args);

}  // namespace flowc::run

// Document tree -> YAML text.
//
// Why not yaml-cpp's Emitter: yaml-cpp 0.7 writes every literal block with
// plain `|` (so "a\nb" reads back as "a\nb\n"), re-indents a first line that
// starts with spaces (so the spaces are lost), prints 0.1 as
// 0.10000000000000001, and writes the string "10" or "yes" unquoted (so it
// reads back as a number or a boolean). This writer chooses each scalar's
// style so that YAML 1.1 (PyYAML) and YAML 1.2 (ruamel, yaml-cpp) readers
// all read back exactly what was meant; the tests read it back with
// yaml-cpp, PyYAML and ruamel.yaml.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace flowc {

// A verbatim scalar (ir/verbatim.h) is written as it is.
std::string to_yaml(const nlohmann::ordered_json& doc);
// A float as PyYAML writes it: Python's repr (ir/number_text.h), with a '.'
// in the exponent form (1.0e+16), which YAML 1.1 needs to read a float.
std::string yaml_float(double d);
// True if `s` can be written as a plain (unquoted) scalar and read back as
// this same string by YAML 1.1 and 1.2 readers.
bool plain_safe(std::string_view s);

}  // namespace flowc

// YAML -> the document tree the validator reads (nlohmann::ordered_json),
// with a SpanTable from JSON pointers to each node's place in the file.
// Scalars get the types Kubernetes gives them (sigs.k8s.io/yaml, YAML 1.1):
// a quoted "1" stays a string, a plain 1 is a number, yes/on are true.
#pragma once
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "validate/span_table.h"

namespace flowc {

struct YamlDocument {
  nlohmann::ordered_json doc;
  SpanTable spans;
  SpanTable keys;  // the place of each mapping key, at its value's pointer (lint's field checks report there)
};

// Every document of `file` (null documents included, as null). Bad YAML is an
// E08xx diagnostic at its place, never an exception.
std::vector<YamlDocument> read_yaml(const SourceFile& file, DiagnosticSink& sink);

// A plain (unquoted) scalar as YAML 1.1 types it: null, bool, int, float or string.
nlohmann::ordered_json plain_scalar(const std::string& text);

}  // namespace flowc

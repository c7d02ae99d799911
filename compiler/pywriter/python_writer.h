// The Python writer of `flowc import`: YAML documents (Values with spans) ->
// flowc DSL source, written the way a person would (examples/argo/): one
// class per document, @template methods returning model constructors with the
// Python client's keywords, @dag/@steps with nested @task/@step functions,
// decorators for inputs, outputs and task settings, and the YAML's comments
// as Python comments. Laid out the way `ruff format` lays it out.
#pragma once
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "ir/argo_version.h"
#include "yaml/yaml_reader.h"

namespace flowc::pywriter {

// What the DSL cannot express is an error at the YAML field; so is a field
// the Argo `version` does not have (the compiler's version rules, E0050..).
std::string write(const yaml::Stream& stream, const SourceFile& file, DiagnosticSink& sink, ArgoVersion version = {});

}  // namespace flowc::pywriter

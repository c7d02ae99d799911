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

// A WorkflowTemplate or ClusterWorkflowTemplate class written by an import
// (issue 23): what a Workflow imported beside it needs to call its templates
// with typed references, `return Shared.echo(message="hi")`.
struct TemplateClass {
  bool cluster = false;       // a ClusterWorkflowTemplate
  std::string resource;       // its metadata.name
  std::string class_name;
  std::vector<std::pair<std::string, std::string>> methods;  // Argo template name -> Python method
  std::string module;         // how the calling module imports it ("" : not importable from there)
};

struct WriteOptions {
  ArgoVersion version;
  // Template classes of the other generated modules (module set): a
  // templateRef to one of their templates is written as a typed reference.
  const std::vector<TemplateClass>* project = nullptr;
  // Filled with the template classes this file defines.
  std::vector<TemplateClass>* classes = nullptr;
};

// What the DSL cannot express is an error at the YAML field; so is a field
// the Argo `version` does not have (the compiler's version rules, E0050..).
std::string write(const yaml::Stream& stream, const SourceFile& file, DiagnosticSink& sink, const WriteOptions& options);
inline std::string write(const yaml::Stream& stream, const SourceFile& file, DiagnosticSink& sink, ArgoVersion version = {}) {
  WriteOptions o;
  o.version = version;
  return write(stream, file, sink, o);
}

}  // namespace flowc::pywriter

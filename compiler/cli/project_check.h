// Project-wide templateRef checks for `flowc compile` over a folder or
// several files (issue 23). Each input is compiled alone first (through the
// cache); then the WorkflowTemplates of all inputs are indexed
// (project/template_index.h), and every input that refers to a template of
// another input, or to one no input defines, is compiled again with the
// whole index in scope: its references are then checked by Argo's validator
// rules against the real templates, and a reference to nothing is an error
// (E0703) unless its name is declared external (then a note).
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "cli/compile_all.h"
#include "project/template_index.h"

namespace flowc::cli {

// `output_of(i)`: the file an up-to-date input's output is in (its
// documents are read back from there, as it was not compiled this time).
// `yaml_templates`: the WorkflowTemplates of the project's YAML files
// (yaml_templates_in below), in scope as the compiled ones are.
// A WorkflowTemplate an input defines under a name a YAML file or an earlier
// input already defines is E0702 at the input's class: a cluster holds one of
// a name, so references would be checked against either.
void check_project(const std::vector<Input>& inputs, std::vector<Compiled>& compiled, const CompileSettings& settings,
                   ProjectFinder& projects, const std::function<std::string(size_t)>& output_of,
                   const TemplateIndex& yaml_templates = {});

// The WorkflowTemplates and ClusterWorkflowTemplates defined by the YAML
// files (*.yaml, *.yml) of the folders among `args`, walked as the inputs
// are (same excludes, .gitignore), so that a Python Workflow may call a
// template that exists only as YAML (issue 23). A file in `outputs` or below
// `output_dir` (absolute; "" : none) is flowc's own output, not a source.
TemplateIndex yaml_templates_in(const std::vector<std::string>& args, InputOptions io,
                                const std::set<std::string>& outputs, const std::string& output_dir);

class Reporter;

// The WorkflowTemplates the Python files (*.py) of the folders among `args`
// define, each compiled as `flowc compile` would (its project's Argo version,
// imports followed; `argo_version` overrides), so that a YAML Workflow may
// call a template written in Python (issue 23). A file that does not compile
// is a warning through `reporter`: its templates are then not in scope.
std::vector<nlohmann::ordered_json> python_templates_in(const std::vector<std::string>& args,
                                                        const std::string& argo_version, Reporter& reporter);

}  // namespace flowc::cli

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
#include <string>
#include <vector>

#include "cli/compile_all.h"

namespace flowc::cli {

// `output_of(i)`: the file an up-to-date input's output is in (its
// documents are read back from there, as it was not compiled this time).
void check_project(const std::vector<Input>& inputs, std::vector<Compiled>& compiled, const CompileSettings& settings,
                   ProjectFinder& projects, const std::function<std::string(size_t)>& output_of);

}  // namespace flowc::cli

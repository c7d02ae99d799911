// Argo's `{{...}}` variables as the place in the class sees them: what may
// follow a dotted prefix (completion) and what a whole reference names
// (hover, definition). Only what is in scope at that place: a template's own
// inputs, the tasks of the same DAG, the steps of the same steps template,
// `item` in a loop.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "lsp/outline.h"

namespace flowc::lsp {

struct Variable {
  std::string name;
  std::string detail;  // one line: what it is
};

// Where the cursor is: the class, and the innermost decorated member (may be null).
struct Place {
  const ClassInfo* cls = nullptr;
  const Member* member = nullptr;
};

// The names that may follow `path` (the segments before the one being typed:
// {"inputs", "parameters"} for `{{inputs.parameters.me`).
std::vector<Variable> variables_after(const std::vector<std::string>& path, const Place& place);

// What the reference `expression` ("tasks.a.outputs.result") names here, as
// Markdown, or "" if it names nothing flowc knows of.
std::string describe_reference(std::string_view expression, const Place& place);

// The task or step a `tasks.X...` / `steps.X...` reference names, or null.
const Member* referenced_task(std::string_view expression, const Place& place);

std::vector<std::string> split_path(std::string_view expression);

}  // namespace flowc::lsp

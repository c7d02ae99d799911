// Which bases make a class a workflow class: a DSL kind (Workflow, ...,
// WorkflowEventBinding), a workflow class of the same file, or one imported
// from another file of the compiled tree. A base that looks like the DSL's
// but is none of these is an error naming it, never a class silently skipped.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "frontend/dsl_names.h"
#include "frontend/reader.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

std::optional<WorkflowKind> workflow_kind(std::string_view dsl);

struct ClassBases {
  std::optional<WorkflowKind> kind;  // empty: not a workflow class
  std::vector<const Workflow*> bases;
  bool failed = false;               // a base could not be resolved (reported)
};

struct BaseLookup {
  const DslNames& names;
  // A workflow class defined earlier in this file, or null.
  std::function<const Workflow*(const std::string&)> local_workflow;
  // True if the file defines or assigns this name at module level.
  std::function<bool(const std::string&)> defined_here;
  ModuleLoader* loader = nullptr;
};

// `looks_like_workflow`: the class body has DSL members (@template, @task,
// ...), so a base that cannot be found is an error even if its name says
// nothing.
ClassBases read_class_bases(const SyntaxTree& tree, TSNode cls, const BaseLookup& lookup, bool looks_like_workflow,
                            DiagnosticSink& sink);

}  // namespace flowc

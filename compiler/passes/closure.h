// Closure assembly: a @closure function becomes a script's source. The body
// is taken from the syntax tree and dedented; each scope's functions are
// injected as `class <scope>:` with @staticmethod members; imports that run
// unconditionally at the top level of the body or of a scope function are
// hoisted to the front, deduplicated and merged.
#pragma once
#include "diag/diagnostic.h"
#include "ir/value_budget.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

// Each script copies the scope functions it uses: counted in `budget` (if
// given), so that many closures of a large scope cannot fill the memory.
void assemble_closures(const SyntaxTree& tree, Workflow& wf, const std::vector<ScopeFunction>& module_scopes,
                       DiagnosticSink& sink, ValueBudget* budget = nullptr);

// Closures that compile to the same template become one; their callers are retargeted.
void dedupe_closures(Workflow& wf);

}  // namespace flowc

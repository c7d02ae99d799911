// @closure: a function whose body becomes a script template. Reads the
// decorator's arguments (container fields to the script, template fields to
// the template, scopes) and the function's parameters (the template's
// inputs); the closure pass (passes/closure) assembles the script's source.
#pragma once
#include <optional>

#include "diag/diagnostic.h"
#include "frontend/checker.h"
#include "frontend/evaluator.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

struct ClosureReader {
  const SyntaxTree& tree;
  Evaluator& eval;
  Checker& checker;
  DiagnosticSink& sink;

  // `kwargs`: the decorator's evaluated arguments (a leading positional one
  // under "__positional__", a second under "__positional_scope__": argo-python-dsl's
  // closure(image, scope=None, ...)); `decorator`: its span, for errors.
  std::optional<Template> read(Template t, Value kwargs, Span decorator, TSNode def, const Env& env);

 private:
  // Parameters other than scope parameters (and a leading `self`) are inputs.
  bool read_inputs(Template& t, Closure& c, TSNode def, const Env& env);
};

}  // namespace flowc

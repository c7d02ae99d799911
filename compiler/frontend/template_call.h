// The template call in a task's or step's body: `return self.echo(message, extra="x")`.
#pragma once
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "frontend/checker.h"
#include "frontend/evaluator.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

// The name a function parameter binds: `x`, `x: int`, `x=1`, `x: int = 1`;
// "" for `*args`, `**kw` and the `/` and `*` markers.
std::string param_name(const SyntaxTree& tree, TSNode p);

// The parameters of a template's function that a positional argument can
// fill, in order: up to `*args` or a bare `*` (keyword-only after it),
// without a leading `self` when `method` (templates, and closures written
// as methods in the earlier SDK's way).
std::vector<std::string> template_params(const SyntaxTree& tree, TSNode def, bool method);

// Reads the arguments of `call` into the task. A keyword argument becomes an
// argument parameter (an argument artifact when its value is a
// V1alpha1Artifact); a positional one is evaluated and kept in
// `task.positional` for the DAG pass, which names it after the called
// template's parameter in that position. An argument that is one of the
// task's own parameters (`message=message`, or `message` alone) forwards the
// task's @parameter / @artifact: that is already an argument. False if an
// error was reported.
bool read_call_arguments(const SyntaxTree& tree, TSNode call, const std::vector<std::string>& task_params,
                         const Env& local, Evaluator& eval, Checker& checker, DiagnosticSink& sink, Task& task);

}  // namespace flowc

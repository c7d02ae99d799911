// Positional arguments of template calls, named by the called template's
// parameters: `return self.echo("hi")` with `def echo(self, message)` passes
// the argument parameter `message`.
#pragma once
#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

// Names `task.positional` after `tpl.params`, in order (as Python binds
// them), and moves them to the task's argument parameters / artifacts. Too
// many arguments, an argument also given by keyword, or one landing on a
// closure's scope parameter is an error, as Python's TypeError would be.
// False if an error was reported.
bool bind_positional_arguments(Task& task, const Template& tpl, DiagnosticSink& sink);

}  // namespace flowc

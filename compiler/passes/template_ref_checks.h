// Checks a typed reference's call (issue 23): `return Shared.echo(message="hi")`
// against the template it names in another module, as a call of a template
// of the same class is checked, but with errors: a WorkflowTemplate is shared,
// so an input renamed there must fail every caller, not warn.
#pragma once
#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

// Names the positional arguments (as for any call), then reports arguments
// the template does not take (E1304) and inputs it needs that the call does
// not give (E1305), each with a note at the template. False if an error was reported.
bool check_typed_call(Task& task, DiagnosticSink& sink);

// A note pointing at `tpl` in its own file: "template 'echo' of
// WorkflowTemplate 'shared' is defined here".
Note template_note(const Task& task);

}  // namespace flowc

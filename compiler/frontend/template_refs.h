// Typed references (issue 23): a task or step that calls a template of a
// WorkflowTemplate or ClusterWorkflowTemplate class of another module,
//
//     from flows.shared import Shared
//     ...
//     return Shared.echo(message="hi")
//
// becomes `templateRef: {name: <the WorkflowTemplate's metadata name>,
// template: <the template's name>, clusterScope: true}`. The class is read
// statically, as imported base classes are (ModuleLoader), so the call is
// checked against the template it names (passes/template_ref_checks.h).
#pragma once
#include <functional>
#include <string>

#include "diag/diagnostic.h"
#include "frontend/dsl_names.h"
#include "frontend/reader.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

struct RefLookup {
  const DslNames& names;
  // A workflow class defined earlier in this file, or null.
  std::function<const Workflow*(const std::string&)> local_workflow;
  ModuleLoader* loader = nullptr;
};

enum class TypedRef {
  None,    // `fn` names no workflow class of the project: not a typed reference
  Found,   // task.template_ref, ref_workflow and ref_template are set
  Failed,  // a workflow class, but the call is wrong (reported)
};

// `fn` is the called function of a task's `return <fn>(...)`.
TypedRef read_typed_reference(const SyntaxTree& tree, TSNode fn, const RefLookup& lookup, DiagnosticSink& sink,
                              Task& task);

// The name a WorkflowTemplate class is deployed under: its metadata name if
// the class sets one, else its kebab-case class name (as the Argo backend writes it).
std::string deployed_name(const Workflow& wf);

// "WorkflowTemplate 'shared'" / "ClusterWorkflowTemplate 'tools'".
std::string describe_template_class(const Workflow& wf);

}  // namespace flowc

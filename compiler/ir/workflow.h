// The target-neutral intermediate representation: what a workflow class means,
// independent of Argo or Peak syntax. The frontend fills it; passes check and
// complete it; backends turn it into documents.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "ir/value.h"

namespace flowc {

// A function decorated with @scope(name=...): injected into closures.
struct ScopeFunction {
  std::string scope;
  std::string name;
  TSNode function{};  // the function_definition node (decorators excluded)
  Span span;          // the function's name, for diagnostics
};

// A closure parameter that is a template input: bound at the top of the
// script from an environment variable Argo fills with {{inputs.parameters.NAME}},
// converted by the parameter's annotation.
struct ClosureInput {
  std::string name;
  std::string convert;  // "int", "float", "bool", "str" or "json"
};

// A @closure: a Python function that becomes a script template.
struct Closure {
  std::vector<ClosureInput> inputs;
  TSNode function{};                // function_definition
  std::vector<std::string> scopes;  // scope names, in the order given
  std::vector<Span> scope_spans;
  std::string source;               // filled by the closure pass
};

// Settings for one target only, from decorators of a target's module
// (`@peak.step(...)` -> key "peak.step"), kept as written (keyword names
// as given); other targets ignore them.
using Extensions = Value;  // a Dict: decorator name -> Dict of its keyword arguments


// A positional argument of a template call (`return self.echo("hi")`): the
// reader evaluates it; the DAG pass names it after the called template's
// parameter in the same position (Python's rule), once templates are known.
struct PositionalArgument {
  Value item = Value::dict();  // a V1alpha1Parameter / V1alpha1Artifact Dict, without its name
  bool artifact = false;       // item is an artifact (an V1alpha1Artifact passed)
  std::string forwarded;       // non-empty: a parameter of the task itself, already an argument
  Span span;
};

// Where a quick fix adds a decorator to a method (lsp, issue 15): the start
// of its `def` line after its indentation, and that indentation. `valid`
// false when the line holds more than the def (`class A: ...` one-liners).
struct DecoratePoint {
  bool valid = false;
  uint32_t at = 0;
  std::string indent;
};

struct Dependency {
  std::string task;
  Span span;
};

struct Workflow;
struct Template;

// A DAG task or a step: a call of a template with arguments.
struct Task {
  std::string name;
  std::string method;
  Span span;               // the method name
  std::string template_name;  // the called template's method (then Argo) name; empty with template_ref
  Span template_span;      // the `self.<template>` reference in the body
  Value template_ref;      // V1alpha1TemplateRef fields when the task returns one (else None)
  // A typed reference (`return Shared.echo(...)`, frontend/template_refs.h):
  // the WorkflowTemplate class and its template that the call names, read
  // from another module (they live as long as the compile); null otherwise.
  const Workflow* ref_workflow = nullptr;
  const Template* ref_template = nullptr;
  Value parameters = Value::list();  // argument parameters
  Value artifacts = Value::list();   // argument artifacts
  std::vector<Dependency> dependencies;
  std::vector<Dependency> implicit_dependencies;  // found from {{tasks.X...}} references
  std::vector<PositionalArgument> positional;  // named by the DAG pass, then moved to parameters/artifacts
  std::vector<std::string> keywords;           // keyword arguments of the call, by name (for duplicates)
  size_t call_parameters_at = 0;               // where the call's own arguments start in `parameters`
  size_t call_artifacts_at = 0;                // ... and in `artifacts` (after @parameter / @artifact)
  Value fields = Value::dict();  // other DAGTask / WorkflowStep fields: when, withItems, depends, hooks, ...
  bool parallel = false;         // steps: runs in the same group as the step before it
  Extensions extensions = Value::dict();
  bool broken = false;  // failed to read (already reported); checks skip it
  const SourceFile* file = nullptr;  // where its spans point: null, the compiled file; else an imported base's
  DecoratePoint decorate;            // lsp: where a fix adds a decorator
};

struct Template {
  std::string name;       // Argo name: method name with '_' -> '-'
  std::string method;     // the Python method name
  Span span;              // the method name
  std::string body_key;   // "container", "script", "resource", "dag", "steps", ...; "" for a whole V1alpha1Template
  Value body;             // the model's fields (a Dict)
  Value fields = Value::dict();  // template-level fields: retryStrategy, timeout, nodeSelector, ...
  std::vector<Task> tasks;                // body_key "dag": the nested @task methods
  std::vector<std::vector<Task>> steps;   // body_key "steps": groups of parallel @step methods
  Value input_parameters = Value::list();
  Value input_artifacts = Value::list();
  Value output_parameters = Value::list();
  Value output_artifacts = Value::list();
  std::optional<Closure> closure;
  // The method's parameters in order, without `self`: where a positional
  // argument of a template call goes. Closures: with their scope parameters.
  std::vector<std::string> params;
  std::vector<std::string> scope_params;  // closures: those of params that receive a scope
  Extensions extensions = Value::dict();
  bool broken = false;  // failed to read (already reported); checks skip it
  const SourceFile* file = nullptr;  // where its spans point: null, the compiled file; else an imported base's
  DecoratePoint decorate;            // lsp: where a fix adds a decorator
};

// WorkflowEventBinding: no templates; its spec (event, submit) is in Workflow::spec.
// Manifest: a verbatim Kubernetes document (frontend/manifest.h), written back unchanged.
enum class WorkflowKind { Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow, WorkflowEventBinding, Manifest };
// The kind as Argo and Kubernetes spell it (a Manifest's document keeps its own `kind`).
const char* kind_name(WorkflowKind k);

struct Workflow {
  WorkflowKind kind = WorkflowKind::Workflow;
  std::string class_name;
  Span span;                 // the class name
  std::string name;          // kebab-case class name
  Value metadata = Value::dict();   // explicit metadata fields (name, labels, ...)
  Value spec = Value::dict();       // WorkflowSpec fields from class attributes (WorkflowEventBindingSpec's for a binding)
  Value cron = Value::dict();       // CronWorkflowSpec fields (schedule, ...) of a CronWorkflow
  std::vector<Template> templates;
  std::vector<Task> tasks;
  std::vector<ScopeFunction> scopes;  // class-level @scope functions
  Extensions extensions = Value::dict();  // class decorators and __peak__ = {...}
  // Methods without DSL decorators (helpers, properties, ...): not part of
  // the workflow; kept by name to explain a task that calls one.
  std::vector<std::pair<std::string, Span>> helpers;
  bool broken_settings = false;  // a class attribute failed to read (already reported)
  // `name = None` / `generate_name = None`: no name from the class (a
  // nameless document, as an imported YAML may be); where it was written.
  std::optional<Span> nameless;
  Value manifest;                // kind Manifest: the document, as written
  const SourceFile* file = nullptr;  // the file it was read from (null: the compiled file)
};

// Marks everything of `wf` that has no file yet as read from `file`: called
// on the classes of an imported module once it is read, so that what a
// subclass inherits from them keeps pointing into that module.
void set_source_file(Workflow& wf, const SourceFile* file);

struct Module {
  std::vector<Workflow> workflows;
  std::vector<ScopeFunction> scopes;  // module-level @scope functions
};

}  // namespace flowc

// What the statements of a workflow class body are, by Python's rules and
// argo-python-dsl's: which definitions survive (a name bound twice keeps the
// later binding), which methods are not DSL members (properties, static and
// class methods, helpers: ignored, as the original library ignores them), and
// the one override flowc cannot honour (`__init__`, which it never runs).
#pragma once
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "frontend/dsl_names.h"
#include "ir/workflow.h"
#include "parse/syntax_tree.h"

namespace flowc {

// The name a class-body statement binds ("" if none): `x = ...`, `x: T = ...`,
// `def x`, `class x`, a decorated def or class.
std::string bound_name(const SyntaxTree& tree, TSNode statement);

// The main DSL decorator of a decorated definition ("template", "task",
// "closure", "scope", "dag", "steps", "step"), or "".
std::string dsl_member_kind(const SyntaxTree& tree, const DslNames& names, TSNode decorated);

// True if a class body reads like a workflow class's: a DSL member
// (@template, @task, ...) or a workflow setting (`entrypoint = ...`,
// `schedule = ...`: a field of WorkflowSpec or CronWorkflowSpec assigned
// without a type annotation, or `__metadata__`). A class whose base flowc
// cannot find is then an error rather than an unrelated class.
bool looks_like_workflow_body(const SyntaxTree& tree, const DslNames& names, TSNode body);

// For each statement of `body`: true if a later statement binds the same
// name, so Python (and the original library) keeps only that later one.
// Warns W0202 where either of the two is a DSL member.
std::vector<bool> shadowed_statements(const SyntaxTree& tree, const DslNames& names, TSNode body,
                                      DiagnosticSink& sink);

// A subclass member replaces the base's member of the same name whatever
// their kinds (a @template over a base's @task): Python looks the name up in
// the subclass first. Removes from `wf` (filled by inheritance) the members
// that an own member of another kind replaces; same-kind replacements keep
// the base's position and are the reader's.
void drop_overridden_inherited(const SyntaxTree& tree, const DslNames& names, TSNode body,
                               const std::vector<bool>& shadowed, Workflow& wf);

// A decorator that only makes a method something other than a DSL member:
// property (and its .setter/.getter/.deleter), staticmethod, classmethod,
// functools.cached_property / lru_cache / cache, abc.abstractmethod,
// typing.overload. `expr` is the decorator's expression.
bool is_inert_decorator(const SyntaxTree& tree, const DslNames& names, TSNode expr);

// A method that is not a DSL member but reads like a template or task whose
// decorator was forgotten (it returns a template body model, or a call of
// self.<method>(...)): W0203, since flowc, like argo-python-dsl, ignores it.
void warn_if_member_like(const SyntaxTree& tree, const DslNames& names, TSNode def, DiagnosticSink& sink);

// `def __init__` on a workflow class: allowed only if it does nothing but
// call the base's __init__; anything else is E0213 (flowc never runs it, so
// fields it sets would silently be missing).
void check_init_override(const SyntaxTree& tree, TSNode def, DiagnosticSink& sink);

}  // namespace flowc

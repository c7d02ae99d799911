// Argo's template variables: a flat scope from names ("inputs.parameters.x",
// "steps.A.outputs.result", "item", "workflow.name") to values, and the
// substitution of {{name}} and {{=expression}} tags in a template's fields.
// Follows util/template (v4.1.2): simple tags are looked up in the flat map,
// {{=...}} tags are evaluated by expr with the map nested by its dots
// (util/template/expression_template.go, template.EnvMap).
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

// Values are strings, except `item` (and its fields), which keep their JSON type.
using Scope = std::map<std::string, nlohmann::json>;

struct Substitution {
  bool ok = true;
  std::string error;  // the first tag that failed: "failed to resolve {{steps.A.outputs.result}}"
};

// The scope as expr's environment: {"inputs": {"parameters": {"x": "1"}}, ...}.
nlohmann::json expr_env(const Scope& scope);

// Replaces the tags in `text`. With `allow_unresolved`, a simple tag whose
// name is not in the scope stays as written (Argo substitutes a steps/DAG
// template's fields in two passes: its inputs first, then each step's
// arguments when the step runs); otherwise it is an error.
std::string substitute(const std::string& text, const Scope& scope, bool allow_unresolved, Substitution& status);

// The same in every string (and object key) of a JSON tree.
nlohmann::ordered_json substitute_tree(const nlohmann::ordered_json& tree, const Scope& scope, bool allow_unresolved,
                                       Substitution& status);

// A value as its text in a parameter ("a" -> a; 1 -> 1; {"a":1} -> {"a":1}).
std::string value_text(const nlohmann::json& v);

}  // namespace flowc::run

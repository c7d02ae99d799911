// The subset of expr (github.com/expr-lang/expr) that Argo's `expression`
// fields and {{=...}} tags use in Argo's examples: literals, variables with
// member and index access, ! not - + * / % ** == != < > <= >= in matches
// contains startsWith endsWith && and || or ?: ??, and the functions Argo
// adds (util/expr/env: asInt, asFloat, string, jsonpath, toJson, sprig.*)
// that are listed in expr.cpp. The environment is Argo's: the template's
// variables nested by their dots (util/expr/env.GetFuncMap with
// template.EnvMap). What is outside the subset is an error naming it, never
// a guess.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

struct ExprResult {
  bool ok = false;
  nlohmann::json value;
  std::string error;
};

ExprResult evaluate_expr(const std::string& expression, const nlohmann::json& env);

// A value as Argo turns an expression's result into a parameter's text
// (a string as it is; numbers, bools, lists and maps as JSON).
std::string expr_text(const nlohmann::json& v);

// Go's json.Marshal of a value: no spaces, map keys sorted, and <, >, &
// written as \u003c, \u003e, \u0026 (Argo's aggregated loop outputs and
// {{workflow.parameters.json}} are Go JSON).
std::string go_json(const nlohmann::json& v);

}  // namespace flowc::run

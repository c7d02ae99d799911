// The expr language (github.com/expr-lang/expr) as Argo's `expression`
// fields and {{=...}} tags run it: literals, [lists], {key: value} maps,
// member/index/slice access (a.b, a['b'], a[-1], a[1:3], ?.), ! not - + *
// / % ** == != < > <= >= in `not in` matches contains startsWith endsWith
// && and || or ?: ?? .., let, comments, and the predicate builtins (map,
// filter, all, any, none, one, count, find, findIndex, findLast,
// findLastIndex) over # and .field, evaluated here by re-reading the
// predicate's tokens per element. Plain functions (expr's builtins, Argo's
// asInt/asFloat/jsonpath/toJson, sprig.*) are in expr_functions.*; jsonpath
// in jsonpath.*; Go's printing of values in go_text.cpp. The environment is
// Argo's: the template's variables nested by their dots
// (util/expr/env.GetFuncMap with template.EnvMap). What is outside the
// language is an error naming it, never a guess.
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
// Go's strconv.Quote (fmt %q of a string): the text in double quotes with
// \" \\ \n \t ... escaped, other control bytes and invalid UTF-8 as \xNN.
std::string go_quote(const std::string& s);

// Go's fmt %v of a value: what Argo writes for a {{=...}} tag's result
// (util/template/expression_template.go resolveExpression:
// fmt.Sprintf("%v", result)) and an expression parameter
// (wfv1.AnyStringPtr): lists as [a b], maps as map[k:v], nil as <nil>,
// floats shortest (1e+06). Implemented in go_text.cpp with go_json.
std::string go_value_text(const nlohmann::json& v);

}  // namespace flowc::run

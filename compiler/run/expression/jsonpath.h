// jsonpath(doc, path) as Argo's expressions have it (util/expr/env/env.go
// jsonPath: json.Unmarshal of the text, then evilmonkeyinc/jsonpath's
// Query). The subset: $ then .key, ['key'], [n] (negative from the end),
// [a:b] slices, [*] / .* wildcards, [a,b] unions, [?(filter)] filters whose
// script is an expr-like condition over @, `..` recursive descent and
// `.length`. A
// definite path gives the value itself; a slice, wildcard, union, filter or
// `..` gives a list (what the library returns). Anything else is an error
// naming it, never a guess.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

// Evaluates a filter's condition with `@` bound to one element; returns
// true when the element is kept. Given by the caller (the expr evaluator)
// so that this file holds only the path language.
using JsonpathFilter = std::function<bool(const std::string& condition, const nlohmann::json& current)>;

// Throws std::runtime_error with a message naming the path on any failure
// (bad JSON, a key or index that is not there, unsupported syntax), as the
// library returns an error and Argo's jsonPath panics with it.
nlohmann::json jsonpath_query(const nlohmann::json& doc, const std::string& path, const JsonpathFilter& filter);

}  // namespace flowc::run

// The functions an Argo expression can call that take plain values (no
// predicate): expr-lang's builtins (github.com/expr-lang/expr builtin/
// builtin.go: len, abs, int, float, string, trim, upper, split, join, keys,
// max, toJSON, toBase64, ...), Argo's own (util/expr/env/env.go GetFuncMap:
// asInt, asFloat, jsonpath, toJson) and the sprig functions Argo exposes as
// `sprig.NAME` (Masterminds/sprig v3 GenericFuncMap). Predicate builtins
// (map, filter, all, any, ...) are evaluated by the parser in expr.cpp,
// which owns the closures. A name not listed is an error naming it.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/expression/jsonpath.h"

namespace flowc::run {

// True when `name` (e.g. "len", "sprig.add") is a function known here.
bool expr_function_known(const std::string& name);

// Calls it; throws std::runtime_error naming the function on a wrong
// argument (count or type), as expr-lang's runtime does.
nlohmann::json call_expr_function(const std::string& name, const std::vector<nlohmann::json>& args,
                                  const JsonpathFilter& jsonpath_filter);

}  // namespace flowc::run

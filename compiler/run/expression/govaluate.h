// `when` conditions, evaluated as Argo's controller does: the condition is
// substituted first ({{...}} replaced), then parsed by govaluate, with every
// bare identifier turned into a string (so `heads == heads` compares two
// strings), and the result must be a boolean.
// Follows workflow/controller/operator.go shouldExecute (v4.1.2): "The
// following loop converts govaluate variables (which we don't use), into
// strings", then "Expected boolean evaluation for '%s'. Got %v".
#pragma once
#include <string>

namespace flowc::run {

struct WhenResult {
  bool ok = false;      // false: `error` says why (the node becomes Error)
  bool value = false;
  std::string error;
};

// Supported: numbers (float64, as govaluate), 'single' and "double" quoted
// strings, true/false, bare identifiers (strings), parentheses, unary ! and -,
// + - * / %, == != < > <= >=, =~ !~ (regular expressions), && ||.
// Anything else (?:, ??, in, bit operators, functions) is an error naming the
// token, never a guess.
WhenResult evaluate_when(const std::string& expression);

}  // namespace flowc::run

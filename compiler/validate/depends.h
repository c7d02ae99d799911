// A DAG task's `depends` expression ("A && (B.Failed || !C.Skipped)"), read as
// Argo's controller reads it: task names, optional .Result, &&, ||, !, parentheses.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

struct DependsRef {
  std::string task;
  std::string result;  // "" (plain name), "Succeeded", "AnySucceeded", ...
  size_t offset = 0;   // byte offset of the name in the expression
};

struct DependsParse {
  std::vector<DependsRef> refs;
  std::string error;  // "" when the expression is well formed
  size_t error_offset = 0;
};

DependsParse parse_depends(std::string_view expr);
// A result Argo knows: Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded, AllFailed.
bool is_task_result(std::string_view result);
bool is_items_result(std::string_view result);  // AnySucceeded, AllFailed

}  // namespace flowc

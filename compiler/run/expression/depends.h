// A DAG task's `depends` (and `dependencies`, rewritten into it), evaluated
// as workflow/controller/dag.go evaluateDependsLogic does (v4.1.2): each
// dependency's TaskResults (Succeeded, Failed, Errored, Skipped, Omitted,
// Daemoned, AnySucceeded, AllFailed), a bare name meaning
// "(X.Succeeded || X.Skipped || X.Daemoned)" (plus X.Failed / X.Errored when
// X has continueOn failed / error: dag.go expandDependency), joined with
// && || ! and parentheses.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace flowc::run {

struct TaskResults {
  bool succeeded = false, failed = false, errored = false, skipped = false, omitted = false, daemoned = false,
       any_succeeded = false, all_failed = false;
};

struct DependsParse {
  bool ok = false;
  std::string error;
  std::vector<std::string> tasks;  // the task names it names, in order, once each
};

// The task names a `depends` expression uses; an error for what is not Argo's
// depends syntax.
DependsParse parse_depends(const std::string& depends);

// Evaluates `depends` with the results of each named task. `continues(name,
// "failed"|"error")` says whether task `name` has that continueOn (for bare
// names).
bool evaluate_depends(const std::string& depends, const std::map<std::string, TaskResults>& results,
                      const std::function<bool(const std::string&, const char*)>& continues);

// `dependencies: [A, B]` as the depends expression Argo makes of it
// (dag.go GetTaskDependsLogic: each name expanded, joined with &&).
std::string dependencies_to_depends(const std::vector<std::string>& deps);

}  // namespace flowc::run

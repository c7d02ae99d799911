// The DSL's decorators as the editor features describe them: which Argo
// model a decorator stands for (its keywords are that model's fields), or
// which field of a task it sets.
#pragma once
#include <string_view>
#include <vector>

namespace flowc::lsp {

struct DecoratorHelp {
  const char* name;     // as written after '@': "inputs.parameter"
  const char* model;    // the model whose fields its keywords are, or whose description it shows
  const char* field;    // JSON field of `model` it sets ("" : the model itself)
  const char* summary;  // one line
};

const std::vector<DecoratorHelp>& decorators();
// By name as written ("inputs.parameter", "dsl.template": the last part when not inputs./outputs.), or null.
const DecoratorHelp* find_decorator(std::string_view name);

// The model a call's keywords are fields of: a model class (V1Container), or
// a decorator that stands for one; null for other calls.
const char* keyword_model(std::string_view callee);

}  // namespace flowc::lsp

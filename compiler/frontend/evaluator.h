// Static evaluation: the small, side-effect-free part of Python the DSL needs
// (literals, containers, constants, textwrap.dedent, model constructors).
// Anything else is a diagnostic naming the construct; nothing is executed.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>

#include "frontend/dsl_names.h"
#include "ir/value.h"
#include "ir/value_budget.h"
#include "parse/syntax_tree.h"

namespace flowc {

// Names bound to expressions, evaluated on first use (so order of definition
// at module level does not matter, and a constant defined in terms of itself
// is reported instead of looping).
class Env {
 public:
  explicit Env(const Env* parent = nullptr) : parent_(parent) {}
  void bind(const std::string& name, TSNode expr) { entries_[name] = Entry{expr, std::nullopt, false, true, {}}; }
  void bind_value(const std::string& name, Value v) { entries_[name] = Entry{{}, std::move(v), false, false, {}}; }
  // Marks a name as known but not statically evaluable (a function parameter, ...).
  void bind_opaque(const std::string& name, std::string why);
  bool has_local(const std::string& name) const { return entries_.count(name) > 0; }

 private:
  friend class Evaluator;
  struct Entry {
    TSNode expr{};
    std::optional<Value> value;
    bool evaluating = false;
    bool lazy = false;
    std::string opaque;  // non-empty: why this name has no static value
  };
  Entry* find(const std::string& name) const;
  const Env* parent_;
  mutable std::unordered_map<std::string, Entry> entries_;
};

class Evaluator {
 public:
  Evaluator(const SyntaxTree& tree, const DslNames& names, DiagnosticSink& sink, ValueBudget* budget = nullptr)
      : tree_(tree), names_(names), sink_(sink), budget_(budget ? budget : &own_budget_) {}

  // Evaluates `expr`; on failure reports why and returns nullopt.
  std::optional<Value> eval(TSNode expr, const Env& env);
  // Counts `size` more bytes built for `at` (because of `why`, for the
  // message); false, with a diagnostic, past a bound of the budget.
  bool charge(Span at, uint64_t size, const char* why);
  // Python string literal text (with prefix and quotes) -> its value.
  static bool decode_string(std::string_view literal, std::string& out, std::string& error);
  // textwrap.dedent, exactly.
  static std::string dedent(std::string_view text);

 private:
  std::optional<Value> eval_call(TSNode call, const Env& env);
  std::optional<Value> eval_name(TSNode id, const Env& env);
  std::optional<Value> fail(TSNode n, std::string message);
  // Counts `size` more bytes built at `n`; false (and a diagnostic) past a bound.
  bool charge(TSNode n, uint64_t size);

  const SyntaxTree& tree_;
  const DslNames& names_;
  DiagnosticSink& sink_;
  ValueBudget own_budget_;
  ValueBudget* budget_;
  int depth_ = 0;
};

}  // namespace flowc

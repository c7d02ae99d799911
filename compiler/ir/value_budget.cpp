#include "ir/value_budget.h"

#include <string>
#include <vector>

namespace flowc {

bool ValueBudget::charge(DiagnosticSink& sink, Span at, uint64_t size, const char* why) {
  if (size > kMaxValue) {
    sink.error("E0120", at,
               "this value would take " + std::to_string(size) + " bytes; flowc evaluates values of at most " +
                   std::to_string(kMaxValue) + " bytes (64 MiB)");
    return false;
  }
  if (used + size > limit) {
    // Reported once: every later value fails the same way.
    if (!total_reported)
      sink.error("E0121", at,
                 "the values evaluated for this compile would take more than " + std::to_string(limit) +
                     " bytes in all (256 MiB plus 16 per byte of source); " + why);
    total_reported = true;
    return false;
  }
  used += size;
  return true;
}

uint64_t value_size(const Value& root) {
  uint64_t size = 0;
  std::vector<const Value*> todo{&root};
  while (!todo.empty()) {
    const Value* v = todo.back();
    todo.pop_back();
    size += sizeof(Value) + v->text.size() + v->model.size();
    for (const auto& item : v->items) todo.push_back(&item);
    for (const auto& [key, item] : v->fields) {
      size += key.size();
      todo.push_back(&item);
    }
  }
  return size;
}

uint64_t inherited_size(const Workflow& base) {
  auto task_size = [](const Task& t) {
    return sizeof(Task) + t.name.size() + t.method.size() + t.template_name.size() + value_size(t.template_ref) +
           value_size(t.parameters) + value_size(t.artifacts) + value_size(t.fields) + value_size(t.extensions) +
           (t.dependencies.size() + t.implicit_dependencies.size()) * sizeof(Dependency);
  };
  uint64_t size = value_size(base.spec) + value_size(base.cron) + value_size(base.metadata) + value_size(base.extensions);
  for (const auto& t : base.templates) {
    size += sizeof(Template) + t.name.size() + t.method.size() + value_size(t.body) + value_size(t.fields) +
            value_size(t.input_parameters) + value_size(t.input_artifacts) + value_size(t.output_parameters) +
            value_size(t.output_artifacts) + value_size(t.extensions) + (t.closure ? t.closure->source.size() : 0);
    for (const auto& task : t.tasks) size += task_size(task);
    for (const auto& group : t.steps)
      for (const auto& task : group) size += task_size(task);
  }
  for (const auto& t : base.tasks) size += task_size(t);
  size += base.scopes.size() * sizeof(ScopeFunction);
  return size;
}

}  // namespace flowc

// The scheduler (run/scheduler.h), part: loops (steps.go expandStep / dag.go expandTask).
// Scheduler::Impl is declared in run/scheduler/impl.h.
#include "run/scheduler/impl.h"

namespace flowc::run {

bool Scheduler::Impl::loop_items(const ojson& step, Frame& frame, std::vector<json>& items, bool& is_loop, std::string& error) {
  is_loop = false;
  if (step.contains("withItems")) {
    is_loop = true;
    Substitution sub;
    ojson v = substitute_tree(step["withItems"], frame.vars, false, sub);
    if (!sub.ok) {
      error = sub.error;
      return false;
    }
    for (auto& x : v) items.push_back(json::parse(x.dump()));
    return true;
  }
  if (step.contains("withParam")) {
    is_loop = true;
    Substitution sub;
    std::string text = substitute(str(step, "withParam"), frame.vars, false, sub);
    if (!sub.ok) {
      error = sub.error;
      return false;
    }
    json list;
    try {
      list = json::parse(text);
    } catch (...) {
      error = "withParam value could not be parsed as a JSON list: " + text;
      return false;
    }
    if (!list.is_array()) {
      error = "withParam value could not be parsed as a JSON list: " + text;
      return false;
    }
    for (auto& x : list) items.push_back(x);
    return true;
  }
  if (step.contains("withSequence")) {
    is_loop = true;
    Substitution sub;
    ojson seq = substitute_tree(step["withSequence"], frame.vars, false, sub);
    if (!sub.ok) {
      error = sub.error;
      return false;
    }
    // steps.go expandSequence (sequence.h).
    if (!expand_sequence(json::parse(seq.dump()), items, error)) return false;
    return true;
  }
  return true;
}

std::vector<Scheduler::Impl::Expanded> Scheduler::Impl::expand(const ojson& step, const std::vector<json>& items, Frame& frame) {
  std::vector<Expanded> out;
  std::string name = str(step, "name");
  for (size_t i = 0; i < items.size(); ++i) {
    Scope s = frame.vars;
    s["item"] = items[i];
    if (items[i].is_object())
      for (auto& [k, v] : items[i].items()) s["item." + k] = v;
    ojson copy = step;
    copy.erase("withItems");
    copy.erase("withParam");
    copy.erase("withSequence");
    Substitution sub;
    // Only the item is substituted here (steps.go expandStep uses the item
    // alone); the rest when the step runs.
    Scope item_only;
    item_only["item"] = items[i];
    if (items[i].is_object())
      for (auto& [k, v] : items[i].items()) item_only["item." + k] = v;
    copy = substitute_tree(copy, item_only, true, sub);
    copy["name"] = name + "(" + std::to_string(i) + ":" + item_label(items[i]) + ")";
    out.push_back({copy, true});
  }
  return out;
}

}  // namespace flowc::run

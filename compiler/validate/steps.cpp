// Steps templates.
#include "validate/validator.h"

#include <algorithm>
#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

void Validator::validate_steps(const J& t, const std::string& tp, Scope& scope, Base& base, const std::string& label) {
  if (get(t, "activeDeadlineSeconds"))
    report("E0708", tp + "/activeDeadlineSeconds", label + ".activeDeadlineSeconds is only valid for leaf templates", &base);
  for (auto& g : globals_) scope.keys.insert(g);
  const J& groups = *get(t, "steps");
  if (!groups.is_array()) return report("E0708", tp + "/steps", label + ".steps must be a list of lists of steps", &base);
  std::unordered_set<std::string> names;
  for (size_t i = 0; i < groups.size(); ++i) {
    const J* group = &groups[i];
    std::string gp = tp + "/steps/" + std::to_string(i);
    if (group->is_object() && get(*group, "steps")) group = get(*group, "steps"), gp += "/steps";
    if (!group->is_array()) {
      report("E0708", gp, label + ".steps[" + std::to_string(i) + "] must be a list of steps", &base);
      continue;
    }
    for (size_t j = 0; j < group->size(); ++j) {
      const J& step = (*group)[j];
      std::string sp = gp + "/" + std::to_string(j);
      std::string name = text(step, "name");
      std::string sl = label + ".steps[" + std::to_string(i) + "]." + name;
      if (name.empty()) {
        report("E0701", sp, label + ".steps[" + std::to_string(i) + "].name is required", &base);
        continue;
      }
      if (!names.insert(name).second) report("E0702", sp + "/name", label + ".steps[" + std::to_string(i) + "].name '" + name + "' is not unique", &base);
      if (auto e = rules::workflow_field_name_error(name); !e.empty())
        report("E0701", sp + "/name", label + ".steps[" + std::to_string(i) + "].name '" + name + "' is invalid: " + e, &base);
      scope.nodes["steps." + name].status = true;
      add_items(step, sp, scope, base, sl);
      static const J none = J::object();
      const J* args = get(step, "arguments") ? get(step, "arguments") : &none;
      check_arguments(*args, sp + "/arguments", sl + ".arguments.", false, &base);
      call_ptr_ = sp;
      call_base_ = &base;
      const J* resolved = holder_template(step, sp, base, Args{args}, sl);
      call_ptr_.clear();
      check_hooks(get(step, "hooks"), sp + "/hooks", sl + ".hooks", base);
      if (get(get(step, "hooks"), "exit")) add_outputs(resolved, "steps", name, scope, false);  // the exit hook sees them
      Scope* use = &scope;
      Scope with_inline;
      if (const J* in = get(get(step, "inline"), "inputs"); in && get(in, "parameters")) {
        with_inline = scope;
        for (auto& p : *get(in, "parameters")) with_inline.keys.insert("inputs.parameters." + text(p, "name"));
        use = &with_inline;
      }
      std::string ptr = sp;
      if (get(step, "inline")) {  // an inline template is checked as a template
        J without_inline = step;
        without_inline.erase("inline");
        check_vars(without_inline, ptr, *use, nullptr, base, label + ".steps");
      } else {
        check_vars(step, ptr, *use, nullptr, base, label + ".steps");
      }
      bool aggregate = length(get(step, "withItems")) > 0 || nonempty(step, "withParam");
      add_outputs(resolved, "steps", name, scope, aggregate);
      if (!resolved && !get(step, "template") && !get(step, "templateRef") && !get(step, "inline"))
        report("E0703", sp, sl + " calls no template (template, templateRef or inline)", &base);
    }
  }
}

}  // namespace flowc::validation

// What Kubernetes refuses in the pod-level fields Argo passes on: podGC's
// label selector (Argo parses it while validating, validate.go:329-331) and
// the resource names of pod-level resources (spec.podResources and a
// template's podResources, refused by the API server when the pod is made).
#include "validate/validator.h"

#include <string_view>

#include "validate/rules.h"

namespace flowc::validation {

namespace {

// Kubernetes' labels.NewRequirement for one matchExpressions entry (or one
// matchLabels pair, operator "="): "" if valid, else why not, in its words.
std::string requirement_error(const std::string& key, const std::string& op, const J* values) {
  if (auto e = rules::qualified_name_error(key); !e.empty()) return "key: Invalid value: \"" + key + "\": " + e;
  size_t n = length(values);
  if ((op == "In" || op == "NotIn") && n == 0)
    return "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty";
  if ((op == "Exists" || op == "DoesNotExist") && n != 0)
    return "values: Invalid value: [...]: values set must be empty for exists and does not exist";
  if (values && values->is_array())
    for (auto& v : *values)
      if (auto e = rules::label_value_error(text(&v)); !e.empty())
        return "values[0]: Invalid value: \"" + text(&v) + "\": " + e;
  return "";
}

}  // namespace

// Argo's PodGC.GetLabelSelector -> metav1.LabelSelectorAsSelector (validate.go:329-331).
void Validator::check_pod_gc_selector(const J& gc, const std::string& gp) {
  const J* sel = get(gc, "labelSelector");
  if (!sel || !sel->is_object()) return;
  auto bad = [&](const std::string& at, const std::string& why) {
    report("E0503", at, "podGC.labelSelector invalid: " + why);
  };
  if (const J* ml = get(sel, "matchLabels"); ml && ml->is_object())
    for (auto it = ml->begin(); it != ml->end(); ++it) {
      J one = J::array({it.value()});
      if (auto e = requirement_error(it.key(), "=", &one); !e.empty())
        bad(gp + "/labelSelector/matchLabels" + pointer_token(it.key()), e);
    }
  const J* me = get(sel, "matchExpressions");
  if (!me || !me->is_array()) return;
  for (size_t i = 0; i < me->size(); ++i) {
    const J& x = (*me)[i];
    std::string xp = gp + "/labelSelector/matchExpressions/" + std::to_string(i);
    std::string op = text(x, "operator");
    if (op != "In" && op != "NotIn" && op != "Exists" && op != "DoesNotExist") {
      bad(xp + "/operator", "\"" + op + "\" is not a valid label selector operator");
      continue;
    }
    if (auto e = requirement_error(text(x, "key"), op, get(x, "values")); !e.empty()) bad(xp, e);
  }
}

// Pod-level resources (Kubernetes' validatePodResources): only cpu, memory
// and hugepages-<size> may be requested or limited for a whole pod.
void Validator::check_pod_resources(const J& pr, const std::string& pp, const std::string& label, Base& base) {
  for (const char* kind : {"requests", "limits"}) {
    const J* m = get(pr, kind);
    if (!m || !m->is_object()) continue;
    for (auto it = m->begin(); it != m->end(); ++it) {
      const std::string& r = it.key();
      if (r == "cpu" || r == "memory" || (r.starts_with("hugepages-") && r.size() > 10)) continue;
      report("E0505", pp + "/" + kind + pointer_token(r),
             label + ".podResources." + kind + ": Unsupported value: \"" + r +
                 "\": Kubernetes supports only \"cpu\", \"memory\" and \"hugepages-<size>\" as pod-level resources",
             &base);
    }
  }
}

}  // namespace flowc::validation

#include "validate/model_walk.h"

#include "frontend/version_rules.h"
#include "validate/span_table.h"

namespace flowc {

namespace {

using J = nlohmann::ordered_json;

class Walk {
 public:
  Walk(ArgoVersion version, ModelVisitor& visitor) : version_(version), visitor_(visitor) {}

  // `v` at `ptr` is of type descriptor `type` (models.h: str int ... a model, [T], {T}).
  void walk(const J& v, std::string& ptr, std::string_view type) {
    if (type.size() > 2 && (type.front() == '[' || type.front() == '{')) {
      std::string_view inner = type.substr(1, type.size() - 2);
      if (type.front() == '[' && v.is_array())
        for (size_t i = 0; i < v.size(); ++i) at(ptr, pointer_token(i), [&] { walk(v[i], ptr, inner); });
      if (type.front() == '{' && v.is_object())
        for (auto it = v.begin(); it != v.end(); ++it) at(ptr, pointer_token(it.key()), [&] { walk(it.value(), ptr, inner); });
      return;
    }
    // Scalars, IntOrString, Quantity, raw JSON ("any", "object"): nothing to walk into.
    const models::Model* m = models::find_model(type);
    if (!m || m->open || !v.is_object()) return;
    if (!m->in(version_))
      if (const models::Model* alias = version_alias(m->python); alias && alias->in(version_)) m = alias;
    visitor_.object(*m, v, ptr);
    for (auto it = v.begin(); it != v.end(); ++it)
      at(ptr, pointer_token(it.key()), [&] {
        if (const models::Field* f = visitor_.field(*m, it.key(), it.value(), ptr))
          walk(it.value(), ptr, models::type_in(*m, *f, version_));
      });
  }

 private:
  template <class F>
  void at(std::string& ptr, const std::string& token, F&& f) {
    size_t len = ptr.size();
    ptr += token;
    f();
    ptr.resize(len);
  }

  ArgoVersion version_;
  ModelVisitor& visitor_;
};

}  // namespace

std::string_view model_for_kind(std::string_view kind) {
  if (kind == "Workflow") return "V1alpha1Workflow";
  if (kind == "WorkflowTemplate") return "V1alpha1WorkflowTemplate";
  if (kind == "ClusterWorkflowTemplate") return "V1alpha1ClusterWorkflowTemplate";
  if (kind == "CronWorkflow") return "V1alpha1CronWorkflow";
  return "";
}

std::string short_model_name(const models::Model& m) {
  std::string_view d = m.definition;
  size_t dot = d.rfind('.');
  return std::string(dot == std::string_view::npos ? d : d.substr(dot + 1));
}

bool walk_models(const J& doc, ArgoVersion version, ModelVisitor& visitor) {
  if (!doc.is_object() || !doc.contains("kind") || !doc["kind"].is_string()) return false;
  std::string_view model = model_for_kind(doc["kind"].get_ref<const std::string&>());
  if (model.empty()) return false;
  Walk walk(version, visitor);
  std::string ptr;
  walk.walk(doc, ptr, model);
  return true;
}

}  // namespace flowc

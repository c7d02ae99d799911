#include "validate/scope.h"

namespace flowc::validation {

bool named_in(const J* list, std::string_view name) {
  if (!list || !list->is_array()) return false;
  for (auto& x : *list)
    if (const J* n = get(x, "name"); n && n->is_string() && n->get_ref<const std::string&>() == name) return true;
  return false;
}

bool node_resolves(const std::string& tag, const Scope& scope) {
  size_t d1 = tag.find('.');
  size_t d2 = d1 == std::string::npos ? d1 : tag.find('.', d1 + 1);
  if (d2 == std::string::npos) return false;
  auto it = scope.nodes.find(tag.substr(0, d2));
  if (it == scope.nodes.end()) return false;
  const NodeRef& n = it->second;
  std::string_view rest = std::string_view(tag).substr(d2);
  if (n.unknown || rest == ".id" || rest == ".startedAt" || rest == ".finishedAt" || rest == ".hostNodeName") return true;
  if (rest == ".status") return n.status;
  if (!n.tmpl) return false;
  std::string type = template_type(*n.tmpl);
  if (rest == ".ip") return get(*n.tmpl, "daemon") && get(*n.tmpl, "daemon")->is_boolean() && get(*n.tmpl, "daemon")->get<bool>();
  if (rest == ".outputs.result" || rest == ".exitCode")
    return has_output(type) || (n.aggregate && (type == "script" || type == "containerSet"));
  if (rest == ".outputs.parameters") return n.aggregate;
  const J* outputs = get(*n.tmpl, "outputs");
  if (rest.starts_with(".outputs.parameters.")) return named_in(get(outputs, "parameters"), rest.substr(20));
  if (rest.starts_with(".outputs.artifacts.")) return named_in(get(outputs, "artifacts"), rest.substr(19));
  return false;
}

}  // namespace flowc::validation

// Naming rules shared by every stage, exactly argo-python-dsl's.
#pragma once
#include <string>
#include <string_view>

namespace flowc {

// Class name -> resource name: inflection's dasherize(underscore(name)),
// so "DagDiamond" -> "dag-diamond", "HTTPServerFlow" -> "http-server-flow".
std::string class_to_kebab(std::string_view name);
// Method name -> template or task name: '_' becomes '-', case kept.
std::string method_to_name(std::string_view name);
// Python keyword -> Argo / Kubernetes JSON field: "image_pull_policy" ->
// "imagePullPolicy", "_from" -> "from" (a leading '_' escapes a keyword).
std::string snake_to_camel(std::string_view name);
// RFC 1123 label-ish check used for template and task names.
bool is_valid_dns_name(std::string_view name, size_t max_len = 63);

}  // namespace flowc

#include "validate/document_access.h"

namespace flowc::validation {


const J* get(const J* o, std::string_view key) {
  if (!o || !o->is_object()) return nullptr;
  auto it = o->find(key);
  return it == o->end() || it->is_null() ? nullptr : &*it;
}
const J* get(const J& o, std::string_view key) { return get(&o, key); }

// A string field (Go's string): numbers and booleans as their text, else "".
std::string text(const J* j) {
  if (!j) return "";
  if (j->is_string()) return j->get<std::string>();
  if (j->is_number() || j->is_boolean()) return j->dump();
  return "";
}
std::string text(const J& o, std::string_view key) { return text(get(o, key)); }
std::string text(const J* o, std::string_view key) { return text(get(o, key)); }
bool nonempty(const J& o, std::string_view key) { return !text(o, key).empty(); }
size_t length(const J* j) { return j && (j->is_array() || j->is_object()) ? j->size() : 0; }

const char* const kTemplateTypes[10] = {"container", "containerSet", "steps", "script", "resource",
                                      "dag",       "suspend",      "data",  "http",   "plugin"};

std::string template_type(const J& t) {
  for (const char* k : kTemplateTypes)
    if (get(t, k)) return k;
  return "";
}
std::string argo_type_name(const std::string& type) {
  static const std::pair<const char*, const char*> names[] = {
      {"container", "Container"}, {"containerSet", "ContainerSet"}, {"steps", "Steps"}, {"script", "Script"},
      {"resource", "Resource"},   {"dag", "DAG"},                   {"suspend", "Suspend"}, {"data", "Data"},
      {"http", "HTTP"},           {"plugin", "Plugin"}};
  for (auto& [field, name] : names)
    if (type == field) return name;
  return type;
}
bool is_leaf(const std::string& type) {
  return type == "container" || type == "containerSet" || type == "script" || type == "resource" || type == "data" ||
         type == "http" || type == "plugin";
}
bool is_pod_type(const std::string& type) {
  return type == "container" || type == "containerSet" || type == "script" || type == "resource" || type == "data";
}
bool has_output(const std::string& type) {
  return type == "container" || type == "containerSet" || type == "script" || type == "data" || type == "http" ||
         type == "plugin";
}

// Go's Artifact.HasLocationOrKey(): a location with its required field, or a key.
const char* const kLocations[10] = {"s3", "git", "http", "artifactory", "hdfs", "raw", "oss", "gcs", "azure", "plugin"};
bool location_complete(const std::string& kind, const J& loc) {
  if (kind == "s3" || kind == "oss" || kind == "gcs") return nonempty(loc, "key");
  if (kind == "git") return nonempty(loc, "repo");
  if (kind == "http" || kind == "artifactory") return nonempty(loc, "url");
  if (kind == "hdfs") return nonempty(loc, "path");
  if (kind == "raw") return get(loc, "data") != nullptr;
  if (kind == "azure") return nonempty(loc, "blob");
  if (kind == "plugin") return nonempty(loc, "key");
  return true;
}
bool has_location_or_key(const J& art) {
  if (nonempty(art, "key")) return true;
  for (const char* k : kLocations)
    if (const J* loc = get(art, k); loc && location_complete(k, *loc)) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

}  // namespace flowc::validation

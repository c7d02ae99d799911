#include "cli/project.h"

#include <sys/stat.h>

#include "cli/cli_app.h"

#include <charconv>
#include <filesystem>
#include <sstream>

#include <toml++/toml.h>

#include "cli/requires_python.h"
#include "ir/argo_version.h"
#include "parse/python_version.h"

namespace flowc::cli {

namespace fs = std::filesystem;

namespace {

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string parent(const std::string& folder) {
  auto slash = folder.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return folder.substr(0, slash);
}

// Python's repr() of a TOML value, as the message of the Python CLI shows it.
std::string repr(const toml::node& node) {
  if (auto s = node.as_string()) {
    const std::string& v = s->get();
    char quote = v.find('\'') != std::string::npos && v.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, quote);
    for (char c : v) {
      if (c == '\\' || c == quote) out += '\\';
      out += c;
    }
    return out + quote;
  }
  if (auto b = node.as_boolean()) return b->get() ? "True" : "False";
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto f = node.as_floating_point()) {
    char buf[64];
    auto end = std::to_chars(buf, buf + sizeof buf, f->get()).ptr;  // shortest round trip, as Python's repr
    std::string text(buf, end);
    if (text.find_first_of(".en") == std::string::npos) text += ".0";  // Python writes 3.0, not 3
    return text;
  }
  if (node.is_array()) return "[...]";
  if (node.is_table()) return "{...}";
  return "<date or time>";
}

std::optional<std::string> string_setting(const toml::table& t, const char* key, const std::string& path,
                                          std::string& error) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto s = n->as_string()) return s->get();
  if (error.empty()) error = path + ": error: [tool.flowc] " + key + " = " + repr(*n) + " must be a string";
  return std::nullopt;
}

std::optional<std::vector<std::string>> list_setting(const toml::table& t, const char* key, const std::string& path,
                                                     std::string& error) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  std::vector<std::string> out;
  if (auto a = n->as_array()) {
    for (auto& item : *a) {
      if (auto s = item.as_string()) {
        out.push_back(s->get());
        continue;
      }
      if (error.empty()) error = path + ": error: [tool.flowc] " + key + " must be a list of strings";
      return std::nullopt;
    }
    return out;
  }
  if (error.empty()) error = path + ": error: [tool.flowc] " + key + " must be a list of strings";
  return std::nullopt;
}

// Checks a setting's value against its choices.
void check_choice(const std::optional<std::string>& value, const char* key, const std::vector<std::string>& choices,
                  const std::string& path, std::string& error) {
  if (!value || !error.empty()) return;
  for (auto& c : choices)
    if (*value == c) return;
  std::string list;
  for (auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  error = path + ": error: [tool.flowc] " + key + " = '" + *value + "' is not one of " + list;
}

// Reads the [tool.flowc] table of one pyproject.toml. Returns false if the
// file has no such table (the search goes on upwards).
bool read_table(const std::string& path, ProjectLookup& out) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream o;
    o << e.description() << " (at line " << e.source().begin.line << ", column " << e.source().begin.column << ")";
    out.settings.path = path;
    out.error = path + ": error: cannot read it: " + o.str();
    return true;
  }
  const toml::node* node = doc.at_path("tool.flowc").node();
  if (!node) return false;
  out.settings.path = path;
  out.settings.folder = parent(path);
  const toml::table* t = node->as_table();
  if (!t) {
    out.error = path + ": error: [tool.flowc] must be a table";
    return true;
  }
  auto& s = out.settings;
  std::string& error = out.error;
  if (const toml::node* v = t->get("argo-version")) {
    bool known = false;
    if (auto str = v->as_string())
      for (auto& a : argo_versions()) known = known || str->get() == a;
    if (known) {
      s.argo_version = v->as_string()->get();
    } else {
      std::string list;
      for (auto& a : argo_versions()) list += (list.empty() ? "" : ", ") + a;
      error = path + ": error: [tool.flowc] argo-version = " + repr(*v) +
              " is not a version flowc writes for (one of " + list + ")";
    }
  }
  s.target = string_setting(*t, "target", path, error);
  s.format = string_setting(*t, "format", path, error);
  s.output = string_setting(*t, "output", path, error);
  s.layout = string_setting(*t, "layout", path, error);
  s.include = list_setting(*t, "include", path, error);
  s.exclude = list_setting(*t, "exclude", path, error);
  s.external_templates = list_setting(*t, "external-templates", path, error);
  check_choice(s.target, "target", {"argo", "peak"}, path, error);
  check_choice(s.format, "format", {"yaml", "json"}, path, error);
  check_choice(s.layout, "layout", {"mirror", "beside"}, path, error);
  return true;
}

}  // namespace

std::vector<std::string> argo_versions() {
  std::vector<std::string> out;
  for (auto v : kArgoVersions) out.emplace_back(v);
  return out;
}

namespace {

// True if an absolute path has no "." or ".." component and no "//": then it
// is already what lexically_normal() would make of it. That is nearly every
// path, and std::filesystem's normalisation costs a warm run (thousands of
// paths, each looked up several times) more than its stat() calls.
bool already_normal(const std::string& s) {
  if (s.find("//") != std::string::npos) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '.' || (i > 0 && s[i - 1] != '/')) continue;
    size_t end = i + 1 < s.size() && s[i + 1] == '.' ? i + 2 : i + 1;
    if (end == s.size() || s[end] == '/') return false;  // "/." or "/.." as a whole component
  }
  return true;
}

}  // namespace

namespace {

// The working folder, asked of the system once: flowc never changes it, and
// a run over 1,000 files asks for absolute paths thousands of times (a
// getcwd() each was 45% of an up-to-date run's system-call time).
const std::string& working_folder() {
  static const std::string cwd = [] {
    std::error_code ec;
    return fs::current_path(ec).string();
  }();
  return cwd;
}

}  // namespace

std::string absolute_path(const std::string& path) {
  std::string s;
  if (!path.empty() && path[0] == '/') {
    s = path;
  } else {
    s = working_folder() + "/" + path;
  }
  if (!already_normal(s)) s = fs::path(s).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

ProjectLookup ProjectFinder::for_folder(const std::string& start) {
  std::vector<std::string> visited;
  std::string folder = start;
  ProjectLookup found;
  while (true) {
    auto it = by_folder_.find(folder);
    if (it != by_folder_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(folder);
    std::string candidate = (folder == "/" ? "" : folder) + "/pyproject.toml";
    if (is_file(candidate) && read_table(candidate, found)) break;
    std::string up = parent(folder);
    if (up == folder) break;
    folder = up;
  }
  for (auto& v : visited) by_folder_[v] = found;
  return found;
}

ProjectLookup ProjectFinder::for_file(const std::string& source_path) {
  return for_folder(parent(absolute_path(source_path)));
}

std::string argo_version_for(ProjectFinder& finder, const std::string& source_path,
                             const std::string& explicit_version, std::string& error) {
  if (!explicit_version.empty()) return explicit_version;
  if (source_path.empty() || source_path == "-" || source_path[0] == '<') return "";
  ProjectLookup p = finder.for_file(source_path);
  if (!p.ok()) {
    error = p.error;
    return "";
  }
  return p.settings.argo_version.value_or("");
}

void add_argo_version_option(CLI::App& app, std::string& into, const std::string& what, const std::string& whose) {
  std::vector<std::string> versions = argo_versions();
  std::string list;
  for (auto& v : versions) list += (list.empty() ? "" : ", ") + v;
  app.add_option("--argo-version", into,
                 what + ": " + list + " (default: the argo-version under [tool.flowc] in the " + whose +
                     " pyproject.toml, else " + kDefaultArgoVersion + ")")
      ->type_name(choice_name(versions, "X.Y"))
      ->check(choice(versions));
}

}  // namespace flowc::cli

namespace flowc::cli {

namespace {

// One pyproject.toml's word on the Python version: true if it has one.
bool read_python_setting(const std::string& path, PythonLookup& out) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return false;  // reported by the [tool.flowc] lookup if it matters there
  }
  if (const toml::node* v = doc.at_path("tool.flowc.python-version").node()) {
    auto s = v->as_string();
    if (s && parse_python_version(s->get())) {
      out.version = s->get();
    } else {
      out.error = path + ": error: [tool.flowc] python-version = " + repr(*v) +
                  " is not a version flowc reads (one of " + python_version_list() + ")";
    }
    return true;
  }
  if (const toml::node* v = doc.at_path("project.requires-python").node()) {
    if (auto s = v->as_string()) {
      out.version = lowest_required_python(s->get()).name();
      return true;
    }
  }
  return false;
}

}  // namespace

PythonLookup ProjectFinder::python_for_file(const std::string& source_path) {
  std::vector<std::string> visited;
  std::string folder = parent(absolute_path(source_path));
  PythonLookup found;
  while (true) {
    auto it = python_by_folder_.find(folder);
    if (it != python_by_folder_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(folder);
    std::string candidate = (folder == "/" ? "" : folder) + "/pyproject.toml";
    if (is_file(candidate) && read_python_setting(candidate, found)) break;
    std::string up = parent(folder);
    if (up == folder) break;
    folder = up;
  }
  for (auto& v : visited) python_by_folder_[v] = found;
  return found;
}

std::string python_version_for(ProjectFinder& finder, const std::string& source_path,
                               const std::string& explicit_version, std::string& error) {
  if (!explicit_version.empty()) return explicit_version;
  if (source_path.empty() || source_path == "-" || source_path[0] == '<') return "";
  PythonLookup p = finder.python_for_file(source_path);
  if (!p.error.empty() && error.empty()) error = p.error;
  return p.version;
}

void add_python_version_option(CLI::App& app, std::string& into) {
  std::vector<std::string> versions;
  for (int m = kOldestPythonMinor; m <= kNewestPythonMinor; ++m) versions.push_back(PythonVersion{m}.name());
  app.add_option("--python-version", into,
                 "the Python version the source is read as: " + python_version_list() +
                     " (default: python-version under [tool.flowc], else the lowest of [project] requires-python, "
                     "in the file's pyproject.toml; else " + PythonVersion{}.name() + ")")
      ->type_name(choice_name(versions, "X.Y"))
      ->check(choice(versions));
}

}  // namespace flowc::cli

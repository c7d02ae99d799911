#include "frontend/dsl_names.h"

#include <array>
#include <string>
#include <vector>

namespace flowc {

namespace {

// Modules whose public names are the DSL's. The seed's DSL was published as
// argo.workflows.sdk and later argo.workflows.dsl; both keep `tasks` and
// `templates` submodules. Model classes come from the Argo client too.
constexpr std::array<std::string_view, 11> kDslModules = {
    "argo.workflows.dsl",          "argo.workflows.dsl.tasks",    "argo.workflows.dsl.templates",
    "argo.workflows.sdk",          "argo.workflows.sdk.tasks",    "argo.workflows.sdk.templates",
    "flowc.dsl",                   "flowc.dsl.tasks",             "flowc.dsl.templates",
    "argo.workflows.client.models", "argo.workflows.client"};

// Modules of model classes only (V1Volume, ...): the Kubernetes client's, and
// `argo.workflows.models`, which code written for older Argo clients imports.
constexpr std::array<std::string_view, 3> kModelModules = {"argo.workflows.models", "kubernetes.client",
                                                           "kubernetes.client.models"};

// Python's built-in classes: a star import of the DSL does not shadow them
// (`class Meta(type)`, `class Base(object)` in a file importing the DSL with *).
bool is_builtin_class(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kBuiltins = {
      "object", "type", "dict", "list", "tuple", "set", "frozenset", "str",
      "int", "float", "bool", "bytes", "bytearray", "complex", "property", "super"};
  for (auto b : kBuiltins)
    if (b == name) return true;
  return name.ends_with("Error") || name.ends_with("Exception") || name.ends_with("Warning") ||
         name == "BaseExceptionGroup" || name == "ExceptionGroup";
}

bool is_model_module(std::string_view dotted) {
  for (auto m : kModelModules)
    if (m == dotted) return true;
  return false;
}

constexpr std::array<std::string_view, 27> kDslNames = {
    "Manifest",  // a verbatim Kubernetes document (frontend/manifest.h)
    "Workflow",  "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "template",
    "closure",   "scope",            "inputs",                  "outputs",      "parameter",
    "artifact",  "task",             "dependencies",            "when",         "with_items",
    "with_param", "with_sequence",   "continue_on",             "steps",        "dag",
    "peak",      "depends",          "step",                    "parallel",     "WorkflowEventBinding",
    "arguments"};  // argo.workflows.sdk's @arguments.parameter / @arguments.artifact

bool known_dsl_name(std::string_view n) {
  for (auto k : kDslNames)
    if (k == n) return true;
  return DslNames::is_model_name(n);
}

std::string dotted_text(const SyntaxTree& tree, TSNode n) {
  // dotted_name / aliased_import name: join identifiers with '.'
  std::string out;
  for (uint32_t i = 0; i < named_count(n); ++i) {
    if (!out.empty()) out += '.';
    out += tree.text(named_child(n, i));
  }
  if (out.empty()) out = tree.text(n);
  return out;
}

}  // namespace

std::pair<std::string, std::string> DslNames::import_origin(const std::string& local) const {
  auto it = bindings_.find(local);
  if (it == bindings_.end() || it->second.kind != Binding::Kind::Other) return {};
  const std::string& full = it->second.target;
  size_t dot = full.rfind('.');
  if (dot == std::string::npos || dot + 1 == full.size()) return {};
  std::string module = full.substr(0, dot);
  // "from . import x" gives "..x"-style paths: the module is the dots alone.
  return {module, full.substr(dot + 1)};
}

// `Shared = other_module.Other` after `from flows.shared import Shared`: the
// name no longer means the imported class, and flowc does not evaluate what
// it means now (issue 23: said at a call through it, never guessed).
void DslNames::note_rebinding(const SyntaxTree& tree, TSNode statement) {
  for (uint32_t k = 0; k < named_count(statement); ++k) {
    TSNode a = named_child(statement, k);
    if (!is(a, "assignment") && !is(a, "augmented_assignment")) continue;
    TSNode left = field(a, "left");
    if (!is(left, "identifier")) continue;
    std::string name(tree.text(left));
    auto it = bindings_.find(name);
    if (it != bindings_.end() && it->second.kind != Binding::Kind::Dsl && !is_dsl_module(it->second.target)) {
      bindings_.erase(it);
      rebound_.insert(name);
    }
  }
}

std::string DslNames::imported_path(const std::string& local) const {
  auto it = bindings_.find(local);
  if (it == bindings_.end() || it->second.kind == Binding::Kind::Dsl) return "";
  const std::string& full = it->second.target;
  if (it->second.kind == Binding::Kind::Module) return full;
  // `from . import b` was bound as "." + "." + "b": the module is ".b"
  // (`from ..p import b` is "..p.b", right as it is).
  size_t dots = 0;
  while (dots < full.size() && full[dots] == '.') ++dots;
  return dots >= 2 && full.find('.', dots) == std::string::npos ? full.substr(1) : full;
}

bool DslNames::is_dsl_module(std::string_view dotted) {
  for (auto m : kDslModules)
    if (m == dotted) return true;
  return false;
}

bool DslNames::is_model_name(std::string_view n) {
  // Python client class names of Argo and Kubernetes models: V1Container,
  // V1alpha1Template, ... (the field tables check that the model exists).
  if (n.size() < 3 || n[0] != 'V' || n[1] < '0' || n[1] > '9') return false;
  size_t i = 1;
  while (i < n.size() && n[i] >= '0' && n[i] <= '9') ++i;
  if (n.substr(i).starts_with("alpha") || n.substr(i).starts_with("beta")) {
    while (i < n.size() && n[i] >= 'a' && n[i] <= 'z') ++i;
    while (i < n.size() && n[i] >= '0' && n[i] <= '9') ++i;
  }
  return i < n.size() && n[i] >= 'A' && n[i] <= 'Z';
}

void DslNames::import_all_dsl() {
  star_dsl_ = true;
  for (auto n : kDslNames) bindings_[std::string(n)] = {Binding::Kind::Dsl, std::string(n)};
}

void DslNames::read_imports(const SyntaxTree& tree, TSNode module, DiagnosticSink& sink) {
  (void)sink;
  for (uint32_t i = 0; i < named_count(module); ++i) {
    TSNode st = named_child(module, i);
    if (is(st, "expression_statement")) {
      note_rebinding(tree, st);
      continue;
    }
    if (is(st, "import_statement")) {
      // import a.b.c          -> binds a (as module "a")
      // import a.b.c as x     -> binds x (as module "a.b.c")
      for (uint32_t j = 0; j < named_count(st); ++j) {
        TSNode item = named_child(st, j);
        if (is(item, "aliased_import")) {
          std::string path = dotted_text(tree, field(item, "name"));
          bindings_[std::string(tree.text(field(item, "alias")))] = {Binding::Kind::Module, path};
        } else if (is(item, "dotted_name")) {
          std::string path = dotted_text(tree, item);
          std::string head = path.substr(0, path.find('.'));
          bindings_[head] = {Binding::Kind::Module, head};
        }
      }
    } else if (is(st, "import_from_statement")) {
      TSNode mod = field(st, "module_name");
      std::string path = is(mod, "relative_import") ? std::string(tree.text(mod)) : dotted_text(tree, mod);
      bool dsl = is_dsl_module(path);
      bool star = false;
      for (uint32_t j = 0; j < named_count(st); ++j)
        if (is(named_child(st, j), "wildcard_import")) star = true;
      if (star) {
        if (dsl) import_all_dsl();
        else if (is_model_module(path)) star_models_ = true;
        else star_modules_.push_back(path);
        continue;
      }
      uint32_t n = ts_node_child_count(st);
      for (uint32_t j = 0; j < n; ++j) {
        if (!ts_node_is_named(ts_node_child(st, j))) continue;
        const char* fname = ts_node_field_name_for_child(st, j);
        if (!fname || std::string_view(fname) != "name") continue;
        TSNode item = ts_node_child(st, j);
        std::string name, alias;
        if (is(item, "aliased_import")) {
          name = dotted_text(tree, field(item, "name"));
          alias = tree.text(field(item, "alias"));
        } else {
          name = dotted_text(tree, item);
          alias = name;
        }
        std::string full = path + "." + name;
        if (path == "flowc.dsl.peak") {  // Peak-only settings: peak.step, peak.workflow, ...
          bindings_[alias] = {Binding::Kind::Dsl, "peak." + name};
        } else if (dsl && known_dsl_name(name)) {
          bindings_[alias] = {Binding::Kind::Dsl, name};
        } else if (is_model_module(path) && is_model_name(name)) {
          bindings_[alias] = {Binding::Kind::Dsl, name};
        } else if (is_dsl_module(full) || is_model_module(full) || path == "argo" || path == "argo.workflows" ||
                   path == "flowc" || path == "kubernetes") {
          bindings_[alias] = {Binding::Kind::Module, full};
        } else if (path == "textwrap" && name == "dedent") {
          bindings_[alias] = {Binding::Kind::Dsl, "textwrap.dedent"};
        } else if ((path == "typing" || path == "typing_extensions") && name == "no_type_check") {
          bindings_[alias] = {Binding::Kind::Dsl, "typing.no_type_check"};
        } else {
          bindings_[alias] = {Binding::Kind::Other, full};
        }
      }
    }
  }
}

std::string DslNames::resolve_dotted(std::string_view dotted) const {
  // Longest DSL-module prefix, then the rest is a DSL name (maybe with a member).
  if (dotted == "textwrap.dedent") return "textwrap.dedent";
  if (dotted == "typing.no_type_check" || dotted == "typing_extensions.no_type_check") return "typing.no_type_check";
  if (dotted.starts_with("flowc.dsl.peak.")) return "peak." + std::string(dotted.substr(15));
  for (size_t cut = dotted.rfind('.'); cut != std::string_view::npos; cut = dotted.rfind('.', cut - 1)) {
    if (is_dsl_module(dotted.substr(0, cut))) {
      std::string rest(dotted.substr(cut + 1));
      std::string head = rest.substr(0, rest.find('.'));
      return known_dsl_name(head) ? rest : "";
    }
    if (is_model_module(dotted.substr(0, cut))) {
      std::string rest(dotted.substr(cut + 1));
      return is_model_name(rest) ? rest : "";
    }
    if (cut == 0) break;
  }
  return "";
}

std::string DslNames::dsl_module_of(const SyntaxTree& tree, TSNode expr) const {
  std::vector<std::string> parts;
  TSNode n = expr;
  while (is(n, "attribute")) {
    parts.insert(parts.begin(), std::string(tree.text(field(n, "attribute"))));
    n = field(n, "object");
  }
  if (!is(n, "identifier")) return "";
  auto it = bindings_.find(std::string(tree.text(n)));
  if (it == bindings_.end())
    return star_dsl_ && parts.empty() && !is_builtin_class(tree.text(n)) ? "argo.workflows.dsl" : "";
  if (it->second.kind == Binding::Kind::Dsl) return "argo.workflows.dsl";
  std::string full = it->second.target;
  for (auto& p : parts) full += "." + p;
  size_t dot = full.rfind('.');
  if (dot == std::string::npos) return "";
  std::string module = full.substr(0, dot);
  return is_dsl_module(module) ? module : "";
}

std::string DslNames::resolve(const SyntaxTree& tree, TSNode expr) const {
  // Flatten attribute chains: a.b.c -> ["a", "b", "c"].
  std::vector<std::string_view> parts;
  TSNode n = expr;
  while (is(n, "attribute")) {
    parts.push_back(tree.text(field(n, "attribute")));
    n = field(n, "object");
  }
  if (!is(n, "identifier")) return "";
  parts.push_back(tree.text(n));
  auto it = bindings_.find(std::string(parts.back()));
  if (it == bindings_.end()) {
    if ((star_dsl_ || star_models_) && is_model_name(parts.back()) && parts.size() == 1)
      return std::string(parts.back());
    return "";
  }
  std::string rest;
  for (size_t i = parts.size() - 1; i-- > 0;) {
    rest += '.';
    rest += parts[i];
  }
  std::string out;
  switch (it->second.kind) {
    case Binding::Kind::Dsl: out = it->second.target + rest; break;
    case Binding::Kind::Module: out = resolve_dotted(it->second.target + rest); break;
    case Binding::Kind::Other: return "";
  }
  // The SDK's `arguments` namespace names the argument forms: @arguments.parameter is @parameter.
  if (out == "arguments.parameter" || out == "arguments.artifact") return out.substr(10);
  return out;
}

}  // namespace flowc

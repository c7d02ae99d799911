#include "frontend/class_members.h"

#include <unordered_map>

#include "frontend/models.h"

namespace flowc {

namespace {

bool is_main_dsl(std::string_view dsl) {
  return dsl == "template" || dsl == "closure" || dsl == "task" || dsl == "scope" || dsl == "dag" ||
         dsl == "steps" || dsl == "step";
}

// The decorator's callee: `@x` -> x, `@x(...)` -> x.
TSNode decorator_callee(TSNode decorator) {
  TSNode expr = named_child(decorator, 0);
  return is(expr, "call") ? field(expr, "function") : expr;
}

TSNode definition_of(TSNode st) { return is(st, "decorated_definition") ? field(st, "definition") : st; }

// Model classes a template returns (template_body_key in reader.cpp).
bool is_template_body_model(std::string_view m) {
  return m == "V1Container" || m == "V1alpha1ScriptTemplate" || m == "V1alpha1ResourceTemplate" ||
         m == "V1alpha1SuspendTemplate" || m == "V1alpha1HTTP" || m == "V1alpha1ContainerSetTemplate" ||
         m == "V1alpha1Data" || m == "V1alpha1Template";
}

bool is_self_attribute(const SyntaxTree& tree, TSNode n) {
  return is(n, "attribute") && is(field(n, "object"), "identifier") && tree.text(field(n, "object")) == "self";
}

// `super().__init__(...)` or `Base.__init__(self, ...)`: the base's own setup.
bool is_base_init_call(const SyntaxTree& tree, TSNode st) {
  if (!is(st, "expression_statement") || named_count(st) != 1) return false;
  TSNode call = named_child(st, 0);
  if (!is(call, "call")) return false;
  TSNode fn = field(call, "function");
  return is(fn, "attribute") && tree.text(field(fn, "attribute")) == "__init__";
}

// How to write statically what an __init__ statement sets at run time.
std::string static_form(const SyntaxTree& tree, TSNode st) {
  TSNode a = is(st, "expression_statement") && named_count(st) == 1 ? named_child(st, 0) : TSNode{};
  if (!is(a, "assignment") && !is(a, "augmented_assignment")) return "";
  TSNode left = field(a, "left");
  TSNode right = field(a, "right");
  std::string value = ts_node_is_null(right) ? "..." : std::string(tree.text(right));
  if (value.size() > 40) value = "...";
  // self.spec.X = v / self.metadata.X = v -> class attribute X = v
  if (is(left, "attribute")) {
    TSNode obj = field(left, "object");
    std::string attr(tree.text(field(left, "attribute")));
    if (is_self_attribute(tree, obj)) {
      std::string part(tree.text(field(obj, "attribute")));
      if (part == "spec" || part == "metadata")
        return "write it as a class attribute: " + attr + " = " + value;
    }
    if (is(obj, "identifier") && tree.text(obj) == "self")
      return "write it as a class constant (" + attr + " = " + value +
             ") and use it where the templates need it, or pass the value in a decorator";
  }
  return "";
}

}  // namespace

std::string bound_name(const SyntaxTree& tree, TSNode st) {
  if (is(st, "expression_statement") && named_count(st) == 1) {
    TSNode a = named_child(st, 0);
    if (is(a, "assignment") && is(field(a, "left"), "identifier")) return std::string(tree.text(field(a, "left")));
    return "";
  }
  TSNode def = definition_of(st);
  if (is(def, "function_definition") || is(def, "class_definition")) return std::string(tree.text(field(def, "name")));
  return "";
}

std::string dsl_member_kind(const SyntaxTree& tree, const DslNames& names, TSNode decorated) {
  if (!is(decorated, "decorated_definition")) return "";
  for (uint32_t i = 0; i < named_count(decorated); ++i) {
    TSNode d = named_child(decorated, i);
    if (!is(d, "decorator")) continue;
    std::string dsl = names.resolve(tree, decorator_callee(d));
    if (is_main_dsl(dsl)) return dsl;
  }
  return "";
}

bool looks_like_workflow_body(const SyntaxTree& tree, const DslNames& names, TSNode body) {
  static const models::Model* spec = models::find_model("V1alpha1WorkflowSpec");
  static const models::Model* cron = models::find_model("V1alpha1CronWorkflowSpec");
  for (uint32_t i = 0; i < named_count(body); ++i) {
    TSNode st = named_child(body, i);
    if (!dsl_member_kind(tree, names, st).empty()) return true;
    if (!is(st, "expression_statement") || named_count(st) != 1) continue;
    TSNode a = named_child(st, 0);
    if (!is(a, "assignment") || !ts_node_is_null(field(a, "type")) || !is(field(a, "left"), "identifier")) continue;
    std::string name(tree.text(field(a, "left")));
    if (name == "__metadata__" || name == "schedule" || models::find_keyword(*spec, name) ||
        models::find_keyword(*cron, name))
      return true;
  }
  return false;
}

std::vector<bool> shadowed_statements(const SyntaxTree& tree, const DslNames& names, TSNode body,
                                      DiagnosticSink& sink) {
  uint32_t n = named_count(body);
  std::vector<bool> shadowed(n, false);
  std::unordered_map<std::string, uint32_t> last;  // name -> its latest statement so far
  for (uint32_t i = 0; i < n; ++i) {
    TSNode st = named_child(body, i);
    std::string name = bound_name(tree, st);
    if (name.empty()) continue;
    auto [it, fresh] = last.emplace(name, i);
    if (fresh) continue;
    TSNode earlier = named_child(body, it->second);
    shadowed[it->second] = true;
    std::string before = dsl_member_kind(tree, names, earlier);
    std::string after = dsl_member_kind(tree, names, st);
    if (!before.empty() || !after.empty()) {
      TSNode at = definition_of(earlier);
      TSNode name_node = is(at, "function_definition") || is(at, "class_definition") ? field(at, "name") : earlier;
      std::string what = before.empty() ? "this definition" : "this @" + before;
      auto& d = sink.warning("W0202", tree.span(name_node),
                             "'" + name + "' is defined again later in the class; Python keeps only the later " +
                                 "definition, so " + what + " is ignored");
      TSNode later = definition_of(st);
      TSNode later_name = is(later, "function_definition") || is(later, "class_definition") ? field(later, "name") : st;
      d.notes.push_back({after.empty() ? std::string("the later definition") : "the later definition, a @" + after,
                         tree.span(later_name)});
    }
    it->second = i;
  }
  return shadowed;
}

void drop_overridden_inherited(const SyntaxTree& tree, const DslNames& names, TSNode body,
                               const std::vector<bool>& shadowed, Workflow& wf) {
  if (wf.templates.empty() && wf.tasks.empty() && wf.scopes.empty()) return;
  std::unordered_map<std::string, std::string> own;  // name -> "template" | "task" | "scope" | ""
  for (uint32_t i = 0; i < named_count(body); ++i) {
    if (shadowed[i]) continue;
    TSNode st = named_child(body, i);
    std::string name = bound_name(tree, st);
    if (name.empty()) continue;
    std::string kind = dsl_member_kind(tree, names, st);
    own[name] = kind == "task" || kind == "scope" ? kind : kind.empty() ? "" : "template";
  }
  auto other = [&](const std::string& name, const char* kind) {
    auto it = own.find(name);
    return it != own.end() && it->second != kind;
  };
  std::erase_if(wf.templates, [&](const Template& t) { return other(t.method, "template"); });
  std::erase_if(wf.tasks, [&](const Task& t) { return other(t.method, "task"); });
  std::erase_if(wf.scopes, [&](const ScopeFunction& f) { return other(f.name, "scope"); });
}

bool is_inert_decorator(const SyntaxTree& tree, const DslNames& names, TSNode expr) {
  TSNode callee = is(expr, "call") ? field(expr, "function") : expr;
  if (is(callee, "identifier")) {
    std::string id(tree.text(callee));
    if (id == "property" || id == "staticmethod" || id == "classmethod")
      return !names.is_imported(id);  // the builtins, not a name imported over them
    auto [module, name] = names.import_origin(id);
    std::string full = module + "." + name;
    return full == "functools.cached_property" || full == "functools.lru_cache" || full == "functools.cache" ||
           full == "abc.abstractmethod" || full == "typing.overload";
  }
  if (is(callee, "attribute") && is(field(callee, "object"), "identifier")) {
    std::string attr(tree.text(field(callee, "attribute")));
    std::string obj(tree.text(field(callee, "object")));
    if (attr == "setter" || attr == "getter" || attr == "deleter") return true;  // @prop.setter
    if (!names.is_imported(obj)) return false;
    return (obj == "functools" && (attr == "cached_property" || attr == "lru_cache" || attr == "cache")) ||
           (obj == "abc" && attr == "abstractmethod") || (obj == "typing" && attr == "overload");
  }
  return false;
}

void warn_if_member_like(const SyntaxTree& tree, const DslNames& names, TSNode def, DiagnosticSink& sink) {
  TSNode body = field(def, "body");
  for (uint32_t i = 0; i < named_count(body); ++i) {
    TSNode st = named_child(body, i);
    if (!is(st, "return_statement") || named_count(st) != 1) continue;
    TSNode call = named_child(st, 0);
    if (!is(call, "call")) continue;
    TSNode fn = field(call, "function");
    std::string model = names.resolve(tree, fn);
    std::string looks;
    if (is_template_body_model(model)) looks = "a template (it returns " + model + ")";
    else if (is_self_attribute(tree, fn)) looks = "a task (it returns a call of self." + std::string(tree.text(field(fn, "attribute"))) + ")";
    if (looks.empty()) continue;
    std::string name(tree.text(field(def, "name")));
    auto& d = sink.warning("W0203", tree.span(field(def, "name")),
                           "method '" + name + "' looks like " + looks + " but has no DSL decorator; it is not part of the workflow");
    d.notes.push_back({"argo-python-dsl ignores such methods too; add @template or @task if it is meant to be one",
                       std::nullopt});
    return;
  }
}

void check_init_override(const SyntaxTree& tree, TSNode def, DiagnosticSink& sink) {
  TSNode body = field(def, "body");
  for (uint32_t i = 0; i < named_count(body); ++i) {
    TSNode st = named_child(body, i);
    if (is(st, "comment") || is(st, "pass_statement") || is_base_init_call(tree, st)) continue;
    if (i == 0 && is(st, "expression_statement") && named_count(st) == 1 && is(named_child(st, 0), "string")) continue;
    auto& d = sink.error("E0213", tree.span(st),
                         "flowc does not run __init__, so what this statement does at run time would be missing "
                         "from the compiled workflow");
    std::string how = static_form(tree, st);
    d.notes.push_back({how.empty() ? std::string("say it statically: settings as class attributes "
                                                 "(service_account_name = \"...\"), values as class constants or "
                                                 "decorator arguments")
                                   : how,
                       std::nullopt});
    d.notes.push_back({"flowc reads the class without running it; an __init__ may only call the base's __init__",
                       std::nullopt});
    return;
  }
}

}  // namespace flowc

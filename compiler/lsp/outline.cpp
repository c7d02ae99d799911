#include "lsp/outline.h"

#include <algorithm>

#include "ir/names.h"
#include "parse/syntax_tree.h"

namespace flowc::lsp {

std::string_view node_text(TSNode n, std::string_view text) {
  if (ts_node_is_null(n)) return {};
  uint32_t b = std::min<uint32_t>(ts_node_start_byte(n), text.size());
  uint32_t e = std::min<uint32_t>(ts_node_end_byte(n), text.size());
  return text.substr(b, e > b ? e - b : 0);
}

std::string string_content(TSNode n, std::string_view text) {
  if (!is(n, "string")) return "";
  uint32_t count = ts_node_child_count(n);
  if (count < 2) return "";
  TSNode start = ts_node_child(n, 0), end = ts_node_child(n, count - 1);
  if (!is(start, "string_start") || !is(end, "string_end")) return "";
  uint32_t b = ts_node_end_byte(start), e = ts_node_start_byte(end);
  return e > b && e <= text.size() ? std::string(text.substr(b, e - b)) : "";
}

std::string Decorator::string(std::string_view key) const {
  for (auto& [k, v] : strings)
    if (k == key) return v;
  return "";
}

bool Member::has(std::string_view decorator) const {
  return std::any_of(decorators.begin(), decorators.end(), [&](const Decorator& d) { return d.name == decorator; });
}

std::vector<std::string> Member::declared(std::string_view decorator) const {
  std::vector<std::string> out;
  for (auto& d : decorators)
    if (d.name == decorator)
      if (std::string n = d.string("name"); !n.empty()) out.push_back(n);
  return out;
}

std::vector<std::string> Member::input_parameters() const {
  std::vector<std::string> out = declared("inputs.parameter");
  if (kind == MemberKind::Closure) {
    // A closure's parameters are its inputs, except those that receive a scope.
    std::vector<std::string> scopes;
    for (auto& d : decorators)
      if (d.name == "closure")
        if (std::string s = d.string("scope"); !s.empty()) scopes.push_back(s);
    for (auto& p : params)
      if (std::find(scopes.begin(), scopes.end(), p) == scopes.end() &&
          std::find(out.begin(), out.end(), p) == out.end())
        out.push_back(p);
  }
  return out;
}

const Member* ClassInfo::find(std::string_view key) const {
  for (auto& m : members)
    if (m.method == key || m.name == key) return &m;
  return nullptr;
}

const Member* ClassInfo::find_task(std::string_view key) const {
  for (auto& m : members) {
    if ((m.kind == MemberKind::Task || m.kind == MemberKind::Step) && (m.method == key || m.name == key)) return &m;
    for (auto& n : m.nested)
      if (n.method == key || n.name == key) return &n;
  }
  return nullptr;
}

const ClassInfo* Outline::class_at(uint32_t offset) const {
  for (auto& c : classes)
    if (c.span.begin <= offset && offset <= c.span.end) return &c;
  return nullptr;
}

const ClassInfo* Outline::find_class(std::string_view name) const {
  for (auto& c : classes)
    if (c.name == name) return &c;
  return nullptr;
}

const Member* member_at(const ClassInfo& c, uint32_t offset) {
  for (auto& m : c.members) {
    if (offset < m.span.begin || offset > m.span.end) continue;
    for (auto& n : m.nested)
      if (n.span.begin <= offset && offset <= n.span.end) return &n;
    return &m;
  }
  return nullptr;
}

const Member* parent_of(const ClassInfo& c, const Member& nested) {
  for (auto& m : c.members)
    for (auto& n : m.nested)
      if (&n == &nested) return &m;
  return nullptr;
}

TSNode safe_field(TSNode n, const char* name) { return ts_node_is_null(n) ? TSNode{} : field(n, name); }
uint32_t named_count_of(TSNode n) { return ts_node_is_null(n) ? 0 : ts_node_named_child_count(n); }
TSNode named_child_of(TSNode n, uint32_t i) { return i < named_count_of(n) ? ts_node_named_child(n, i) : TSNode{}; }

std::vector<TSNode> named_children(TSNode n) {
  std::vector<TSNode> out;
  if (ts_node_is_null(n)) return out;
  // A cursor walks the children in linear time (ts_node_named_child(n, i)
  // walks from the start each time). Not flowc::named_child: its cache is
  // tied to SyntaxTree's lifetime, and these trees are the documents'.
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) do {
      TSNode k = ts_tree_cursor_current_node(&c);
      if (ts_node_is_named(k)) out.push_back(k);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  ts_tree_cursor_delete(&c);
  return out;
}

namespace {

Span span_of(TSNode n) { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

Decorator read_decorator(TSNode deco, std::string_view text) {
  Decorator d;
  TSNode expr = named_child_of(deco, 0);
  d.node = expr;
  TSNode callee = is(expr, "call") ? safe_field(expr, "function") : expr;
  d.name = std::string(node_text(callee, text));
  d.name.erase(std::remove_if(d.name.begin(), d.name.end(), [](char c) { return c == ' ' || c == '\n'; }),
               d.name.end());
  d.span = span_of(callee);
  if (is(expr, "call")) {
    TSNode args = safe_field(expr, "arguments");
    for (uint32_t i = 0, n = named_count_of(args); i < n; ++i) {
      TSNode a = named_child_of(args, i);
      if (!is(a, "keyword_argument")) continue;
      TSNode v = safe_field(a, "value");
      if (is(v, "string")) d.strings.emplace_back(node_text(safe_field(a, "name"), text), string_content(v, text));
    }
  }
  return d;
}

MemberKind kind_of(const std::vector<Decorator>& decorators) {
  for (auto& d : decorators) {
    std::string_view n = d.name;
    if (n.starts_with("inputs.") || n.starts_with("outputs.")) continue;
    if (size_t dot = n.rfind('.'); dot != std::string_view::npos) n = n.substr(dot + 1);  // dsl.template
    if (n == "template") return MemberKind::Template;
    if (n == "closure") return MemberKind::Closure;
    if (n == "dag") return MemberKind::Dag;
    if (n == "steps") return MemberKind::Steps;
    if (n == "task") return MemberKind::Task;
    if (n == "step") return MemberKind::Step;
    if (n == "scope") return MemberKind::Scope;
  }
  return MemberKind::Other;
}

// The first `self.<name>(...)` call in a body (iterative: bodies may nest deeply).
void find_self_call(TSNode body, std::string_view text, Member& m) {
  std::vector<TSNode> todo{body};
  while (!todo.empty()) {
    TSNode n = todo.back();
    todo.pop_back();
    if (is(n, "call")) {
      TSNode f = safe_field(n, "function");
      if (is(f, "attribute") && node_text(safe_field(f, "object"), text) == "self") {
        TSNode attr = safe_field(f, "attribute");
        m.calls = std::string(node_text(attr, text));
        m.calls_span = span_of(attr);
        return;
      }
    }
    if (is(n, "function_definition") || is(n, "class_definition")) continue;  // not this method's
    auto kids = named_children(n);
    todo.insert(todo.end(), kids.rbegin(), kids.rend());
  }
}

void read_params(TSNode def, std::string_view text, Member& m) {
  TSNode params = safe_field(def, "parameters");
  for (uint32_t i = 0, n = named_count_of(params); i < n; ++i) {
    TSNode p = named_child_of(params, i);
    TSNode name = is(p, "identifier") ? p : safe_field(p, "name");
    if (ts_node_is_null(name) && named_count_of(p) > 0) name = named_child_of(p, 0);
    if (!is(name, "identifier")) continue;
    std::string s(node_text(name, text));
    if (s != "self") m.params.push_back(s);
  }
}

std::vector<Member> read_members(TSNode block, std::string_view text, bool nested);

// A decorated_definition of a function, or null.
std::optional<Member> read_member(TSNode decorated, std::string_view text, bool nested) {
  TSNode def = safe_field(decorated, "definition");
  if (!is(def, "function_definition")) return std::nullopt;
  Member m;
  for (uint32_t i = 0, n = named_count_of(decorated); i < n; ++i) {
    TSNode c = named_child_of(decorated, i);
    if (is(c, "decorator") && named_count_of(c) > 0) m.decorators.push_back(read_decorator(c, text));
  }
  m.kind = kind_of(m.decorators);
  TSNode name = safe_field(def, "name");
  m.method = std::string(node_text(name, text));
  m.name = method_to_name(m.method);
  m.name_span = span_of(name);
  m.span = span_of(decorated);
  m.definition = def;
  read_params(def, text, m);
  TSNode body = safe_field(def, "body");
  if (m.kind == MemberKind::Task || m.kind == MemberKind::Step) find_self_call(body, text, m);
  if (!nested && (m.kind == MemberKind::Dag || m.kind == MemberKind::Steps) && !ts_node_is_null(body))
    m.nested = read_members(body, text, true);
  return m;
}

std::vector<Member> read_members(TSNode block, std::string_view text, bool nested) {
  std::vector<Member> out;
  for (TSNode c : named_children(block)) {
    if (is(c, "decorated_definition")) {
      if (auto m = read_member(c, text, nested)) out.push_back(std::move(*m));
    } else if (is(c, "function_definition")) {
      Member m;
      TSNode name = safe_field(c, "name");
      m.method = std::string(node_text(name, text));
      m.name = method_to_name(m.method);
      m.name_span = span_of(name);
      m.span = span_of(c);
      m.definition = c;
      read_params(c, text, m);
      out.push_back(std::move(m));
    }
  }
  return out;
}

// Every `name="x"` keyword and `"name": "x"` pair in a setting's value.
std::vector<std::string> parameter_names(TSNode value, std::string_view text) {
  std::vector<std::string> out;
  std::vector<TSNode> todo{value};
  while (!todo.empty()) {
    TSNode n = todo.back();
    todo.pop_back();
    if (is(n, "keyword_argument") && node_text(safe_field(n, "name"), text) == "name") {
      if (TSNode v = safe_field(n, "value"); is(v, "string")) out.push_back(string_content(v, text));
    } else if (is(n, "pair") && string_content(safe_field(n, "key"), text) == "name") {
      if (TSNode v = safe_field(n, "value"); is(v, "string")) out.push_back(string_content(v, text));
    }
    auto kids = named_children(n);
    todo.insert(todo.end(), kids.rbegin(), kids.rend());
  }
  return out;
}

ClassInfo read_class(TSNode cls, std::string_view text) {
  ClassInfo c;
  TSNode name = safe_field(cls, "name");
  c.name = std::string(node_text(name, text));
  c.name_span = span_of(name);
  c.span = span_of(cls);
  TSNode bases = safe_field(cls, "superclasses");
  for (uint32_t i = 0, n = named_count_of(bases); i < n; ++i)
    c.bases.emplace_back(node_text(named_child_of(bases, i), text));
  TSNode body = safe_field(cls, "body");
  if (ts_node_is_null(body)) return c;
  c.members = read_members(body, text, false);
  for (TSNode s : named_children(body)) {
    if (!is(s, "expression_statement") || named_count_of(s) == 0) continue;
    TSNode a = named_child_of(s, 0);
    if (!is(a, "assignment") || !is(safe_field(a, "left"), "identifier")) continue;
    TSNode left = safe_field(a, "left");
    std::string key(node_text(left, text));
    c.settings.emplace_back(key, span_of(left));
    if (key == "arguments" && !ts_node_is_null(safe_field(a, "right")))
      c.workflow_parameters = parameter_names(safe_field(a, "right"), text);
  }
  return c;
}

}  // namespace

Outline read_outline(TSNode root, std::string_view text) {
  Outline out;
  if (ts_node_is_null(root)) return out;
  // Classes at the top level, decorated ones, and those tree-sitter put in an
  // ERROR node while the file is broken somewhere else.
  std::vector<TSNode> todo;
  auto top = named_children(root);
  todo.assign(top.rbegin(), top.rend());
  while (!todo.empty()) {
    TSNode n = todo.back();
    todo.pop_back();
    if (is(n, "class_definition")) {
      out.classes.push_back(read_class(n, text));
    } else if (is(n, "decorated_definition")) {
      todo.push_back(safe_field(n, "definition"));
    } else if (is(n, "ERROR")) {
      auto kids = named_children(n);
      todo.insert(todo.end(), kids.rbegin(), kids.rend());
    }
  }
  return out;
}

}  // namespace flowc::lsp

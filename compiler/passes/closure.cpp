#include "passes/closure.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace flowc {

namespace {

// One import as written, split into the names it binds.
struct ImportLine {
  std::string text;   // canonical: "import a", "import a as b", or the from-module
  bool is_from = false;
  bool future = false;
  std::string module; // from-imports: the module
  std::string name;   // from-imports: "x" or "x as y"
  std::string binds;  // the local name it binds
  std::string target; // what that name refers to, to detect conflicts
  Span span;
};

class Assembler {
 public:
  Assembler(const SyntaxTree& tree, DiagnosticSink& sink) : tree_(tree), sink_(sink), text_(tree.file().text()) {}

  // Text of `block`'s statements, dedented, with the top-level imports
  // removed (and collected). Lines inside multi-line strings are kept as they are.
  std::string body_text(TSNode block, bool drop_docstring, const std::string& indent = "") {
    std::vector<TSNode> stmts;
    for (uint32_t i = 0; i < named_count(block); ++i) stmts.push_back(named_child(block, i));
    std::vector<Span> removed;
    bool first = true;
    for (TSNode st : stmts) {
      if (is(st, "comment")) continue;
      if (first && drop_docstring && is(st, "expression_statement") && named_count(st) == 1 &&
          is(named_child(st, 0), "string")) {
        removed.push_back(statement_extent(st));
        first = false;
        continue;
      }
      first = false;
      if (is(st, "import_statement") || is(st, "import_from_statement") || is(st, "future_import_statement")) {
        collect_import(st);
        removed.push_back(statement_extent(st));
      }
    }
    return lines_of(block, removed, 0, indent);
  }

  // Does the body `return` (outside nested functions and classes)? Then it
  // runs as a function whose result is printed.
  static bool returns(TSNode block) {
    std::vector<TSNode> todo{block};
    while (!todo.empty()) {
      TSNode n = todo.back();
      todo.pop_back();
      if (is(n, "return_statement")) return true;
      if (is(n, "function_definition") || is(n, "class_definition") || is(n, "lambda")) continue;
      for (uint32_t i = 0; i < named_count(n); ++i) todo.push_back(named_child(n, i));
    }
    return false;
  }

  // An import flowc's own generated lines need (os for inputs, json for results).
  void need(const std::string& module, Span span) {
    ImportLine l;
    l.text = "import " + module;
    l.binds = module;
    l.target = "module " + module;
    l.span = span;
    imports.push_back(l);
  }

  // A scope function's whole definition, dedented to column 0, then indented
  // by `indent`; imports at the top level of its body are hoisted.
  // A scope function's text is the same in every closure that uses it: with
  // `cache`, it is made once (its imports are still collected each time).
  std::string function_text(TSNode def, const std::string& indent,
                            std::map<std::pair<const void*, std::string>, std::string>* cache = nullptr) {
    TSNode block = field(def, "body");
    std::vector<Span> removed;
    for (uint32_t i = 0; i < named_count(block); ++i) {
      TSNode st = named_child(block, i);
      if (is(st, "import_statement") || is(st, "import_from_statement") || is(st, "future_import_statement")) {
        collect_import(st);
        removed.push_back(statement_extent(st));
      }
    }
    // If the body was only imports, keep it valid Python.
    bool only_imports = true;
    for (uint32_t i = 0; i < named_count(block); ++i) {
      TSNode st = named_child(block, i);
      if (!is(st, "comment") && !is(st, "import_statement") && !is(st, "import_from_statement") &&
          !is(st, "future_import_statement"))
        only_imports = false;
    }
    std::string out;
    if (cache) {
      auto [it, fresh] = cache->try_emplace({def.id, indent});
      if (fresh) it->second = lines_of(def, removed, indent.size(), indent);
      out = it->second;
    } else {
      out = lines_of(def, removed, indent.size(), indent);
    }
    if (only_imports) {
      size_t col = ts_node_start_point(def).column;
      (void)col;
      out += indent + "    pass\n";
    }
    return out;
  }

  std::vector<ImportLine> imports;

 private:
  // The statement plus a trailing ';' and spaces (for `import os; x = 1`).
  Span statement_extent(TSNode st) {
    Span s = tree_.span(st);
    size_t e = s.end;
    while (e < text_.size() && (text_[e] == ' ' || text_[e] == '\t')) ++e;
    if (e < text_.size() && text_[e] == ';') {
      ++e;
      while (e < text_.size() && (text_[e] == ' ' || text_[e] == '\t')) ++e;
      s.end = static_cast<uint32_t>(e);
    }
    return s;
  }

  // Byte ranges of string literals that span lines: their inner lines are kept verbatim.
  void multiline_strings(TSNode root, std::vector<Span>& out) {
    TSTreeCursor c = ts_tree_cursor_new(root);
    bool done = false;
    while (!done) {
      TSNode n = ts_tree_cursor_current_node(&c);
      bool descend = true;
      if (is(n, "string")) {
        Span s = tree_.span(n);
        if (tree_.file().slice(s).find('\n') != std::string_view::npos) out.push_back(s);
        descend = false;
      }
      if (descend && ts_tree_cursor_goto_first_child(&c)) continue;
      while (!ts_tree_cursor_goto_next_sibling(&c)) {
        if (!ts_tree_cursor_goto_parent(&c)) {
          done = true;
          break;
        }
      }
    }
    ts_tree_cursor_delete(&c);
  }

  // Whole lines from the first to the last line of `node`, minus `removed`,
  // with the node's own indentation taken off and `indent` put on.
  std::string lines_of(TSNode node, const std::vector<Span>& removed, size_t, const std::string& indent = "") {
    uint32_t start = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    uint32_t line_start = start;
    while (line_start > 0 && text_[line_start - 1] != '\n') --line_start;
    // The node's indentation: what precedes it on its first line, if only blanks.
    std::string base(text_.substr(line_start, start - line_start));
    bool same_line = base.find_first_not_of(" \t") != std::string::npos;
    if (same_line) {  // `def f(): return 1` -- the body starts mid-line
      line_start = start;
      base.clear();
    }
    uint32_t line_end = end;
    while (line_end < text_.size() && text_[line_end] != '\n') ++line_end;

    std::vector<Span> strings;
    multiline_strings(node, strings);
    auto inside_string = [&](uint32_t pos) {
      for (auto& s : strings)
        if (s.begin < pos && pos < s.end) return true;
      return false;
    };
    auto removed_at = [&](uint32_t pos) -> const Span* {
      for (auto& r : removed)
        if (r.begin <= pos && pos < r.end) return &r;
      return nullptr;
    };

    std::string out;
    bool after_removal = false;
    uint32_t pos = line_start;
    while (pos <= line_end && pos < text_.size() + 1) {
      uint32_t eol = pos;
      while (eol < line_end && text_[eol] != '\n') ++eol;
      // Build this line without the removed ranges.
      std::string line;
      bool had_removal = false;
      for (uint32_t i = pos; i < eol;) {
        if (const Span* r = removed_at(i)) {
          had_removal = true;
          i = std::max(r->end, i + 1);
          continue;
        }
        line += text_[i++];
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      bool blank = line.find_first_not_of(" \t") == std::string::npos;
      // A hoisted import takes its line with it, and the blank lines that
      // followed it (they separated the imports from the code).
      bool drop = blank && (had_removal || after_removal);
      after_removal = drop;
      if (!drop) {
        if (inside_string(pos)) {
          out += line;  // verbatim: part of a string's value
        } else if (blank) {
          // an empty line stays empty (no trailing blanks)
        } else {
          if (line.starts_with(base)) line.erase(0, base.size());
          else line.erase(0, line.find_first_not_of(" \t"));
          out += indent + line;
        }
        out += '\n';
      }
      if (eol >= line_end) break;
      pos = eol + 1;
    }
    return out;
  }

  void collect_import(TSNode st) {
    Span span = tree_.span(st);
    auto dotted = [&](TSNode n) { return std::string(tree_.text(n)); };
    if (is(st, "future_import_statement")) {
      for (uint32_t i = 0; i < named_count(st); ++i) {
        TSNode item = named_child(st, i);
        ImportLine l;
        l.is_from = true;
        l.future = true;
        l.module = "__future__";
        l.name = std::string(tree_.text(item));
        l.binds = "__future__." + l.name;
        l.target = l.binds;
        l.span = span;
        imports.push_back(l);
      }
      return;
    }
    if (is(st, "import_statement")) {
      for (uint32_t i = 0; i < named_count(st); ++i) {
        TSNode item = named_child(st, i);
        ImportLine l;
        l.span = span;
        if (is(item, "aliased_import")) {
          std::string mod = dotted(field(item, "name"));
          std::string alias(tree_.text(field(item, "alias")));
          l.text = "import " + mod + " as " + alias;
          l.binds = alias;
          l.target = "module " + mod;
        } else {
          std::string mod = dotted(item);
          l.text = "import " + mod;
          l.binds = mod.substr(0, mod.find('.'));
          l.target = "module " + l.binds;
        }
        imports.push_back(l);
      }
      return;
    }
    // import_from_statement
    TSNode mod = field(st, "module_name");
    if (is(mod, "relative_import")) {
      sink_.error("E0404", span, "relative import in a closure: a script runs alone and has no package")
          .notes.push_back({"import the module by its absolute name", std::nullopt});
      return;
    }
    std::string module = dotted(mod);
    uint32_t n = ts_node_child_count(st);
    for (uint32_t j = 0; j < n; ++j) {
      TSNode item = ts_node_child(st, j);
      if (is(item, "wildcard_import")) {
        ImportLine l;
        l.is_from = true;
        l.module = module;
        l.name = "*";
        l.binds = "*" + module;
        l.target = l.binds;
        l.span = span;
        imports.push_back(l);
        continue;
      }
      const char* fname = ts_node_field_name_for_child(st, j);
      if (!fname || std::string_view(fname) != "name") continue;
      ImportLine l;
      l.is_from = true;
      l.module = module;
      l.span = span;
      if (is(item, "aliased_import")) {
        std::string name = dotted(field(item, "name"));
        std::string alias(tree_.text(field(item, "alias")));
        l.name = name + " as " + alias;
        l.binds = alias;
        l.target = module + "." + name;
      } else {
        l.name = dotted(item);
        l.binds = l.name;
        l.target = module + "." + l.name;
      }
      imports.push_back(l);
    }
  }

  const SyntaxTree& tree_;
  DiagnosticSink& sink_;
  const std::string& text_;
};

// __future__ first; then plain imports sorted; a blank line; from-imports
// sorted, one line per module with its names merged.
std::string import_block(const std::vector<ImportLine>& imports, const SourceFile& file, DiagnosticSink& sink) {
  std::set<std::string> plain;
  std::map<std::string, std::set<std::string>> froms;
  std::set<std::string> future;
  std::unordered_map<std::string, const ImportLine*> bound;
  for (auto& l : imports) {
    auto [it, fresh] = bound.emplace(l.binds, &l);
    if (!fresh && it->second->target != l.target) {
      auto& d = sink.error("E0405", l.span,
                           "'" + l.binds + "' is imported twice with different meanings in one closure");
      d.notes.push_back({"first imported here", it->second->span});
      continue;
    }
    if (l.future) future.insert(l.name);
    else if (l.is_from) froms[l.module].insert(l.name);
    else plain.insert(l.text);
  }
  (void)file;
  std::string out;
  if (!future.empty()) {
    out += "from __future__ import ";
    bool first = true;
    for (auto& n : future) {
      out += (first ? "" : ", ") + n;
      first = false;
    }
    out += '\n';
  }
  for (auto& p : plain) out += p + '\n';
  if (!plain.empty() && !froms.empty()) out += '\n';
  for (auto& [module, names] : froms) {
    out += "from " + module + " import ";
    if (names.count("*")) {
      out += "*\n";
      if (names.size() == 1) continue;
      out += "from " + module + " import ";
    }
    bool first = true;
    for (auto& n : names) {
      if (n == "*") continue;
      out += (first ? "" : ", ") + n;
      first = false;
    }
    out += '\n';
  }
  return out;
}

}  // namespace

void assemble_closures(const SyntaxTree& tree, Workflow& wf, const std::vector<ScopeFunction>& module_scopes,
                       DiagnosticSink& sink, ValueBudget* budget) {
  // Every scope function joins its scope: module level first, then the class
  // (a class-level function replaces a module-level one of the same name).
  std::map<std::string, std::vector<const ScopeFunction*>> scopes;
  const std::vector<ScopeFunction>* lists[] = {&module_scopes, &wf.scopes};
  for (auto* list : lists) {
    std::map<std::pair<std::string, std::string>, const ScopeFunction*> seen;
    for (auto& f : *list) {
      auto [first, fresh] = seen.emplace(std::make_pair(f.scope, f.name), &f);
      if (!fresh) {
        auto& d = sink.error("E0402", f.span, "scope '" + f.scope + "' has two functions named '" + f.name + "'");
        d.notes.push_back({"the first one is here", first->second->span});
        continue;
      }
      auto& members = scopes[f.scope];
      auto dup = std::find_if(members.begin(), members.end(), [&](auto* m) { return m->name == f.name; });
      if (dup != members.end()) *dup = &f;
      else members.push_back(&f);
    }
  }

  std::map<std::pair<const void*, std::string>, std::string> scope_texts;
  for (auto& t : wf.templates) {
    // Inherited from an imported module: assembled there, with that module's scopes.
    if (!t.closure || t.broken || !t.closure->source.empty()) continue;
    Closure& c = *t.closure;
    Assembler a(tree, sink);
    // A scope needs no parameter of its name: its class is injected at the
    // script's top level, where the body finds it (as in argo-python-dsl).
    std::string classes;
    bool ok = true;
    for (size_t i = 0; i < c.scopes.size(); ++i) {
      const std::string& s = c.scopes[i];
      auto it = scopes.find(s);
      if (it == scopes.end()) {
        auto& d = sink.error("E0401", c.scope_spans[i], "unknown scope '" + s + "'");
        d.notes.push_back({"define functions in it with @scope(name=\"" + s + "\")", std::nullopt});
        ok = false;
        continue;
      }
      // The layout of the seed's documented output: no blank lines around
      // the injected parts (argo-python-dsl 0.4.0 itself puts some in).
      classes += "class " + s + ":\n";
      classes += "    \"\"\"Scoped objects injected from scope '" + s + "'.\"\"\"\n";
      for (const ScopeFunction* f : it->second) {
        classes += "    @staticmethod\n";
        classes += a.function_text(f->function, "    ", &scope_texts);
      }
    }
    if (!ok) continue;
    Span name_span = tree.span(field(c.function, "name"));

    TSNode block = field(c.function, "body");
    bool wrap = Assembler::returns(block);
    // The body's text as argo-python-dsl keeps it: docstring, comments and
    // blank lines included (only hoisted imports leave).
    std::string body = a.body_text(block, false, wrap ? "    " : "");
    // Inputs: bound from environment variables that Argo sets to
    // {{inputs.parameters.NAME}}. Argo substitutes {{...}} into a script's
    // source as raw text, so a value with quotes or newlines could change the
    // program; an environment variable's value is never parsed.
    std::string bindings;
    if (!c.inputs.empty()) {
      a.need("os", name_span);
      Value* env = t.body.get("env");
      if (!env) {
        t.body.set("env", Value::list());
        env = t.body.get("env");
      }
      for (auto& in : c.inputs) {
        std::string var = "FLOWC_INPUT_" + in.name;
        std::string raw = "os.environ[\"" + var + "\"]";
        std::string expr = in.convert == "int" ? "int(" + raw + ")"
                           : in.convert == "float" ? "float(" + raw + ")"
                           : in.convert == "bool" ? raw + ".strip().lower() in (\"true\", \"1\", \"yes\")"
                           : in.convert == "json" ? "json.loads(" + raw + ")"
                                                  : raw;
        if (in.convert == "json") a.need("json", name_span);
        bindings += in.name + " = " + expr + "\n";
        Value e = Value::dict();
        e.model = "V1EnvVar";
        e.set("name", Value::of_string(var));
        e.set("value", Value::of_string("{{inputs.parameters." + in.name + "}}"));
        env->items.push_back(std::move(e));
      }
    }
    std::string call;
    if (wrap) {
      // A closure that returns a value prints it as JSON, as its last line
      // of output, so {{tasks.T.outputs.result}} carries it on.
      a.need("json", name_span);
      std::string fn = t.method;
      if (std::find(c.scopes.begin(), c.scopes.end(), fn) != c.scopes.end()) fn = "_" + fn;
      std::string args;
      for (auto& in : c.inputs) args += (args.empty() ? "" : ", ") + in.name;
      for (auto& sc : c.scopes) args += (args.empty() ? "" : ", ") + sc + "=" + sc;
      std::string params;
      for (auto& in : c.inputs) params += (params.empty() ? "" : ", ") + in.name;
      for (auto& sc : c.scopes) params += (params.empty() ? "" : ", ") + sc;
      body = "def " + fn + "(" + params + "):\n" + body;
      call = "_result = " + fn + "(" + args + ")\n"
             "if _result is not None:\n"
             "    print(json.dumps(_result))\n";
    }
    std::string imports = import_block(a.imports, tree.file(), sink);
    std::string source = imports + bindings + classes + body + call;
    while (!source.empty() && source.back() == '\n') source.pop_back();
    // One script is no larger than its scopes and body (bounded by the
    // source); its copies are not: each closure copies the scope functions it
    // uses, each subclass re-assembles its bases' closures. Kept twice below.
    if (budget && !budget->charge(sink, name_span, 2 * source.size(),
                                  "each closure script copies the scope functions it uses"))
      continue;
    c.source = source;
    t.body.set("source", Value::of_string(source));
  }
}

void dedupe_closures(Workflow& wf) {
  // Same source, image, settings, inputs and outputs: one template. Tasks
  // (and the entrypoint) that called a duplicate call the first one.
  std::map<std::string, std::string> first_by_key;  // key -> template name
  std::map<std::string, std::string> renamed;       // duplicate name -> kept name
  std::vector<Template> kept;
  for (auto& t : wf.templates) {
    if (!t.closure || t.broken) {
      kept.push_back(std::move(t));
      continue;
    }
    Value body = t.body;
    body.fields.erase(std::remove_if(body.fields.begin(), body.fields.end(), [](auto& f) { return f.first == "name"; }),
                      body.fields.end());
    body.key_spans.clear();
    std::string key = to_json_text(body) + to_json_text(t.fields) + to_json_text(t.input_parameters) +
                      to_json_text(t.input_artifacts) + to_json_text(t.output_parameters) +
                      to_json_text(t.output_artifacts) + to_json_text(t.extensions);
    auto [it, fresh] = first_by_key.emplace(key, t.name);
    if (fresh) kept.push_back(std::move(t));
    else renamed[t.name] = it->second;
  }
  if (renamed.empty()) {
    wf.templates = std::move(kept);
    return;
  }
  wf.templates = std::move(kept);
  auto retarget = [&](Task& task) {
    auto it = renamed.find(task.template_name);
    if (it != renamed.end()) task.template_name = it->second;
  };
  for (auto& task : wf.tasks) retarget(task);
  for (auto& t : wf.templates) {
    for (auto& task : t.tasks) retarget(task);
    for (auto& group : t.steps)
      for (auto& step : group) retarget(step);
  }
  if (Value* ep = wf.spec.get("entrypoint"); ep && ep->is_string() && renamed.count(ep->text))
    ep->text = renamed[ep->text];
}

}  // namespace flowc

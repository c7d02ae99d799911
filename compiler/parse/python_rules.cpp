#include "parse/python_rules.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parse/python_tokens.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace flowc {

namespace {

// The node types the rules look at, by tree-sitter symbol: comparing symbol
// numbers keeps the walk cheap on large files.
#define FLOWC_NAMED_KINDS(X)                                                                                       \
  X(module) X(block) X(identifier) X(string) X(concatenated_string) X(integer) X(float_) X(comment)                 \
  X(line_continuation) X(function_definition) X(class_definition) X(lambda) X(parameters) X(lambda_parameters)     \
  X(default_parameter) X(typed_parameter) X(typed_default_parameter) X(list_splat_pattern)                        \
  X(dictionary_splat_pattern) X(keyword_separator) X(positional_separator) X(tuple_pattern) X(list_pattern)       \
  X(pattern_list) X(list_comprehension) X(set_comprehension) X(dictionary_comprehension) X(generator_expression)   \
  X(for_in_clause) X(if_clause) X(for_statement) X(while_statement) X(with_statement) X(with_item) X(with_clause)  \
  X(try_statement) X(except_clause) X(except_group_clause) X(finally_clause) X(else_clause) X(return_statement)    \
  X(break_statement) X(continue_statement) X(yield) X(await) X(import_statement) X(import_from_statement)           \
  X(future_import_statement) X(wildcard_import) X(aliased_import) X(dotted_name) X(print_statement)               \
  X(exec_statement) X(type_alias_statement) X(type_parameter) X(comparison_operator) X(raise_statement)            \
  X(assert_statement) X(expression_statement) X(assignment) X(augmented_assignment) X(delete_statement)            \
  X(expression_list) X(named_expression) X(list_splat) X(dictionary_splat) X(parenthesized_expression)             \
  X(parenthesized_list_splat) X(argument_list) X(keyword_argument) X(call) X(global_statement)                    \
  X(nonlocal_statement) X(as_pattern) X(as_pattern_target) X(attribute) X(subscript) X(tuple) X(list) X(set)      \
  X(dictionary) X(if_statement) X(elif_clause) X(decorator) X(match_statement) X(case_clause) X(interpolation)     \
  X(constrained_type) X(conditional_expression) X(none) X(true) X(false) X(ellipsis) X(binary_operator)            \
  X(unary_operator) X(boolean_operator) X(not_operator) X(keyword_pattern) X(case_pattern) X(slice) X(pair) X(type) X(splat_type) X(decorated_definition) X(union_pattern) X(class_pattern) X(dict_pattern) X(splat_pattern) X(complex_pattern)

enum Kind : uint8_t {
  k_other = 0,
#define FLOWC_ENUM(n) k_##n,
  FLOWC_NAMED_KINDS(FLOWC_ENUM)
#undef FLOWC_ENUM
  // anonymous tokens
  t_async,
  t_comma,
  t_lparen,
  t_ne_old,  // "<>"
  t_from,
  t_underscore,  // the wildcard pattern `_`
  t_minus,
  t_as,
  t_count
};

struct KindTable {
  std::vector<Kind> by_symbol;
  KindTable() {
    const TSLanguage* lang = tree_sitter_python();
    uint32_t n = ts_language_symbol_count(lang);
    by_symbol.assign(n, k_other);
    std::unordered_map<std::string, Kind> named = {
#define FLOWC_MAP(n) {std::string(#n).back() == '_' ? std::string(#n).substr(0, std::strlen(#n) - 1) : #n, k_##n},
        FLOWC_NAMED_KINDS(FLOWC_MAP)
#undef FLOWC_MAP
    };
    std::unordered_map<std::string, Kind> anon = {
        {"async", t_async}, {",", t_comma}, {"(", t_lparen}, {"<>", t_ne_old}, {"from", t_from}, {"_", t_underscore}, {"-", t_minus}, {"as", t_as}};
    for (uint32_t i = 0; i < n; ++i) {
      TSSymbol s = static_cast<TSSymbol>(i);
      const char* name = ts_language_symbol_name(lang, s);
      if (!name) continue;
      TSSymbolType type = ts_language_symbol_type(lang, s);
      auto& table = type == TSSymbolTypeRegular ? named : anon;
      auto it = table.find(name);
      if (it != table.end()) by_symbol[i] = it->second;
    }
  }
};

Kind kind_of(TSNode n) {
  static const KindTable table;
  if (ts_node_is_null(n)) return k_other;  // an absent field (`x: int` has no right side)
  TSSymbol s = ts_node_symbol(n);
  return s < table.by_symbol.size() ? table.by_symbol[s] : k_other;
}

enum class ScopeKind : uint8_t { Module, Class, Function, Lambda, Comprehension };

// Symbol flags, as CPython's symtable keeps them.
enum : uint8_t { kParam = 1, kLocal = 2, kUse = 4, kGlobal = 8, kNonlocal = 16, kAnnot = 32, kImport = 64 };

struct Scope {
  ScopeKind kind = ScopeKind::Module;
  int parent = -1;
  bool is_async = false;
  bool comp_async = false;          // a comprehension with 'async for' or 'await'
  Kind comp_kind = k_other;         // which comprehension
  bool has_yield = false;
  std::vector<Span> value_returns;  // 'return x' in an async def: an error if it also yields
  std::vector<char> blocks;         // CPython's frame blocks: 'L' loop, 'X' except*, 'o' other
  std::vector<std::string_view> iter_vars;  // a comprehension's targets
  std::unordered_map<std::string_view, uint8_t> symbols;
  std::vector<std::pair<std::string_view, Span>> nonlocals;
  Span span{};  // a comprehension's place
};

struct Frame {
  TSNode node;
  Kind kind;
  TSFieldId field;
  uint8_t pops_scopes = 0;  // a lambda's body can also be a comprehension: two scopes
  uint8_t pops_blocks = 0;
  bool in_string = false;
  bool first_clause_seen = false;  // comprehension: its first 'for' clause was entered
  bool first_clause = false;       // for_in_clause: it is the comprehension's first
  bool counts_iter = false;        // the iterable of a comprehension's 'for'
  bool counts_import = false, counts_declaration = false, counts_annotation = false, counts_format_spec = false;
  uint32_t depth = 0;  // nesting as CPython's AST has it (see nesting())
  uint32_t elifs = 0;  // if_statement: the elif clauses entered so far
};

enum class Target { Assign, Aug, Del, For, With, Comp };

const char* comp_name(Kind k) {
  switch (k) {
    case k_list_comprehension: return "list comprehension";
    case k_set_comprehension: return "set comprehension";
    case k_dictionary_comprehension: return "dict comprehension";
    default: return "generator expression";
  }
}

// Comments and line continuations are nodes wherever they stand: no rule counts them.
bool is_extra(Kind k) { return k == k_comment || k == k_line_continuation; }

// The named children of n that are not comments or line continuations.
uint32_t real_children(TSNode n) {
  uint32_t count = 0;
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) count += !is_extra(kind_of(named_child(n, i)));
  return count;
}

// The first named child that is not a comment or line continuation (`del\\\n x`).
TSNode first(TSNode n) {
  for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) {
    TSNode c = named_child(n, i);
    if (!is_extra(kind_of(c))) return c;
  }
  return TSNode{};
}

bool is_keyword(std::string_view t) {
  static const std::unordered_set<std::string_view> kKeywords = {
      "False",  "None",     "True",  "and",    "as",   "assert", "async", "await",  "break",
      "class",  "continue", "def",   "del",    "elif", "else",   "except", "finally", "for",
      "from",   "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",     "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return t.size() >= 2 && t.size() <= 8 && kKeywords.count(t) > 0;
}

class RuleWalk {
 public:
  RuleWalk(const SyntaxTree& tree, DiagnosticSink& sink) : tree_(tree), sink_(sink), tokens_(tree, sink) {
    std::string_view src = tree.file().text();
    track_symbols_ = src.find("global") != std::string_view::npos || src.find("nonlocal") != std::string_view::npos;
    f_body_ = field_id("body");
    f_right_ = field_id("right");
    f_left_ = field_id("left");
    f_name_ = field_id("name");
    f_attribute_ = field_id("attribute");
    f_alias_ = field_id("alias");
    f_subscript_ = field_id("subscript");
    f_condition_ = field_id("condition");
    f_subject_ = field_id("subject");
    f_type_ = field_id("type");
    f_value_ = field_id("value");
    f_arguments_ = field_id("arguments");
    f_type_parameters_ = field_id("type_parameters");
    f_parameters_ = field_id("parameters");
    f_guard_ = field_id("guard");
  }

  size_t run() {
    size_t before = sink_.error_count();
    scopes_.push_back(Scope{});
    active_.push_back(0);
    TSTreeCursor c = ts_tree_cursor_new(tree_.root());
    enter(ts_tree_cursor_current_node(&c), 0);
    bool done = false;
    while (!done && !sink_.at_limit()) {
      if (ts_tree_cursor_goto_first_child(&c)) {
        enter(ts_tree_cursor_current_node(&c), field_of(&c));
        continue;
      }
      for (;;) {
        leave();
        if (ts_tree_cursor_goto_next_sibling(&c)) {
          enter(ts_tree_cursor_current_node(&c), field_of(&c));
          break;
        }
        if (!ts_tree_cursor_goto_parent(&c)) {
          done = true;
          break;
        }
      }
    }
    ts_tree_cursor_delete(&c);
    if (done) {
      tokens_.finish();
      resolve_nonlocals();
    }
    return sink_.error_count() - before;
  }

 private:
  // ---- helpers
  std::string_view text(TSNode n) const { return tree_.text(n); }
  void error(const char* code, TSNode at, std::string message) { sink_.error(code, tree_.span(at), std::move(message)); }
  Scope& scope() { return scopes_[active_.back()]; }
  const Frame* parent(size_t up = 1) const { return frames_.size() > up ? &frames_[frames_.size() - 1 - up] : nullptr; }
  Kind parent_kind(size_t up = 1) const {
    const Frame* p = parent(up);
    return p ? p->kind : k_other;
  }
  // The scope names are bound in: comprehensions bind ':=' targets in the
  // enclosing function (or module).
  int binding_scope_for_walrus() const {
    for (size_t i = active_.size(); i-- > 0;)
      if (scopes_[active_[i]].kind != ScopeKind::Comprehension) return active_[i];
    return 0;
  }

  void bind(int scope_index, TSNode id, uint8_t flag) {
    if (!track_symbols_) return;
    scopes_[scope_index].symbols[text(id)] |= flag;
    not_use_.insert(ts_node_start_byte(id));
  }

  // The cursor's field name costs a search of the parent's field map: ask only
  // where a rule reads it (about a third of the walk's time otherwise).
  TSFieldId field_of(TSTreeCursor* c) const {
    switch (frames_.empty() ? k_other : frames_.back().kind) {
      case k_function_definition: case k_lambda: case k_class_definition: case k_for_statement:
      case k_while_statement: case k_with_statement: case k_try_statement: case k_for_in_clause: case k_attribute:
      case k_keyword_argument: case k_subscript: case k_if_statement: case k_elif_clause: case k_list_comprehension:
      case k_set_comprehension: case k_generator_expression: case k_dictionary_comprehension: case k_match_statement:
      case k_call: case k_assignment:
        return ts_tree_cursor_current_field_id(c);
      default:
        return 0;
    }
  }

  void enter(TSNode n, TSFieldId field) {
    Kind k = kind_of(n);
    frames_.push_back(Frame{n, k, field});
    Frame& f = frames_.back();
    nesting(f);
    if (in_string_ == 0 && ts_node_child_count(n) == 0 && k != k_comment && k != k_line_continuation)
      tokens_.token(n);
    if (k == k_string) {
      if (in_string_ == 0) tokens_.token(n);
      ++in_string_;
      f.in_string = true;
      tokens_.string(n);
    }
    if (frames_.size() == 2 && !is_extra(k)) module_statement(f);
    if (starts_line(f)) tokens_.statement_start(ts_node_start_byte(n));
    if (k == k_named_expression && parent_kind() == k_interpolation) {
      // `f"{x:=1}"`: Python 3.11 reads x and the format spec "=1"; tree-sitter
      // reads an assignment expression. Nothing in it is Python to check.
      ++in_format_spec_;
      f.counts_format_spec = true;
    }
    if (in_format_spec_ > 0) return;
    Kind pk = parent_kind();
    if ((pk == k_module || pk == k_block) && k != k_comment && k != k_line_continuation && in_string_ == 0 &&
        !tokens_.separated(ts_node_start_byte(n)))
      error("E0027", n, "invalid syntax: two statements on one line need a ';' between them");
    open_scopes_and_blocks(f);
    check(f);
  }

  // CPython's compiler stops with RecursionError (or the parser with
  // MemoryError) at about 3,000 nested expressions: `1+1+...` with 3,000
  // terms does not compile. Count the nesting as the AST has it: an elif is an
  // If inside the previous one's else; `a and b and c` and `a = b = c` are flat;
  // blocks and brackets are no nodes of their own.
  void nesting(Frame& f) {
    if (frames_.size() < 2) return;
    Frame& p = frames_[frames_.size() - 2];
    f.depth = p.depth;
    if (!ts_node_is_named(f.node)) return;
    switch (f.kind) {
      case k_block: case k_argument_list: case k_parenthesized_expression: case k_decorated_definition:
      case k_type: case k_case_pattern: case k_comment: case k_line_continuation: case k_with_clause:
      case k_parameters: case k_lambda_parameters:
        return;
      case k_elif_clause:
        f.depth = p.depth + ++p.elifs;
        break;
      case k_else_clause:
        f.depth = p.depth + p.elifs;
        break;
      case k_boolean_operator:
        if (p.kind == k_boolean_operator && text(ts_node_child(f.node, 1)) == text(ts_node_child(p.node, 1))) return;
        ++f.depth;
        break;
      case k_assignment:
        if (p.kind == k_assignment) return;
        ++f.depth;
        break;
      default:
        ++f.depth;
    }
    if (f.depth > kMaxNesting && !nesting_reported_) {
      nesting_reported_ = true;
      error("E0027", f.node, "expression nested more than " + std::to_string(kMaxNesting) +
                                 " levels deep; CPython's compiler stops at about 3,000 (RecursionError)");
    }
  }

  // Nodes that begin a logical line: any other token that does is a newline
  // inside a statement, which tree-sitter skips as whitespace (`def\nf():`).
  bool starts_line(const Frame& f) const {
    switch (f.kind) {
      case k_function_definition: case k_class_definition: case k_decorator: case k_elif_clause:
      case k_else_clause: case k_except_clause: case k_except_group_clause: case k_finally_clause:
      case k_case_clause: case k_decorated_definition:
        return true;
      case k_comment: case k_line_continuation:
        return false;
      default: {
        Kind pk = parent_kind();
        return pk == k_module || pk == k_block;
      }
    }
  }

  // `from __future__` may follow only a docstring and other future imports.
  void module_statement(const Frame& f) {
    bool docstring = !seen_statement_ && f.kind == k_expression_statement && ts_node_named_child_count(f.node) == 1 &&
                     (kind_of(first(f.node)) == k_string ||
                      kind_of(first(f.node)) == k_concatenated_string);
    if (f.kind != k_future_import_statement && !docstring) future_ok_ = false;
    seen_statement_ = true;
  }

  void leave() {
    Frame f = frames_.back();
    frames_.pop_back();
    if (f.in_string) --in_string_;
    if (f.counts_iter) --in_comp_iter_;
    if (f.counts_import) --in_import_;
    if (f.counts_declaration) --in_declaration_;
    if (f.counts_annotation) --in_local_annotation_;
    if (f.counts_format_spec) --in_format_spec_;
    Scope& s = scope();
    for (uint8_t i = 0; i < f.pops_blocks && !s.blocks.empty(); ++i) s.blocks.pop_back();
    for (uint8_t i = 0; i < f.pops_scopes; ++i) close_scope();
  }

  // ---- scopes and CPython's frame blocks
  void push_scope(Frame& f, ScopeKind kind, bool is_async, Kind comp_kind = k_other) {
    Scope s;
    s.kind = kind;
    s.parent = active_.back();
    s.is_async = is_async;
    s.comp_kind = comp_kind;
    scopes_.push_back(std::move(s));
    active_.push_back(static_cast<int>(scopes_.size() - 1));
    ++f.pops_scopes;
    if (!pending_params_.empty() && (kind == ScopeKind::Function || kind == ScopeKind::Lambda)) {
      for (TSNode id : pending_params_.back()) bind(active_.back(), id, kParam);
      pending_params_.pop_back();
    }
  }

  void borrow_scope(Frame& f, int index) {
    active_.push_back(index);
    ++f.pops_scopes;
  }

  void close_scope() {
    int index = active_.back();
    active_.pop_back();
    Scope& s = scopes_[index];
    if (s.kind == ScopeKind::Function && s.is_async && s.has_yield && !s.value_returns.empty())
      sink_.error("E0019", s.value_returns.front(), "'return' with value in async generator");
    if (s.kind == ScopeKind::Comprehension && s.comp_async && s.parent >= 0) {
      Scope& outer = scopes_[s.parent];
      bool outer_ok = (outer.kind == ScopeKind::Function && outer.is_async) || outer.kind == ScopeKind::Comprehension;
      if (s.comp_kind != k_generator_expression) {
        if (!outer_ok && !in_local_annotation_) sink_.error("E0019", s.span, "asynchronous comprehension outside of an asynchronous function");
        else if (outer.kind == ScopeKind::Comprehension) outer.comp_async = true;
      }
    }
  }

  void push_blocks(Frame& f, char kind, int count) {
    Scope& s = scope();
    for (int i = 0; i < count; ++i) {
      if (s.blocks.size() >= 20) {
        if (!blocks_reported_) error("E0025", f.node, "too many statically nested blocks (CPython allows 20)");
        blocks_reported_ = true;
        break;
      }
      s.blocks.push_back(kind);
      ++f.pops_blocks;
    }
  }

  bool try_has(TSNode t, Kind want) {
    uint32_t n = ts_node_named_child_count(t);
    for (uint32_t i = 0; i < n; ++i)
      if (kind_of(named_child(t, i)) == want) return true;
    return false;
  }

  void open_scopes_and_blocks(Frame& f) {
    Kind pk = parent_kind();
    const Frame* p = parent();
    if (f.field == f_right_ && pk == k_for_in_clause) {
      ++in_comp_iter_;
      f.counts_iter = true;
      // The first iterable is evaluated in the enclosing scope.
      if (p->first_clause && active_.size() > 1) borrow_scope(f, scopes_[active_.back()].parent);
    } else if (f.field == f_body_ && pk == k_lambda) {
      push_scope(f, ScopeKind::Lambda, false);
    }
    switch (f.kind) {
      case k_list_comprehension:
      case k_set_comprehension:
      case k_dictionary_comprehension:
      case k_generator_expression:
        push_scope(f, ScopeKind::Comprehension, false, f.kind);
        scopes_.back().span = tree_.span(f.node);
        // The body comes first in the text: know the iteration variables before it.
        for (uint32_t i = 0, cc = ts_node_named_child_count(f.node); i < cc; ++i) {
          TSNode c = named_child(f.node, i);
          if (kind_of(c) == k_for_in_clause) collect_iter_vars(field(c, "left"));
        }
        return;
      case k_for_in_clause:
        if (p && !p->first_clause_seen) {
          frames_[frames_.size() - 2].first_clause_seen = true;
          f.first_clause = true;
        }
        return;
      case k_block:
        if (pk == k_except_clause || pk == k_except_group_clause) {
          bool fin = try_has(parent(2)->node, k_finally_clause);
          push_blocks(f, pk == k_except_group_clause ? 'X' : 'o', 1);
          push_blocks(f, 'o', fin ? 2 : 1);
        } else if (pk == k_finally_clause) {
          push_blocks(f, 'o', 1);
        } else if (pk == k_else_clause && parent_kind(2) == k_try_statement) {
          if (try_has(parent(2)->node, k_finally_clause)) push_blocks(f, 'o', 1);
        }
        break;
      default:
        break;
    }
    if (f.field == f_type_ && pk == k_assignment && scope().kind == ScopeKind::Function) {
      // A local variable's annotation is never evaluated: CPython does not
      // compile it, so 'await' or 'yield' in it is no error.
      ++in_local_annotation_;
      f.counts_annotation = true;
    }
    if (f.field != f_body_) return;
    switch (pk) {
      case k_function_definition: {
        bool is_async = ts_node_child_count(p->node) > 0 && kind_of(ts_node_child(p->node, 0)) == t_async;
        push_scope(f, ScopeKind::Function, is_async);
        break;
      }
      case k_class_definition:
        push_scope(f, ScopeKind::Class, false);
        break;
      case k_for_statement:
      case k_while_statement:
        push_blocks(f, 'L', 1);
        break;
      case k_with_statement: {
        uint32_t items = 0;
        uint32_t n = ts_node_named_child_count(p->node);
        for (uint32_t i = 0; i < n; ++i) {
          TSNode c = named_child(p->node, i);
          if (kind_of(c) != k_with_clause) continue;
          for (uint32_t j = 0, wc = ts_node_named_child_count(c); j < wc; ++j) items += kind_of(named_child(c, j)) == k_with_item;
        }
        push_blocks(f, 'o', static_cast<int>(items ? items : 1));
        break;
      }
      case k_try_statement: {
        int count = (try_has(p->node, k_except_clause) || try_has(p->node, k_except_group_clause) ? 1 : 0) +
                    (try_has(p->node, k_finally_clause) ? 1 : 0);
        push_blocks(f, 'o', count);
        break;
      }
      default:
        break;
    }
  }

  // ---- the rules, by node kind
  void check(Frame& f) {
    TSNode n = f.node;
    switch (f.kind) {
      case k_integer:
      case k_float_:
        tokens_.number(n);
        break;
      case k_concatenated_string:
        tokens_.concatenated_string(n);
        break;
      case k_identifier:
        identifier(f);
        break;
      case k_return_statement: {
        Scope& s = scope();
        if (s.kind != ScopeKind::Function) {
          error("E0019", n, "'return' outside function");
        } else if (in_except_star(false)) {
          error("E0019", n, "'break', 'continue' and 'return' cannot appear in an except* block");
        } else if (s.is_async && ts_node_named_child_count(n) > 0) {
          s.value_returns.push_back(tree_.span(n));
        }
        break;
      }
      case k_break_statement:
      case k_continue_statement:
        loop_control(n, f.kind == k_break_statement);
        break;
      case k_yield:
        yield(n);
        break;
      case k_await:
        await(n);
        break;
      case k_for_statement:
      case k_with_statement:
        async_statement(n, f.kind == k_for_statement ? "'async for'" : "'async with'");
        if (f.kind == k_for_statement) target(field(n, "left"), Target::For, true);
        break;
      case k_for_in_clause:
        if (ts_node_child_count(n) > 0 && kind_of(ts_node_child(n, 0)) == t_async) scope().comp_async = true;
        comprehension_clause(f);
        break;
      case k_if_clause:
        if (parent_kind() != k_case_clause) {
          TSNode c = first(n);
          Kind ck = kind_of(c);
          if (ck == k_lambda || ck == k_conditional_expression)
            error("E0027", c, "invalid syntax: a comprehension's 'if' condition needs parentheses around this");
        }
        break;
      case k_with_clause: {
        uint32_t cc = ts_node_child_count(n);
        if (cc > 1 && kind_of(ts_node_child(n, cc - 1)) == t_comma && kind_of(ts_node_child(n, 0)) != t_lparen)
          error("E0027", ts_node_child(n, cc - 1), "invalid syntax: a trailing comma after 'with' items needs parentheses");
        break;
      }
      case k_with_item: {
        TSNode v = field(n, "value");
        if (kind_of(v) == k_as_pattern) {
          TSNode alias = field(v, "alias");
          if (!ts_node_is_null(alias) && ts_node_named_child_count(alias) > 0)
            target(first(alias), Target::With, true);
        }
        break;
      }
      case k_function_definition:
      case k_class_definition:
        definition(n, f.kind);
        break;
      case k_parameters:
      case k_lambda_parameters:
        parameters(n);
        break;
      case k_lambda:
        if (ts_node_is_null(field(n, "parameters"))) pending_params_.emplace_back();
        break;
      case k_argument_list:
        arguments(f);
        break;
      case k_import_statement:
      case k_import_from_statement:
      case k_future_import_statement:
        import(f);
        break;
      case k_print_statement:
        // `print >>f, x` is also a Python 3 expression (a tuple): only `print x` is refused.
        if (ts_node_named_child_count(n) > 0 && is(first(n), "chevron")) break;
        error("E0015", n, "Missing parentheses in call to 'print'. Did you mean print(...)?");
        break;
      case k_exec_statement:
        error("E0015", n, "Missing parentheses in call to 'exec'. Did you mean exec(...)?");
        break;
      case k_type_alias_statement:
        error("E0016", n, "'type' statements are Python 3.12 syntax; flowc reads Python 3.11");
        break;
      case k_type_parameter:
        if (f.field == f_type_parameters_)
          error("E0016", n, "type parameter lists are Python 3.12 syntax; flowc reads Python 3.11");
        break;
      case k_splat_type: {
        // Only `*args: *Ts` takes a starred annotation in 3.11.
        const Frame* param = parent(2);
        bool ok = parent_kind() == k_type && param && param->kind == k_typed_parameter &&
                  kind_of(first(param->node)) == k_list_splat_pattern && text(n).rfind("**", 0) != 0;
        if (!ok) error("E0027", n, "invalid syntax: a starred annotation is allowed only on *args");
        break;
      }
      case k_constrained_type:
        error("E0027", n, "invalid syntax");
        break;
      case k_comparison_operator: {
        uint32_t cc = ts_node_child_count(n);
        for (uint32_t i = 0; i < cc; ++i) {
          TSNode c = ts_node_child(n, i);
          if (kind_of(c) == t_ne_old && !barry_) error("E0015", c, "'<>' is Python 2 syntax; use '!='");
        }
        break;
      }
      case k_raise_statement: {
        TSNode v = first(n);
        if (kind_of(v) == k_expression_list) error("E0015", v, "'raise E, V' is Python 2 syntax; use 'raise E(V)'");
        break;
      }
      case k_except_clause:
        except_clause(n);
        break;
      case k_except_group_clause: {
        uint32_t cc = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < cc; ++i) {
          TSNode c = named_child(n, i);
          if (kind_of(c) == k_as_pattern) {
            TSNode alias = field(c, "alias");
            TSNode id = ts_node_is_null(alias) ? alias : first(alias);
            if (!ts_node_is_null(id) && kind_of(id) != k_identifier) error("E0027", id, "invalid syntax: 'except* ... as' takes a name");
            else if (!ts_node_is_null(id)) bind(active_.back(), id, kLocal);
          }
        }
        break;
      }
      case k_try_statement:
        try_statement(n);
        break;
      case k_assert_statement:
        if (real_children(n) > 2) error("E0027", n, "invalid syntax: assert takes a condition and a message");
        break;
      case k_expression_statement: {
        TSNode c = first(n);
        bool comma = false;
        for (uint32_t i = 0, cc = ts_node_child_count(n); i < cc; ++i) comma = comma || kind_of(ts_node_child(n, i)) == t_comma;
        if (real_children(n) == 1 && kind_of(c) == k_list_splat && !comma)
          error("E0020", c, "can't use starred expression here");
        break;
      }
      case k_assignment:
        assignment(n);
        break;
      case k_augmented_assignment:
        augmented(n);
        break;
      case k_delete_statement: {
        TSNode v = first(n);
        if (kind_of(v) == k_expression_list) {
          uint32_t cc = ts_node_named_child_count(v);
          for (uint32_t i = 0; i < cc; ++i) target(named_child(v, i), Target::Del, false);
        } else {
          target(v, Target::Del, false);
        }
        break;
      }
      case k_named_expression:
        walrus(f);
        break;
      case k_list_splat:
        starred(f);
        break;
      case k_conditional_expression: {
        // `a if b else c`: b is an `or` expression or tighter; a too, unless it is a lambda's body.
        std::vector<TSNode> parts;
        for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc && parts.size() < 3; ++i)
          if (!is_extra(kind_of(named_child(n, i)))) parts.push_back(named_child(n, i));
        if (parts.size() == 3) {
          Kind ck = kind_of(parts[1]), bk = kind_of(parts[0]);
          if (ck == k_conditional_expression || ck == k_lambda || ck == k_named_expression || ck == k_yield ||
              bk == k_lambda || bk == k_yield)
            error("E0027", ck == k_conditional_expression || ck == k_lambda || ck == k_named_expression || ck == k_yield ? parts[1] : parts[0],
                  "invalid syntax: put this part of the 'if' expression in parentheses");
        }
        break;
      }
      case k_not_operator: {
        Kind operand = kind_of(first(n));
        if (operand == k_lambda || operand == k_named_expression || operand == k_yield || operand == k_as_pattern)
          error("E0027", n, "invalid syntax: put the operand of 'not' in parentheses");
        break;
      }
      case k_dictionary_splat: {
        Kind operand = kind_of(first(n));
        if (parent_kind() == k_dictionary &&
            (operand == k_not_operator || operand == k_boolean_operator || operand == k_comparison_operator ||
             operand == k_lambda || operand == k_conditional_expression || operand == k_named_expression))
          error("E0027", n, "invalid syntax: put the unpacked expression in parentheses");
        break;
      }
      case k_as_pattern: {
        Kind pk = parent_kind();
        if (pk != k_with_item && pk != k_except_group_clause && pk != k_case_pattern)
          error("E0027", n, "invalid syntax: 'as' cannot be used here");
        break;
      }
      case k_case_clause:
        case_clause(f);
        break;
      case k_global_statement:
      case k_nonlocal_statement:
        declaration(f, f.kind == k_nonlocal_statement);
        break;
      case k_list_comprehension:
      case k_set_comprehension:
      case k_dictionary_comprehension:
      case k_generator_expression: {
        TSNode body = field(n, "body");
        if (kind_of(body) == k_list_splat)
          error("E0020", body, "iterable unpacking cannot be used in comprehension");
        break;
      }
      default:
        break;
    }
  }

  bool in_except_star(bool stop_at_loop) {
    const Scope& s = scope();
    for (size_t i = s.blocks.size(); i-- > 0;) {
      if (s.blocks[i] == 'X') return true;
      if (stop_at_loop && s.blocks[i] == 'L') return false;
    }
    return false;
  }

  void loop_control(TSNode n, bool is_break) {
    const Scope& s = scope();
    for (size_t i = s.blocks.size(); i-- > 0;) {
      if (s.blocks[i] == 'X') {
        error("E0019", n, "'break', 'continue' and 'return' cannot appear in an except* block");
        return;
      }
      if (s.blocks[i] == 'L') return;
    }
    error("E0019", n, is_break ? "'break' outside loop" : "'continue' not properly in loop");
  }

  void yield(TSNode n) {
    // A yield stands alone: in parentheses, as a statement, or as an assignment's value.
    Kind pk = parent_kind();
    if (pk != k_parenthesized_expression && pk != k_expression_statement && pk != k_assignment &&
        pk != k_augmented_assignment && pk != k_interpolation) {
      error("E0027", n, "invalid syntax: a yield expression needs parentheses here");
      return;
    }
    if (in_local_annotation_) return;  // never compiled (see open_scopes_and_blocks)
    Scope& s = scope();
    switch (s.kind) {
      case ScopeKind::Module:
      case ScopeKind::Class:
        error("E0019", n, "'yield' outside function");
        return;
      case ScopeKind::Comprehension:
        error("E0019", n, std::string("'yield' inside ") + comp_name(s.comp_kind));
        return;
      default:
        break;
    }
    s.has_yield = true;
    bool from = ts_node_child_count(n) > 1 && kind_of(ts_node_child(n, 1)) == t_from;
    if (from && s.is_async) error("E0019", n, "'yield from' inside async function");
  }

  void await(TSNode n) {
    // CPython's `await` takes a primary (a name, call, attribute, subscript,
    // literal or display); tree-sitter also takes `await -x`, `await await x`.
    Kind operand = kind_of(first(n));
    if (operand == k_await || operand == k_unary_operator || operand == k_list_splat)  // `await y ** 2` is (await y) ** 2
      error("E0027", n, "invalid syntax: 'await' takes a name, call, attribute or subscript; add parentheses");
    if (in_local_annotation_) return;  // never compiled
    Scope& s = scope();
    if (s.kind == ScopeKind::Module || s.kind == ScopeKind::Class) {
      error("E0019", n, "'await' outside function");
    } else if (s.kind == ScopeKind::Comprehension) {
      s.comp_async = true;
    } else if (!s.is_async) {
      error("E0019", n, "'await' outside async function");
    }
  }

  void async_statement(TSNode n, const char* what) {
    if (ts_node_child_count(n) == 0 || kind_of(ts_node_child(n, 0)) != t_async) return;
    const Scope& s = scope();
    if (!(s.kind == ScopeKind::Function && s.is_async)) error("E0019", n, std::string(what) + " outside async function");
  }

  void comprehension_clause(Frame& f) {
    TSNode n = f.node;
    const Frame* comp = parent();
    uint32_t cc = ts_node_child_count(n);
    for (uint32_t i = 0; i < cc; ++i) {
      TSNode c = ts_node_child(n, i);
      if (kind_of(c) == t_comma) {
        bool call_arg = comp && comp->kind == k_generator_expression && comp->field == f_arguments_;
        error("E0027", c, call_arg ? "Generator expression must be parenthesized"
                                   : "invalid syntax: a comprehension's iterable needs parentheses around a tuple");
        break;
      }
    }
    TSNode right = field(n, "right");
    Kind rk = kind_of(right);
    if (rk == k_lambda || rk == k_conditional_expression)
      error("E0027", right, "invalid syntax: a comprehension's iterable needs parentheses around this");
    TSNode left = field(n, "left");
    target(left, Target::Comp, true);
  }

  void collect_iter_vars(TSNode n) {
    Kind k = kind_of(n);
    if (k == k_identifier) {
      scope().iter_vars.push_back(text(n));
      return;
    }
    if (k == k_pattern_list || k == k_tuple_pattern || k == k_list_pattern || k == k_list_splat_pattern ||
        k == k_tuple || k == k_list || k == k_parenthesized_expression) {
      uint32_t cc = ts_node_named_child_count(n);
      for (uint32_t i = 0; i < cc; ++i) collect_iter_vars(named_child(n, i));
    }
  }

  // ---- identifiers: keywords tree-sitter takes as names, and name uses
  void identifier(Frame& f) {
    TSNode n = f.node;
    std::string_view t = text(n);
    if (is_keyword(t)) {  // tree-sitter read a keyword as a name (`lambda: yield`, `async = 1`)
      error("E0027", n, "invalid syntax: '" + std::string(t) + "' is a keyword");
      return;
    }
    if (!track_symbols_ || in_import_ || in_declaration_) return;
    Kind pk = parent_kind();
    if ((pk == k_attribute && f.field == f_attribute_) || (pk == k_keyword_argument && f.field == f_name_) ||
        pk == k_keyword_pattern)
      return;
    if (not_use_.count(ts_node_start_byte(n))) return;
    scope().symbols[t] |= kUse;
  }

  void definition(TSNode n, Kind k) {
    TSNode name = field(n, "name");
    if (!ts_node_is_null(name)) bind(active_.back(), name, kLocal);
    (void)k;
  }

  // ---- parameters: order, duplicates, '*', '/', '**'
  void parameters(TSNode n) {
    pending_params_.emplace_back();
    std::unordered_set<std::string_view> names;
    bool seen_default = false, seen_star = false, seen_kwstar = false, seen_slash = false, bare_star = false;
    TSNode bare_at{};
    uint32_t count = ts_node_named_child_count(n), positional = 0;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode p = named_child(n, i);
      Kind k = kind_of(p);
      if (is_extra(k)) continue;
      if (bare_star && k != k_dictionary_splat_pattern) bare_star = false;  // a named parameter follows
      if (seen_kwstar) {
        error("E0018", p, "arguments cannot follow var-keyword argument");
        return;
      }
      TSNode id{};
      if (k == k_typed_parameter) {
        TSNode inner = first(p);
        Kind ik = kind_of(inner);
        if (ik == k_list_splat_pattern || ik == k_dictionary_splat_pattern) {
          p = inner;
          k = ik;
        } else {
          id = inner;
        }
      }
      switch (k) {
        case k_positional_separator:
          if (seen_slash) return error("E0018", p, "/ may appear only once");
          if (seen_star) return error("E0018", p, "/ must be ahead of *");
          if (positional == 0) return error("E0018", p, "at least one argument must precede /");
          seen_slash = true;
          continue;
        case k_keyword_separator:
        case k_list_splat_pattern:
          if (seen_star) return error("E0018", p, "* argument may appear only once");
          seen_star = true;
          if (k == k_keyword_separator) {
            bare_star = true;
            bare_at = p;
            continue;
          }
          id = first(p);
          if (kind_of(id) != k_identifier) return error("E0027", id, "invalid syntax: '*' takes a parameter name");
          break;
        case k_dictionary_splat_pattern:
          seen_kwstar = true;
          id = first(p);
          if (kind_of(id) != k_identifier) return error("E0027", id, "invalid syntax: '**' takes a parameter name");
          break;
        case k_identifier:
          id = p;
          [[fallthrough]];
        case k_typed_parameter:
          if (seen_default && !seen_star) return error("E0018", p, "non-default argument follows default argument");
          if (!seen_star) ++positional;
          break;
        case k_default_parameter:
        case k_typed_default_parameter:
          id = field(p, "name");
          if (!seen_star) seen_default = true, ++positional;
          break;
        case k_tuple_pattern:
          return error("E0015", p, "tuple parameters are Python 2 syntax");
        default:
          break;
      }
      if (ts_node_is_null(id)) continue;
      if (kind_of(id) == k_tuple_pattern) return error("E0015", id, "tuple parameters are Python 2 syntax");
      std::string_view name = text(id);
      if (name == "__debug__") return error("E0020", id, "cannot assign to __debug__");
      if (!names.insert(name).second) return error("E0018", id, "duplicate argument '" + std::string(name) + "' in function definition");
      pending_params_.back().push_back(id);
      if (track_symbols_) not_use_.insert(ts_node_start_byte(id));
    }
    if (bare_star) error("E0018", bare_at, "named arguments must follow bare *");
  }

  // ---- call arguments: keywords once, positionals before keywords
  void arguments(Frame& f) {
    TSNode n = f.node;
    std::unordered_set<std::string_view> keywords;
    bool seen_keyword = false, seen_kwsplat = false;
    uint32_t count = ts_node_named_child_count(n), args = 0;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode a = named_child(n, i);
      Kind k = kind_of(a);
      if (is_extra(k)) continue;
      ++args;
      if (k == k_keyword_argument) {
        TSNode name = field(a, "name");
        std::string_view t = text(name);
        if (t == "__debug__") error("E0020", name, "cannot assign to __debug__");
        else if (!keywords.insert(t).second) error("E0017", name, "keyword argument repeated: " + std::string(t));
        seen_keyword = true;
      } else if (k == k_dictionary_splat) {
        seen_kwsplat = true;
      } else if (k == k_list_splat) {
        if (seen_kwsplat) error("E0017", a, "iterable argument unpacking follows keyword argument unpacking");
      } else if (seen_kwsplat) {
        error("E0017", a, "positional argument follows keyword argument unpacking");
      } else if (seen_keyword) {
        error("E0017", a, "positional argument follows keyword argument");
      }
      if (k == k_generator_expression && text(a).front() != '(')
        error("E0017", a, "Generator expression must be parenthesized");
    }
    (void)args;
  }

  // ---- imports
  void import(Frame& f) {
    TSNode n = f.node;
    ++in_import_;
    f.counts_import = true;
    uint32_t cc = ts_node_child_count(n);
    bool paren = false;
    for (uint32_t i = 0; i < cc; ++i) paren = paren || kind_of(ts_node_child(n, i)) == t_lparen;
    if (cc > 0 && kind_of(ts_node_child(n, cc - 1)) == t_comma && !paren)
      error("E0027", ts_node_child(n, cc - 1),
            f.kind == k_import_statement ? "invalid syntax: trailing comma after the imported names"
                                         : "trailing comma not allowed without surrounding parentheses");
    // Names bound by the import.
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = named_child(n, i);
      Kind k = kind_of(c);
      if (f.kind != k_import_statement && i == 0 && f.kind == k_import_from_statement) continue;  // the module
      TSNode bound{};
      if (f.kind != k_import_statement) {  // `from m import a.b` is not Python
        TSNode name = k == k_aliased_import ? field(c, "name") : c;
        if (kind_of(name) == k_dotted_name && ts_node_named_child_count(name) > 1)
          error("E0027", name, "invalid syntax: 'from ... import' takes names, not dotted names");
      }
      if (k == k_aliased_import) bound = field(c, "alias");
      else if (k == k_dotted_name) bound = first(c);
      else if (k == k_wildcard_import) {
        if (scope().kind != ScopeKind::Module) error("E0019", c, "import * only allowed at module level");
        continue;
      } else continue;
      if (ts_node_is_null(bound)) continue;
      if (text(bound) == "__debug__") error("E0020", bound, "cannot assign to __debug__");
      if (f.kind == k_future_import_statement) future(c);
      if (track_symbols_) scopes_[active_.back()].symbols[text(bound)] |= kImport;
    }
    if (f.kind == k_future_import_statement && (!future_ok_ || frames_.size() != 2))
      error("E0022", n, "from __future__ imports must occur at the beginning of the file");
  }

  void future(TSNode c) {
    TSNode name = kind_of(c) == k_aliased_import ? field(c, "name") : c;
    std::string_view t = text(name);
    static const char* const kFeatures[] = {"nested_scopes",   "generators",     "division",
                                            "absolute_import", "with_statement", "print_function",
                                            "unicode_literals", "barry_as_FLUFL", "generator_stop",
                                            "annotations"};
    if (t == "braces") return error("E0022", name, "not a chance");
    if (t == "barry_as_FLUFL") barry_ = true;
    for (const char* f : kFeatures)
      if (t == f) return;
    error("E0022", name, "future feature " + std::string(t) + " is not defined");
  }

  // ---- try / except
  void except_clause(TSNode n) {
    uint32_t cc = ts_node_child_count(n);
    for (uint32_t i = 0; i < cc; ++i)
      if (kind_of(ts_node_child(n, i)) == t_comma) {
        error("E0015", ts_node_child(n, i), "multiple exception types must be parenthesized ('except E, e' is Python 2 syntax)");
        return;
      }
    TSNode alias = field(n, "alias");
    if (ts_node_is_null(alias)) return;
    if (kind_of(alias) != k_identifier) error("E0027", alias, "invalid syntax: 'except ... as' takes a name");
    else bind(active_.back(), alias, kLocal);
  }

  void try_statement(TSNode n) {
    uint32_t cc = ts_node_named_child_count(n);
    TSNode bare{};
    for (uint32_t i = 0; i < cc; ++i) {
      TSNode c = named_child(n, i);
      if (kind_of(c) != k_except_clause) continue;
      if (!ts_node_is_null(bare)) {
        error("E0023", bare, "default 'except:' must be last");
        return;
      }
      if (ts_node_is_null(field(c, "value"))) bare = c;
    }
  }

  // ---- assignment targets
  static const char* expr_name(Kind k, std::string_view t) {
    switch (k) {
      case k_call: return "function call";
      case k_integer: case k_float_: case k_concatenated_string: return "literal";
      case k_string: return t.find_first_of("fF") < t.find_first_of("'\"") ? "f-string expression" : "literal";
      case k_ellipsis: return "ellipsis";
      case k_none: return "None";
      case k_true: return "True";
      case k_false: return "False";
      case k_comparison_operator: return "comparison";
      case k_conditional_expression: return "conditional expression";
      case k_lambda: return "lambda";
      case k_await: return "await expression";
      case k_yield: return "yield expression";
      case k_named_expression: return "named expression";
      case k_list_comprehension: return "list comprehension";
      case k_set_comprehension: return "set comprehension";
      case k_dictionary_comprehension: return "dict comprehension";
      case k_generator_expression: return "generator expression";
      case k_dictionary: return "dict literal";
      case k_set: return "set display";
      default: return "expression";
    }
  }

  // `(x)`: tree-sitter reads a tuple pattern of one element with no comma.
  static bool parenthesized_single(TSNode n) {
    Kind k = kind_of(n);
    if (k != k_tuple_pattern && k != k_tuple) return false;
    uint32_t items = 0, all = ts_node_child_count(n);
    for (uint32_t i = 0; i < all; ++i) {
      Kind ck = kind_of(ts_node_child(n, i));
      if (ck == t_comma) return false;
      if (ts_node_is_named(ts_node_child(n, i)) && !is_extra(ck)) ++items;
    }
    return items == 1;
  }

  void target(TSNode n, Target ctx, bool top) {
    if (ts_node_is_null(n)) return;
    Kind k = kind_of(n);
    if (parenthesized_single(n)) {
      TSNode inner = first(n);
      Kind ik = kind_of(inner);
      while (is_extra(ik)) inner = ts_node_next_named_sibling(inner), ik = kind_of(inner);
      if (ik != k_list_splat && ik != k_list_splat_pattern) return target(inner, ctx, top);
    }
    switch (k) {
      case k_identifier: {
        if (text(n) == "__debug__") {
          error("E0020", n, ctx == Target::Del ? "cannot delete __debug__" : "cannot assign to __debug__");
          return;
        }
        bind(active_.back(), n, kLocal);
        return;
      }
      case k_attribute:
      case k_subscript:
        return;
      case k_pattern_list:
      case k_tuple_pattern:
      case k_list_pattern:
      case k_tuple:
      case k_list:
      case k_expression_list: {
        bool is_list = k == k_list_pattern || k == k_list;
        if (ctx == Target::Aug) {
          error("E0020", n, std::string("'") + (is_list ? "list" : "tuple") + "' is an illegal expression for augmented assignment");
          return;
        }
        uint32_t cc = ts_node_named_child_count(n), stars = 0, items = 0;
        for (uint32_t i = 0; i < cc; ++i) {
          Kind ck = kind_of(named_child(n, i));
          if (is_extra(ck)) continue;
          ++items;
          if (ck == k_list_splat || ck == k_list_splat_pattern) ++stars;
        }
        bool has_comma = false;
        uint32_t all = ts_node_child_count(n);
        for (uint32_t i = 0; i < all; ++i) has_comma = has_comma || kind_of(ts_node_child(n, i)) == t_comma;
        if ((k == k_tuple_pattern || k == k_tuple) && items == 1 && !has_comma && stars == 1 && ctx != Target::Del) {
          error("E0020", n, "cannot use starred expression here");
          return;
        }
        if (stars > 1 && ctx != Target::Del) {
          error("E0020", n, "multiple starred expressions in assignment");
          return;
        }
        for (uint32_t i = 0; i < cc; ++i) target(named_child(n, i), ctx, false);
        return;
      }
      case k_parenthesized_expression:
        target(first(n), ctx, top);
        return;
      case k_list_splat:
      case k_list_splat_pattern:
        if (ctx == Target::Del) return error("E0020", n, "cannot delete starred");
        if (ctx == Target::Aug) return error("E0020", n, "'starred' is an illegal expression for augmented assignment");
        if (top) return error("E0020", n, "starred assignment target must be in a list or tuple");
        target(first(n), ctx, false);
        return;
      case k_comment:
      case k_line_continuation:
        return;
      default:
        break;
    }
    const char* what = expr_name(k, text(n));
    if (ctx == Target::Del) error("E0020", n, std::string("cannot delete ") + what);
    else if (ctx == Target::Aug) error("E0020", n, std::string("'") + what + "' is an illegal expression for augmented assignment");
    else error("E0020", n, std::string("cannot assign to ") + what);
  }

  void assignment(TSNode n) {
    TSNode left = field(n, "left"), type = field(n, "type"), right = field(n, "right");
    Kind lk = kind_of(left);
    if (!ts_node_is_null(type) && (parent_kind() == k_assignment || parent_kind() == k_augmented_assignment)) {
      error("E0027", type, "invalid syntax: only the first target of an assignment can be annotated");
      return;
    }
    if (!ts_node_is_null(type)) {
      if ((lk == k_pattern_list || lk == k_tuple_pattern || lk == k_list_pattern) && !parenthesized_single(left)) {
        error("E0020", left, std::string("only single target (not ") + (lk == k_list_pattern ? "list" : "tuple") + ") can be annotated");
        return;
      }
      if (lk == k_identifier) annotated(left, !ts_node_is_null(right));
    }
    target(left, Target::Assign, true);
    if (kind_of(right) == k_list_splat) error("E0020", right, "can't use starred expression here");
    if (kind_of(right) == k_augmented_assignment) error("E0027", right, "invalid syntax: an augmented assignment cannot be chained");
    if (!ts_node_is_null(type) && kind_of(right) == k_assignment)
      error("E0027", right, "invalid syntax: an annotated assignment cannot be chained");
  }

  void annotated(TSNode id, bool has_value) {
    if (!track_symbols_) return;
    Scope& s = scope();
    uint8_t& flags = s.symbols[text(id)];
    if (s.kind != ScopeKind::Module && (flags & (kGlobal | kNonlocal)))
      error("E0021", id, "annotated name '" + std::string(text(id)) + "' can't be " + (flags & kGlobal ? "global" : "nonlocal"));
    flags |= kAnnot | (has_value ? kLocal : 0);
  }

  void augmented(TSNode n) {
    TSNode left = field(n, "left"), right = field(n, "right");
    target(left, Target::Aug, true);
    if (kind_of(right) == k_list_splat) error("E0020", right, "can't use starred expression here");
    if (kind_of(right) == k_assignment || kind_of(right) == k_augmented_assignment)
      error("E0027", right, "invalid syntax: an augmented assignment cannot be chained");
  }

  // ---- ':=' and '*x': where the grammar allows them
  void walrus(Frame& f) {
    TSNode n = f.node;
    // tree-sitter binds ':=' tighter than CPython: in `b := 2 if x else y` it
    // reads the ':=' as the ternary's first operand. Judge the place of the
    // whole expression it starts.
    size_t up = 1;
    const Frame* at = &f;
    while (parent(up) && (parent(up)->kind == k_conditional_expression || parent(up)->kind == k_boolean_operator ||
                          parent(up)->kind == k_comparison_operator) &&
           ts_node_start_byte(parent(up)->node) == ts_node_start_byte(n)) {
      at = parent(up);
      ++up;
    }
    Kind pk = parent_kind(up);
    bool ok = false;
    switch (pk) {
      case k_parenthesized_expression: case k_argument_list: case k_list: case k_set: case k_tuple:
      case k_decorator: case k_interpolation:
        ok = true;
        break;
      case k_subscript:
        ok = at->field == f_subscript_;
        break;
      case k_if_statement: case k_elif_clause: case k_while_statement:
        ok = at->field == f_condition_;
        break;
      case k_list_comprehension: case k_set_comprehension: case k_generator_expression:
        ok = at->field == f_body_;
        break;
      case k_match_statement:
        ok = at->field == f_subject_;
        break;
      case k_if_clause:
        ok = parent_kind(up + 1) == k_case_clause;
        break;
      case k_type:  // `x: a[b := 1, 2]`: tree-sitter reads the subscript as type parameters
        ok = parent_kind(up + 1) == k_type_parameter;
        break;
      default:
        break;
    }
    if (!ok) {
      error("E0027", n, "invalid syntax: an assignment expression (:=) needs parentheses here");
      return;
    }
    TSNode name = field(n, "name");
    std::string_view t = text(name);
    if (t == "__debug__") return error("E0020", name, "cannot assign to __debug__");
    bool in_comp = false;
    for (size_t i = active_.size(); i-- > 0;) {
      const Scope& s = scopes_[active_[i]];
      if (s.kind != ScopeKind::Comprehension) {
        if (in_comp && s.kind == ScopeKind::Class)
          return error("E0026", n, "assignment expression within a comprehension cannot be used in a class body");
        break;
      }
      in_comp = true;
      for (std::string_view v : s.iter_vars)
        if (v == t)
          return error("E0026", n, "assignment expression cannot rebind comprehension iteration variable '" + std::string(t) + "'");
    }
    if (in_comp_iter_ > 0) return error("E0026", n, "assignment expression cannot be used in a comprehension iterable expression");
    bind(binding_scope_for_walrus(), name, kLocal);
  }

  void starred(Frame& f) {
    Kind pk = parent_kind();
    // In a display or assignment `*x` takes an operand of `|` or tighter (in a call, any expression).
    Kind operand = kind_of(first(f.node));
    if (pk != k_argument_list &&
        (operand == k_not_operator || operand == k_boolean_operator || operand == k_comparison_operator ||
         operand == k_lambda || operand == k_conditional_expression || operand == k_named_expression ||
         operand == k_yield || operand == k_as_pattern)) {
      error("E0027", f.node, "invalid syntax: put the starred expression in parentheses");
      return;
    }
    switch (pk) {
      case k_list: case k_tuple: case k_set: case k_expression_list: case k_argument_list: case k_subscript:
      case k_pattern_list: case k_tuple_pattern: case k_list_pattern: case k_parenthesized_list_splat:
      case k_delete_statement: case k_as_pattern_target: case k_expression_statement: case k_assignment:
      case k_augmented_assignment: case k_list_comprehension: case k_set_comprehension: case k_generator_expression:
      case k_interpolation:
        return;  // fine, or reported by the statement's own rule
      default:
        error("E0020", f.node, "can't use starred expression here");
    }
  }

  // ---- match statements: what CPython's compiler checks in patterns
  struct Pat {
    bool irrefutable = false;
    TSNode capture{};  // the name capture that makes it irrefutable (null: a wildcard)
  };

  void case_clause(Frame& f) {
    TSNode n = f.node;
    std::vector<TSNode> names;
    std::vector<TSNode> patterns;
    bool guard = false;
    for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) {
      TSNode c = named_child(n, i);
      if (kind_of(c) == k_case_pattern) patterns.push_back(c);
      if (kind_of(c) == k_if_clause) guard = true;
    }
    if (patterns.empty()) return;
    bool comma = false;
    for (uint32_t i = 0, cc = ts_node_child_count(n); i < cc; ++i) comma = comma || kind_of(ts_node_child(n, i)) == t_comma;
    Pat p;
    if (patterns.size() == 1 && !comma) {
      p = pattern(patterns[0], names, 0);
    } else {  // `case a, *b:` is a sequence
      sequence(patterns, names, n);
    }
    bool last = ts_node_is_null(ts_node_next_named_sibling(n));
    if (p.irrefutable && !guard && !last) unreachable(p, patterns[0]);
    for (TSNode id : names) bind(active_.back(), id, kLocal);
  }

  void unreachable(const Pat& p, TSNode at) {
    if (ts_node_is_null(p.capture)) error("E0024", at, "wildcard makes remaining patterns unreachable");
    else error("E0024", p.capture, "name capture '" + std::string(text(p.capture)) + "' makes remaining patterns unreachable");
  }

  void add_name(TSNode id, std::vector<TSNode>& names) {
    for (TSNode other : names)
      if (text(other) == text(id)) {
        error("E0024", id, "multiple assignments to name '" + std::string(text(id)) + "' in pattern");
        return;
      }
    names.push_back(id);
  }

  // One pattern among the children of `parent` from child index i: a named
  // node, `_`, or `-` and a number. Advances i past it.
  Pat pattern_at(TSNode parent, uint32_t& i, std::vector<TSNode>& names, int depth) {
    uint32_t cc = ts_node_child_count(parent);
    for (; i < cc; ++i) {
      TSNode c = ts_node_child(parent, i);
      Kind k = kind_of(c);
      if (k == t_underscore) {
        ++i;
        return Pat{true, TSNode{}};
      }
      if (ts_node_is_named(c) && !is_extra(k)) {
        ++i;
        return pattern(c, names, depth);
      }
      if (k == t_minus) continue;
      if (!ts_node_is_named(c)) return Pat{};  // '|' or ',': an empty alternative cannot happen in a parsed tree
    }
    return Pat{};
  }

  Pat pattern(TSNode n, std::vector<TSNode>& names, int depth) {
    if (depth > 250) return Pat{};  // deeper than 200 brackets is E0027 already
    switch (kind_of(n)) {
      case k_case_pattern: {
        uint32_t i = 0;
        return pattern_at(n, i, names, depth + 1);
      }
      case k_as_pattern: {
        TSNode inner = first(n), alias = ts_node_named_child(n, ts_node_named_child_count(n) - 1);
        if (kind_of(inner) == k_case_pattern && kind_of(first(inner)) == k_as_pattern)
          error("E0024", n, "invalid syntax: an 'as' pattern inside another needs parentheses");
        Pat p = pattern(inner, names, depth + 1);
        if (text(alias) == "_") error("E0024", alias, "cannot use '_' as a target");
        else add_name(alias, names);
        return p;
      }
      case k_dotted_name:
        if (ts_node_named_child_count(n) == 1) {
          add_name(first(n), names);
          return Pat{true, first(n)};
        }
        return Pat{};
      case k_union_pattern:
        return union_pattern(n, names, depth);
      case k_list_pattern:
      case k_tuple_pattern: {
        if (parenthesized_single(n)) return pattern(first(n), names, depth + 1);
        std::vector<TSNode> items;
        for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i)
          if (kind_of(named_child(n, i)) == k_case_pattern) items.push_back(named_child(n, i));
        sequence(items, names, n);
        return Pat{};
      }
      case k_splat_pattern:
        error("E0024", n, "invalid syntax: a starred pattern stands only in a sequence pattern");
        return Pat{};
      case k_dict_pattern:
        dict_pattern(n, names, depth);
        return Pat{};
      case k_class_pattern:
        class_pattern(n, names, depth);
        return Pat{};
      case k_keyword_pattern:
        error("E0024", n, "invalid syntax: a keyword pattern stands only in a class pattern");
        return Pat{};
      case k_string:
      case k_concatenated_string:
        if (is_fstring(n)) error("E0024", n, "patterns may only match literals and attribute lookups");
        return Pat{};
      case k_complex_pattern:
        complex_pattern(n);
        return Pat{};
      default:
        return Pat{};
    }
  }

  bool is_fstring(TSNode n) {
    if (kind_of(n) == k_concatenated_string) {
      for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i)
        if (is_fstring(named_child(n, i))) return true;
      return false;
    }
    std::string_view t = text(n);
    size_t q = t.find_first_of("'\"");
    return t.substr(0, q).find_first_of("fF") != std::string_view::npos;
  }

  Pat union_pattern(TSNode n, std::vector<TSNode>& names, int depth) {
    uint32_t cc = ts_node_child_count(n), i = 0;
    std::vector<TSNode> first;
    bool have_first = false;
    Pat last{};
    while (i < cc) {
      std::vector<TSNode> mine;
      Pat p = pattern_at(n, i, mine, depth + 1);
      while (i < cc && ts_node_is_named(ts_node_child(n, i)) == false && kind_of(ts_node_child(n, i)) != t_underscore &&
             kind_of(ts_node_child(n, i)) != t_minus)
        ++i;  // the '|'
      bool is_last = i >= cc;
      if (p.irrefutable && !is_last) unreachable(p, n);
      if (!have_first) {
        first = mine;
        have_first = true;
      } else {
        bool same = first.size() == mine.size();
        for (TSNode a : first) {
          bool found = false;
          for (TSNode b : mine) found = found || text(a) == text(b);
          same = same && found;
        }
        if (!same) {
          error("E0024", n, "alternative patterns bind different names");
          return Pat{};
        }
      }
      last = p;
    }
    for (TSNode id : first) add_name(id, names);
    return last;
  }

  void sequence(const std::vector<TSNode>& items, std::vector<TSNode>& names, TSNode at) {
    int stars = 0;
    for (TSNode item : items) {
      TSNode inner = first(item);
      if (kind_of(inner) == k_splat_pattern) {
        if (++stars == 2) error("E0024", at, "multiple starred names in sequence pattern");
        if (text(inner).rfind("**", 0) == 0) error("E0024", inner, "invalid syntax: '**' stands only in a mapping pattern");
        TSNode id = first(inner);
        if (!ts_node_is_null(id) && kind_of(id) == k_identifier) add_name(id, names);
        continue;
      }
      pattern(item, names, 1);
    }
  }

  void dict_pattern(TSNode n, std::vector<TSNode>& names, int depth) {
    std::vector<std::string> keys;
    bool rest = false, negative = false;
    TSFieldId key_field = field_id("key");
    TSTreeCursor c = ts_tree_cursor_new(n);
    for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
      TSNode ch = ts_tree_cursor_current_node(&c);
      Kind k = kind_of(ch);
      if (k == t_minus) {
        negative = true;
        continue;
      }
      if (k == k_splat_pattern) {
        TSNode id = first(ch);
        if (rest || text(ch).rfind("**", 0) != 0 || ts_node_is_null(id))
          error("E0024", ch, "invalid syntax: a mapping pattern takes one '**rest', a name, last");
        else add_name(id, names);
        rest = true;
        continue;
      }
      if (ts_tree_cursor_current_field_id(&c) == key_field) {
        if (rest) error("E0024", ch, "invalid syntax: a mapping pattern's '**rest' comes last");
        bool literal = k == k_string || k == k_concatenated_string || k == k_integer || k == k_float_ ||
                       k == k_complex_pattern || k == k_true || k == k_false || k == k_none;
        if (k == k_dotted_name && ts_node_named_child_count(ch) > 1) {
          // a value pattern: not compared
        } else if (!literal) {
          error("E0024", ch, "invalid syntax: a mapping pattern's keys are literals or dotted names");
        } else if ((k == k_string || k == k_concatenated_string) && is_fstring(ch)) {
          error("E0024", ch, "patterns may only match literals and attribute lookups");
        } else {
          std::string key = (negative ? "-" : "") + std::string(text(ch));
          if (k == k_integer || k == k_float_ || k == k_true || k == k_false) key = number_key(ch, negative);
          if (k == k_string && key.size() >= 2 && (key[0] == '\'' || key[0] == '"')) key = "'" + key.substr(1, key.size() - 2) + "'";
          for (const std::string& other : keys)
            if (other == key) error("E0024", ch, "mapping pattern checks duplicate key (" + key + ")");
          keys.push_back(key);
        }
        negative = false;
        continue;
      }
      if (k == k_case_pattern) pattern(ch, names, depth + 1);
    }
    ts_tree_cursor_delete(&c);
  }

  // Keys compare by value, as CPython does: 1, 1.0 and True are one key.
  std::string number_key(TSNode n, bool negative) {
    Kind k = kind_of(n);
    double v = 0;
    if (k == k_true || k == k_false) {
      v = k == k_true ? 1 : 0;
    } else {
      std::string t;
      for (char c : text(n))
        if (c != '_') t += c;
      if (!t.empty() && (t.back() == 'j' || t.back() == 'J')) return std::string(text(n));
      if (k == k_integer && t.size() > 1 && t[0] == '0' && std::strchr("xXoObB", t[1])) {
        int base = std::strchr("xX", t[1]) ? 16 : std::strchr("oO", t[1]) ? 8 : 2;
        v = static_cast<double>(std::strtoull(t.c_str() + 2, nullptr, base));
      } else {
        v = std::strtod(t.c_str(), nullptr);
      }
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", negative ? -v : v);
    return buf;
  }

  void class_pattern(TSNode n, std::vector<TSNode>& names, int depth) {
    std::vector<std::string_view> keywords;
    bool seen_keyword = false;
    for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i) {
      TSNode c = named_child(n, i);
      if (kind_of(c) != k_case_pattern) continue;
      TSNode inner = first(c);
      if (kind_of(inner) != k_keyword_pattern) {
        if (seen_keyword) error("E0024", c, "positional patterns follow keyword patterns");
        pattern(c, names, depth + 1);
        continue;
      }
      seen_keyword = true;
      TSNode name = first(inner);
      for (std::string_view k : keywords)
        if (k == text(name)) error("E0024", name, "attribute name repeated in class pattern: " + std::string(text(name)));
      keywords.push_back(text(name));
      uint32_t j = 2;  // after the name and '='
      pattern_at(inner, j, names, depth + 1);
    }
  }

  void complex_pattern(TSNode n) {
    std::vector<TSNode> nums;
    for (uint32_t i = 0, cc = ts_node_named_child_count(n); i < cc; ++i)
      if (!is_extra(kind_of(named_child(n, i)))) nums.push_back(named_child(n, i));
    if (nums.size() != 2) return;
    auto imaginary = [&](TSNode x) { std::string_view t = text(x); return !t.empty() && (t.back() == 'j' || t.back() == 'J'); };
    if (imaginary(nums[0])) error("E0024", nums[0], "real number required in complex literal");
    else if (!imaginary(nums[1])) error("E0024", nums[1], "imaginary number required in complex literal");
  }

  // ---- global / nonlocal
  void declaration(Frame& f, bool nonlocal) {
    TSNode n = f.node;
    ++in_declaration_;
    f.counts_declaration = true;
    Scope& s = scope();
    if (nonlocal && s.kind == ScopeKind::Module) {
      error("E0021", n, "nonlocal declaration not allowed at module level");
      return;
    }
    const char* what = nonlocal ? "nonlocal" : "global";
    uint32_t cc = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < cc; ++i) {
      TSNode id = named_child(n, i);
      if (kind_of(id) != k_identifier) continue;
      std::string name(text(id));
      uint8_t& flags = s.symbols[text(id)];
      if (flags & kParam) error("E0021", id, "name '" + name + "' is parameter and " + what);
      else if (flags & kUse) error("E0021", id, "name '" + name + "' is used prior to " + what + " declaration");
      else if (flags & kAnnot) error("E0021", id, "annotated name '" + name + "' can't be " + what);
      else if (flags & kLocal) error("E0021", id, "name '" + name + "' is assigned to before " + what + " declaration");
      flags |= nonlocal ? kNonlocal : kGlobal;
      if (nonlocal) s.nonlocals.push_back({text(id), tree_.span(id)});
    }
  }

  // After the walk: each nonlocal name must be bound in an enclosing function.
  void resolve_nonlocals() {
    for (const Scope& s : scopes_) {
      for (auto& [name, span] : s.nonlocals) {
        auto it = s.symbols.find(name);
        if (it != s.symbols.end() && (it->second & kGlobal)) {
          sink_.error("E0021", span, "name '" + std::string(name) + "' is nonlocal and global");
          continue;
        }
        if (!bound_above(s, name)) sink_.error("E0021", span, "no binding for nonlocal '" + std::string(name) + "' found");
      }
    }
  }

  bool bound_above(const Scope& s, std::string_view name) const {
    for (int i = s.parent; i >= 0; i = scopes_[i].parent) {
      const Scope& a = scopes_[i];
      if (a.kind == ScopeKind::Module) return false;
      if (a.kind == ScopeKind::Class) {
        if (name == "__class__") return true;
        continue;
      }
      auto it = a.symbols.find(name);
      if (it == a.symbols.end()) continue;
      if (it->second & kGlobal) return false;
      if (it->second & kNonlocal) continue;
      if (it->second & (kLocal | kParam | kImport)) return true;
    }
    return false;
  }

  const SyntaxTree& tree_;
  DiagnosticSink& sink_;
  TokenRules tokens_;
  std::vector<Frame> frames_;
  std::vector<Scope> scopes_;
  std::vector<int> active_;  // the scope stack (indexes into scopes_)
  std::vector<std::vector<TSNode>> pending_params_;  // per def / lambda, until its body opens
  std::unordered_set<uint32_t> not_use_;  // identifiers that bind, by start byte
  bool track_symbols_ = false;
  int in_local_annotation_ = 0, in_format_spec_ = 0;
  int in_string_ = 0, in_comp_iter_ = 0, in_import_ = 0, in_declaration_ = 0;
  static constexpr uint32_t kMaxNesting = 2900;
  bool nesting_reported_ = false;
  bool future_ok_ = true, seen_statement_ = false, barry_ = false, blocks_reported_ = false;
  TSFieldId f_body_, f_right_, f_left_, f_name_, f_attribute_, f_alias_, f_subscript_, f_condition_, f_subject_,
      f_type_, f_value_, f_arguments_, f_type_parameters_, f_parameters_, f_guard_;
};

}  // namespace

size_t check_python_rules(const SyntaxTree& tree, DiagnosticSink& sink) { return RuleWalk(tree, sink).run(); }

}  // namespace flowc

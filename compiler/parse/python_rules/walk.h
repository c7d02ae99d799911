// One walk over a parsed file, in source order, applying CPython's compile-time
// rules (see parse/python_rules.h). The rules are spread over this folder by
// what they check (walk: traversal, scopes and blocks; statements; names;
// targets; patterns); this class holds the state they share.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"
#include "parse/python_rules/kinds.h"
#include "parse/python_tokens.h"
#include "parse/syntax_tree.h"

namespace flowc::python_rules {

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

class RuleWalk {
 public:
  RuleWalk(const SyntaxTree& tree, DiagnosticSink& sink, PythonVersion version)
      : tree_(tree), sink_(sink), version_(version), tokens_(tree, sink, version) {
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

  size_t run();

 private:
  // ---- helpers
  // Syntax of Python 3.<minor>: an error (E0041) when the file is read as an older Python.
  bool needs(int minor, TSNode at, const std::string& what);
  std::string_view text(TSNode n) const { return tree_.text(n); }
  void error(const char* code, TSNode at, std::string message) { sink_.error(code, tree_.span(at), std::move(message)); }
  Scope& scope() { return scopes_[active_.back()]; }
  const Frame* parent(size_t up = 1) const { return frames_.size() > up ? &frames_[frames_.size() - 1 - up] : nullptr; }
  Kind parent_kind(size_t up = 1) const;
  int binding_scope_for_walrus() const;

  void bind(int scope_index, TSNode id, uint8_t flag);

  TSFieldId field_of(TSTreeCursor* c) const;

  void enter(TSNode n, TSFieldId field);

  void nesting(Frame& f);

  bool starts_line(const Frame& f) const;

  void module_statement(const Frame& f);

  void leave();

  // ---- scopes and CPython's frame blocks
  void push_scope(Frame& f, ScopeKind kind, bool is_async, Kind comp_kind = k_other);

  void borrow_scope(Frame& f, int index);

  void close_scope();

  void push_blocks(Frame& f, char kind, int count);

  bool try_has(TSNode t, Kind want);

  void open_scopes_and_blocks(Frame& f);

  // ---- the rules, by node kind
  void check(Frame& f);

  bool in_except_star(bool stop_at_loop);

  void loop_control(TSNode n, bool is_break);

  void yield(TSNode n);

  void await(TSNode n);

  void async_statement(TSNode n, const char* what);

  void comprehension_clause(Frame& f);

  void collect_iter_vars(TSNode n);

  // ---- identifiers: keywords tree-sitter takes as names, and name uses
  void identifier(Frame& f);

  void definition(TSNode n, Kind k);

  // ---- parameters: order, duplicates, '*', '/', '**'
  void parameters(TSNode n);

  // ---- call arguments: keywords once, positionals before keywords
  void arguments(Frame& f);

  // ---- imports
  void import(Frame& f);

  void future(TSNode c);

  // PEP 696 type parameter defaults in a type parameter list (3.13).
  void type_parameter_defaults(TSNode list);
  void type_parameter_names(TSNode list);
  // A named / yield / await expression in a PEP 695 annotation scope (3.12+).
  void annotation_scope_expression(TSNode n, const char* what);
  bool in_alias_parameters(size_t frame) const;
  // ---- try / except
  void except_clause(TSNode n);

  // Whether the current node is one entry of a def's / class's / type
  // statement's type parameter list (type_parameter > type > here).
  bool in_type_parameter_list() const {
    const Frame* list = parent(2);
    return parent_kind() == k_type && list && list->kind == k_type_parameter &&
           (list->field == f_type_parameters_ || parent_kind(5) == k_type_alias_statement);
  }

  // `except *E:` (a space after 'except'): tree-sitter reads an except_clause
  // whose value is starred; CPython reads except* (PEP 654).
  static bool is_star_except(TSNode except_clause);

  void try_statement(TSNode n);

  // ---- assignment targets
  static const char* expr_name(Kind k, std::string_view t);

  static bool parenthesized_single(TSNode n);

  void target(TSNode n, Target ctx, bool top);

  void assignment(TSNode n);

  void annotated(TSNode id, bool has_value);

  void augmented(TSNode n);

  // ---- ':=' and '*x': where the grammar allows them
  void walrus(Frame& f);

  void starred(Frame& f);

  // ---- match statements: what CPython's compiler checks in patterns
  struct Pat {
    bool irrefutable = false;
    TSNode capture{};  // the name capture that makes it irrefutable (null: a wildcard)
  };

  void case_clause(Frame& f);

  void unreachable(const Pat& p, TSNode at);

  void add_name(TSNode id, std::vector<TSNode>& names);

  Pat pattern_at(TSNode parent, uint32_t& i, std::vector<TSNode>& names, int depth);

  Pat pattern(TSNode n, std::vector<TSNode>& names, int depth);

  bool is_fstring(TSNode n);

  Pat union_pattern(TSNode n, std::vector<TSNode>& names, int depth);

  void sequence(const std::vector<TSNode>& items, std::vector<TSNode>& names, TSNode at);

  void dict_pattern(TSNode n, std::vector<TSNode>& names, int depth);

  std::string number_key(TSNode n, bool negative);

  void class_pattern(TSNode n, std::vector<TSNode>& names, int depth);

  void complex_pattern(TSNode n);

  // ---- global / nonlocal
  void declaration(Frame& f, bool nonlocal);

  void resolve_nonlocals();

  bool bound_above(const Scope& s, std::string_view name) const;

  const SyntaxTree& tree_;
  DiagnosticSink& sink_;
  PythonVersion version_;
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

}  // namespace flowc::python_rules

// The traversal: entering and leaving nodes, nesting depth, scopes and
// CPython's frame blocks.
#include "parse/python_rules/walk.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace flowc::python_rules {

size_t RuleWalk::run() {
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

Kind RuleWalk::parent_kind(size_t up) const {
  const Frame* p = parent(up);
  return p ? p->kind : k_other;
}

// The scope names are bound in: comprehensions bind ':=' targets in the
// enclosing function (or module).
int RuleWalk::binding_scope_for_walrus() const {
  for (size_t i = active_.size(); i-- > 0;)
    if (scopes_[active_[i]].kind != ScopeKind::Comprehension) return active_[i];
  return 0;
}

void RuleWalk::bind(int scope_index, TSNode id, uint8_t flag) {
  if (!track_symbols_) return;
  scopes_[scope_index].symbols[text(id)] |= flag;
  not_use_.insert(ts_node_start_byte(id));
}

// The cursor's field name costs a search of the parent's field map: ask only
// where a rule reads it (about a third of the walk's time otherwise).
TSFieldId RuleWalk::field_of(TSTreeCursor* c) const {
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

void RuleWalk::enter(TSNode n, TSFieldId field) {
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
void RuleWalk::nesting(Frame& f) {
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
bool RuleWalk::starts_line(const Frame& f) const {
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
void RuleWalk::module_statement(const Frame& f) {
  bool docstring = !seen_statement_ && f.kind == k_expression_statement && ts_node_named_child_count(f.node) == 1 &&
                   (kind_of(first(f.node)) == k_string ||
                    kind_of(first(f.node)) == k_concatenated_string);
  if (f.kind != k_future_import_statement && !docstring) future_ok_ = false;
  seen_statement_ = true;
}

void RuleWalk::leave() {
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

void RuleWalk::push_scope(Frame& f, ScopeKind kind, bool is_async, Kind comp_kind) {
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

void RuleWalk::borrow_scope(Frame& f, int index) {
  active_.push_back(index);
  ++f.pops_scopes;
}

void RuleWalk::close_scope() {
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

void RuleWalk::push_blocks(Frame& f, char kind, int count) {
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

bool RuleWalk::try_has(TSNode t, Kind want) {
  uint32_t n = ts_node_named_child_count(t);
  for (uint32_t i = 0; i < n; ++i)
    if (kind_of(named_child(t, i)) == want) return true;
  return false;
}

void RuleWalk::open_scopes_and_blocks(Frame& f) {
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
        bool star = pk == k_except_group_clause || is_star_except(parent()->node);
        push_blocks(f, star ? 'X' : 'o', 1);
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

}  // namespace flowc::python_rules

namespace flowc::python_rules {

bool RuleWalk::needs(int minor, TSNode at, const std::string& what) {
  if (version_.at_least(minor)) return true;
  error("E0041", at,
        what + " needs Python 3." + std::to_string(minor) + "; this file is read as Python " + version_.name() +
            " (--python-version, or python-version / requires-python in pyproject.toml)");
  return false;
}

}  // namespace flowc::python_rules

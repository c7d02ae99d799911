// The rules by node kind, and those of statements:
// return/yield/await/break/continue/async outside their context,
// comprehensions, try/except*.
#include "parse/python_rules/walk.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace flowc::python_rules {

void RuleWalk::check(Frame& f) {
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
      annotation_scope_expression(n, "yield expression");
      yield(n);
      break;
    case k_await:
      annotation_scope_expression(n, "await expression");
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
    case k_type_alias_statement: {  // PEP 695: 'type' NAME [type_params] '=' expression
      // tree-sitter also reads `type(obj).attr = v` as one (its left side
      // `(obj).attr`): that is an assignment in every version, and its target
      // (an attribute or subscript of a call) is always a valid one.
      std::string_view t = text(n);
      size_t i = 4;
      while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\\' || t[i] == '\n')) ++i;
      bool name_follows = i > 4 && i < t.size() && (std::isalpha(static_cast<unsigned char>(t[i])) || t[i] == '_' ||
                                                    static_cast<unsigned char>(t[i]) >= 0x80);
      if (name_follows) needs(12, n, "a 'type' statement");
      break;
    }
    case k_type_parameter:  // PEP 695
      if (f.field == f_type_parameters_) needs(12, n, "a type parameter list");
      if (f.field == f_type_parameters_ || in_alias_parameters(frames_.size() - 1)) type_parameter_names(n);
      type_parameter_defaults(n);
      break;
    case k_match_statement:  // PEP 634
      needs(10, n, "a 'match' statement");
      break;
    case k_splat_type: {
      // `def f[*Ts, **P]()`: a TypeVarTuple / ParamSpec (PEP 695; the list is checked as a whole).
      if (in_type_parameter_list()) break;
      // `*Ts: B` reads as a bound on the star: CPython refuses it; `*Ts = D`
      // (PEP 696) is read respelled as `*Ts : D` (type_param_defaults.h), with
      // a starred default allowed (`*Ts = *tuple[int]`).
      for (int up = 2; up <= 4; ++up) {
        const Frame* c = parent(up);
        if (!c || c->kind != k_constrained_type || parent_kind(up + 2) != k_type_parameter) continue;
        bool defaulted = false, in_default = false;
        for (const auto& d : tree_.type_param_defaults()) {
          defaulted = defaulted || (d.offset >= ts_node_start_byte(c->node) && d.offset < ts_node_end_byte(c->node));
          in_default = in_default || (d.offset >= ts_node_start_byte(c->node) && d.offset < ts_node_start_byte(n));
        }
        std::string_view param = text(c->node);
        if (!defaulted)
          error("E0027", n, text(n).rfind("**", 0) == 0 ? "cannot use bound with ParamSpec" : "cannot use bound with TypeVarTuple");
        else if (in_default && !(param.size() > 1 && param[0] == '*' && param[1] != '*'))
          error("E0027", n, "invalid syntax: only a TypeVarTuple's default is starred");  // `T = *a`
        return;
      }
      // `x: tuple[*Ts]`: tree-sitter reads the subscript of an annotation as a
      // generic type; the star is a starred subscript element (PEP 646, 3.11).
      const Frame* generic = parent(3);
      if (parent_kind() == k_type && parent_kind(2) == k_type_parameter && generic && is(generic->node, "generic_type") &&
          text(n).rfind("**", 0) != 0) {
        needs(11, n, "a starred expression in a subscript");
        break;
      }
      // Otherwise only `*args: *Ts` takes a starred annotation (PEP 646, 3.11).
      const Frame* param = parent(2);
      bool ok = parent_kind() == k_type && param && param->kind == k_typed_parameter &&
                kind_of(first(param->node)) == k_list_splat_pattern && text(n).rfind("**", 0) != 0;
      if (!ok) error("E0027", n, "invalid syntax: a starred annotation is allowed only on *args");
      else needs(11, n, "a starred annotation on *args");
      break;
    }
    case k_constrained_type:
      // `def f[T: int]()`: a bound (PEP 695); anywhere else (`x: a: b`) no Python.
      if (!in_type_parameter_list()) error("E0027", n, "invalid syntax");
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
      needs(11, n, "'except*'");  // PEP 654
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
      annotation_scope_expression(n, "named expression");
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
      // `with (open(p)\n as f):` may come as a with_item holding a
      // parenthesized as_pattern: CPython's `'with' '(' with_item ')'`.
      bool with_parens = pk == k_parenthesized_expression && parent_kind(2) == k_with_item;
      if (with_parens) {
        TSNode alias = field(n, "alias");
        if (!ts_node_is_null(alias) && ts_node_named_child_count(alias) > 0) target(first(alias), Target::With, true);
      } else if (pk != k_with_item && pk != k_except_group_clause && pk != k_except_clause && pk != k_case_pattern) {
        error("E0027", n, "invalid syntax: 'as' cannot be used here");
      }
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

bool RuleWalk::in_except_star(bool stop_at_loop) {
  const Scope& s = scope();
  for (size_t i = s.blocks.size(); i-- > 0;) {
    if (s.blocks[i] == 'X') return true;
    if (stop_at_loop && s.blocks[i] == 'L') return false;
  }
  return false;
}

void RuleWalk::loop_control(TSNode n, bool is_break) {
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

void RuleWalk::yield(TSNode n) {
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

void RuleWalk::await(TSNode n) {
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

void RuleWalk::async_statement(TSNode n, const char* what) {
  if (ts_node_child_count(n) == 0 || kind_of(ts_node_child(n, 0)) != t_async) return;
  const Scope& s = scope();
  if (!(s.kind == ScopeKind::Function && s.is_async)) error("E0019", n, std::string(what) + " outside async function");
}

void RuleWalk::comprehension_clause(Frame& f) {
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

void RuleWalk::collect_iter_vars(TSNode n) {
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

bool RuleWalk::is_star_except(TSNode n) {
  TSNode v = first(n);
  if (ts_node_is_null(v)) return false;
  if (kind_of(v) == k_as_pattern) v = first(v);
  return kind_of(v) == k_list_splat;
}

void RuleWalk::except_clause(TSNode n) {
  if (is_star_except(n)) needs(11, n, "'except*'");
  uint32_t cc = ts_node_child_count(n);
  TSNode alias = field(n, "alias");  // also `except A, B:`'s B (the grammar's Python 2 form)
  bool has_as = false;
  for (uint32_t i = 0; i < cc; ++i) {
    Kind ck = kind_of(ts_node_child(n, i));
    has_as = has_as || ck == t_as || ck == k_as_pattern;
  }
  for (uint32_t i = 0; i < cc; ++i)
    if (kind_of(ts_node_child(n, i)) == t_comma) {
      // PEP 758 (3.14): `except A, B:` without parentheses, unless it names the exception.
      if (version_.at_least(14) && !has_as) return;  // no name bound: B is a type
      if (has_as || !version_.at_least(14)) {
        if (version_.at_least(14))
          error("E0027", ts_node_child(n, i), "multiple exception types must be parenthesized when using 'as'");
        else if (!has_as)
          needs(14, ts_node_child(n, i), "'except' with several exception types and no parentheses");
        else
          error("E0015", ts_node_child(n, i),
                "multiple exception types must be parenthesized ('except E, e' is Python 2 syntax)");
      }
      return;
    }
  // tree-sitter reads `except (A, B) as e` as an as_pattern, `except A as e` with an alias field.
  for (uint32_t i = 0, nc = ts_node_named_child_count(n); i < nc && ts_node_is_null(alias); ++i) {
    TSNode c = named_child(n, i);
    if (kind_of(c) != k_as_pattern) continue;
    TSNode a = field(c, "alias");
    alias = ts_node_is_null(a) ? a : first(a);
  }
  if (ts_node_is_null(alias)) return;
  if (kind_of(alias) != k_identifier) error("E0027", alias, "invalid syntax: 'except ... as' takes a name");
  else bind(active_.back(), alias, kLocal);
}

void RuleWalk::try_statement(TSNode n) {
  uint32_t cc = ts_node_named_child_count(n);
  // CPython's invalid_try_stmt (Grammar/python.gram, 3.11+): one 'try' takes
  // 'except' clauses or 'except*' clauses, never both.
  TSNode plain{}, star{};
  for (uint32_t i = 0; i < cc; ++i) {
    TSNode c = named_child(n, i);
    Kind ck = kind_of(c);
    if (ck == k_except_group_clause || (ck == k_except_clause && is_star_except(c))) {
      if (ts_node_is_null(star)) star = c;
    } else if (ck == k_except_clause && ts_node_is_null(plain)) {
      plain = c;
    }
  }
  if (!ts_node_is_null(plain) && !ts_node_is_null(star)) {
    TSNode later = ts_node_start_byte(plain) > ts_node_start_byte(star) ? plain : star;
    error("E0027", later, "invalid syntax: cannot have both 'except' and 'except*' on the same 'try'");
    return;
  }
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

// PEP 696 (3.13): the type parameter defaults the parser read respelled
// (parse/type_param_defaults.h) that lie in this list. CPython's
// type_param_seq: a parameter without a default may not follow one with a
// default (Python/compile.c, compiler_type_params: "non-default type
// parameter '%U' follows default type parameter").
void RuleWalk::type_parameter_defaults(TSNode list) {
  const auto& all = tree_.type_param_defaults();
  if (all.empty()) return;
  uint32_t begin = ts_node_start_byte(list), end = ts_node_end_byte(list);
  bool defaulted = false;
  for (uint32_t i = 0, cc = ts_node_named_child_count(list); i < cc; ++i) {
    TSNode param = named_child(list, i);
    if (is_extra(kind_of(param))) continue;
    uint32_t pb = ts_node_start_byte(param), pe = ts_node_end_byte(param);
    bool has = false;
    for (const auto& d : all)
      if (d.offset >= pb && d.offset < pe && d.offset >= begin && d.offset < end) {
        has = true;
        TSNode sign = ts_node_descendant_for_byte_range(param, d.offset, d.offset + 1);
        needs(13, sign, "a type parameter default");
      }
    if (has) {
      defaulted = true;
    } else if (defaulted) {
      std::string_view name = text(param);
      while (!name.empty() && name.front() == '*') name.remove_prefix(1);
      size_t colon = name.find(':');
      if (colon != std::string_view::npos) name = name.substr(0, colon);
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
      error("E0027", param,
            "non-default type parameter '" + std::string(name) + "' follows default type parameter");
    }
  }
}

// PEP 695's annotation scopes (3.12+): a type parameter's bound,
// constraints and default, a type alias's value, a generic class's bases and
// a generic function's annotations are evaluated in a scope of their own,
// where CPython's symtable refuses a named, yield or await expression
// (Python/symtable.c, symtable_raise_if_annotation_block: "%s cannot be
// used within %s"). `n` is the expression, frames_.back() its frame.
void RuleWalk::annotation_scope_expression(TSNode n, const char* what) {
  if (!version_.at_least(12)) return;  // no annotation scopes (their syntax is E0041 there)
  std::string where;
  for (size_t i = frames_.size() - 1; i-- > 0 && where.empty();) {
    const Frame& a = frames_[i];
    TSNode child = frames_[i + 1].node;
    if (a.kind == k_lambda || a.kind == k_block) return;  // a scope of its own, or a body
    if (a.kind == k_type_parameter && i > 0 &&
        (frames_[i - 1].kind == k_function_definition || frames_[i - 1].kind == k_class_definition ||
         in_alias_parameters(i))) {
      where = "a TypeVar bound";
      for (const auto& d : tree_.type_param_defaults())
        if (d.offset >= ts_node_start_byte(child) && d.offset < ts_node_start_byte(n)) where = "a TypeVar default";
    } else if (a.kind == k_type_alias_statement) {
      where = "a type alias";
    } else if (a.kind == k_class_definition || a.kind == k_function_definition) {
      if (ts_node_is_null(field(a.node, "type_parameters"))) return;
      bool annotation = ts_node_eq(child, field(a.node, "superclasses")) || ts_node_eq(child, field(a.node, "return_type"));
      if (ts_node_eq(child, field(a.node, "parameters")))
        for (size_t j = i + 2; j < frames_.size(); ++j) annotation = annotation || frames_[j].kind == k_type;
      if (!annotation) return;
      where = "the definition of a generic";
    }
  }
  if (!where.empty()) error("E0027", n, std::string(what) + " cannot be used within " + where);
}

// Frame i (a type_parameter) is the parameter list of a `type` statement's
// name (`type A[T: B] = ...`: type_parameter < generic_type < type < alias).
bool RuleWalk::in_alias_parameters(size_t i) const {
  if (i < 3 || frames_[i - 3].kind != k_type_alias_statement) return false;
  TSNode left = ts_node_named_child(frames_[i - 3].node, 0);
  return ts_node_eq(left, frames_[i - 2].node);
}

// CPython's type_param: NAME [bound] [default], '*' NAME, '**' NAME; the
// grammar here takes any type (`def f[T == int]()`, `class C[a.b]`).
void RuleWalk::type_parameter_names(TSNode list) {
  auto name_like = [&](TSNode t) {  // a `type` node holding a name or *name / **name
    if (kind_of(t) != k_type || ts_node_named_child_count(t) == 0) return false;
    Kind k = kind_of(named_child(t, 0));
    return k == k_identifier || k == k_splat_type;
  };
  for (uint32_t i = 0, cc = ts_node_named_child_count(list); i < cc; ++i) {
    TSNode param = named_child(list, i);
    if (is_extra(kind_of(param))) continue;
    bool ok = name_like(param);
    if (!ok && kind_of(param) == k_type && ts_node_named_child_count(param) > 0) {
      TSNode c = named_child(param, 0);
      ok = kind_of(c) == k_constrained_type && ts_node_named_child_count(c) > 0 && name_like(named_child(c, 0));
    }
    if (!ok) {
      error("E0027", param, "invalid syntax: a type parameter is a name, *name or **name");
      return;
    }
  }
}

}  // namespace flowc::python_rules

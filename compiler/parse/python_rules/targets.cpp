// Assignment, deletion and loop targets; where ':=' and '*x' may stand.
#include "parse/python_rules/walk.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace flowc::python_rules {

const char* RuleWalk::expr_name(Kind k, std::string_view t) {
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
bool RuleWalk::parenthesized_single(TSNode n) {
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

void RuleWalk::target(TSNode n, Target ctx, bool top) {
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
    case k_attribute: {
      // CPython's compiler (forbidden_name on an Attribute in a Store
      // context): `obj.__debug__ = 1` is refused; `+=` and `del` are not.
      TSNode attr = field(n, "attribute");
      if (ctx != Target::Aug && ctx != Target::Del && !ts_node_is_null(attr) && text(attr) == "__debug__")
        error("E0020", attr, "cannot assign to __debug__");
      return;
    }
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

void RuleWalk::assignment(TSNode n) {
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
    // `(()): int`, `((a, b)): int`: parentheses make no single target
    // (CPython's single_target: NAME, '(' single_target ')', or an attribute / subscript).
    TSNode inner = left;
    while (!ts_node_is_null(first(inner)) &&
           (kind_of(inner) == k_parenthesized_expression || parenthesized_single(inner)))
      inner = first(inner);
    Kind ik = kind_of(inner);
    if (inner.id != left.id && (ik == k_tuple || ik == k_list || ik == k_tuple_pattern || ik == k_list_pattern ||
                                ik == k_pattern_list || ik == k_expression_list)) {
      error("E0020", left, std::string("only single target (not ") +
                               (ik == k_list || ik == k_list_pattern ? "list" : "tuple") + ") can be annotated");
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

void RuleWalk::annotated(TSNode id, bool has_value) {
  if (!track_symbols_) return;
  Scope& s = scope();
  uint8_t& flags = s.symbols[text(id)];
  if (s.kind != ScopeKind::Module && (flags & (kGlobal | kNonlocal)))
    error("E0021", id, "annotated name '" + std::string(text(id)) + "' can't be " + (flags & kGlobal ? "global" : "nonlocal"));
  flags |= kAnnot | (has_value ? kLocal : 0);
}

void RuleWalk::augmented(TSNode n) {
  TSNode left = field(n, "left"), right = field(n, "right");
  target(left, Target::Aug, true);
  if (kind_of(right) == k_list_splat) error("E0020", right, "can't use starred expression here");
  if (kind_of(right) == k_assignment || kind_of(right) == k_augmented_assignment)
    error("E0027", right, "invalid syntax: an augmented assignment cannot be chained");
}

void RuleWalk::walrus(Frame& f) {
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
  if (pk == k_subscript && !needs(10, n, "an assignment expression in a subscript without parentheses")) return;
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

void RuleWalk::starred(Frame& f) {
  // tree-sitter binds '*' tighter than a call, attribute or subscript:
  // `[*d.keys()]` is read as ((*d).keys)(). Judge the place of the whole
  // primary the star begins (CPython's `'*' bitwise_or`).
  size_t up = 1;
  while (parent(up) && (parent(up)->kind == k_attribute || parent(up)->kind == k_call || parent(up)->kind == k_subscript) &&
         ts_node_start_byte(parent(up)->node) == ts_node_start_byte(f.node))
    ++up;
  Kind pk = parent_kind(up);
  // `*args: *tuple[int, str]` (PEP 646): the star on the annotation of *args.
  if (pk == k_type) {
    const Frame* param = parent(up + 1);
    if (param && param->kind == k_typed_parameter && kind_of(first(param->node)) == k_list_splat_pattern) {
      needs(11, f.node, "a starred annotation on *args");
      return;
    }
  }
  // `*Ts = *tuple[int]` (PEP 696, read respelled as `*Ts : *tuple[int]`,
  // parse/type_param_defaults.h): a TypeVarTuple's default may be starred.
  if (pk == k_type && parent_kind(up + 1) == k_constrained_type && parent_kind(up + 3) == k_type_parameter) {
    const Frame* c = parent(up + 1);
    std::string_view param = text(c->node);
    bool type_var_tuple = param.size() > 1 && param[0] == '*' && param[1] != '*';  // `T = *a` is refused
    for (const auto& d : tree_.type_param_defaults())
      if (type_var_tuple && d.offset >= ts_node_start_byte(c->node) && d.offset < ts_node_start_byte(f.node)) return;
  }
  // `except *E:` with a space is `except* E:` (tree-sitter: a starred value).
  if (pk == k_except_clause || (pk == k_as_pattern && parent_kind(up + 1) == k_except_clause)) return;
  // In a display or assignment `*x` takes an operand of `|` or tighter (in a call, any expression).
  Kind operand = kind_of(first(f.node));
  if (pk != k_argument_list &&
      (operand == k_not_operator || operand == k_boolean_operator || operand == k_comparison_operator ||
       operand == k_lambda || operand == k_conditional_expression || operand == k_named_expression ||
       operand == k_yield || operand == k_as_pattern)) {
    error("E0027", f.node, "invalid syntax: put the starred expression in parentheses");
    return;
  }
  if (pk == k_subscript) needs(11, f.node, "a starred expression in a subscript");  // PEP 646
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

}  // namespace flowc::python_rules

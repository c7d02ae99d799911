// The node types the rules look at, as a small enum indexed by tree-sitter
// symbol, and helpers over nodes that skip comments and line continuations.
#pragma once
#include <cstdint>
#include <string_view>

#include "parse/syntax_tree.h"

namespace flowc::python_rules {


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

Kind kind_of(TSNode n);

const char* comp_name(Kind k);
// Comments and line continuations are nodes wherever they stand: no rule counts them.
bool is_extra(Kind k);
// The named children of n that are not comments or line continuations.
uint32_t real_children(TSNode n);
// The first named child that is not a comment or line continuation (`del\\\n x`).
TSNode first(TSNode n);
bool is_keyword(std::string_view t);

}  // namespace flowc::python_rules

// What CPython's tokenizer refuses but tree-sitter-python's lexer takes:
// indentation (an unexpected indent, an unindent matching no outer level, tabs
// and spaces mixed inconsistently, a block header with no indented body, more
// than 99 levels), brackets nested past 200, characters between tokens that
// are not Python whitespace, number literals (`0777`, `1_`, `10L`) and string
// literals (prefixes, escapes, non-ASCII bytes, bytes mixed with text, and the
// f-string limits before 3.12's PEP 701: no reused quote, backslash or '#'
// inside `{}`; template strings `t"..."` before 3.14).
//
// Fed one token at a time, in source order, by the rule walk (python_rules):
// one pass over the tree does both.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "parse/python_version.h"
#include "parse/syntax_tree.h"

namespace flowc {

class TokenRules {
 public:
  TokenRules(const SyntaxTree& tree, DiagnosticSink& sink, PythonVersion version)
      : tree_(tree), sink_(sink), version_(version) {}
  // A token of the tree, in source order. A string literal is one token (its
  // parts are not fed); comments and line continuations are not tokens.
  void token(TSNode n);
  // At the end of the file: a header with no body.
  void finish();
  // Whether a statement starting at `at` (before its first token is fed) is
  // separated from the previous one: a new logical line, a ';', or a block
  // header's ':'. A line continuation does not separate statements.
  bool separated(uint32_t at) const;
  // The walk entered a node that begins a logical line (a statement, clause
  // or decorator) at `at`: a logical line starting elsewhere is an error.
  void statement_start(uint32_t at) { statement_start_ = at; }
  // Literal checks, for every number / string node (also inside f-strings).
  void number(TSNode n);
  void string(TSNode n);
  void concatenated_string(TSNode n);

 private:
  void new_logical_line(uint32_t at, uint32_t line_start);
  void error(const char* code, uint32_t begin, uint32_t end, std::string message);
  void fstring(TSNode n, char quote, bool triple);
  void interpolation(TSNode n, char quote, bool triple, int depth);

  const SyntaxTree& tree_;
  DiagnosticSink& sink_;
  PythonVersion version_;
  uint32_t prev_end_ = 0;     // end of the previous token
  bool seen_token_ = false;
  int brackets_ = 0;          // open (, [, { around the current token
  uint32_t statement_start_ = 0;
  bool last_colon_ = false;
  bool last_separator_ = true;  // the last token was ';' or ':' (or there was none)   // the last token was a ':' outside brackets (a block header's end)
  uint32_t header_start_ = 0; // first token of the current logical line
  std::vector<int> cols_{0}, altcols_{0};  // CPython's indent stacks (tab = 8, tab = 1)
};

}  // namespace flowc

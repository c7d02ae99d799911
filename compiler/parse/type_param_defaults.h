// PEP 696 type parameter defaults (`def f[T = int]()`, `class C[T = int]:`,
// `type A[T = int] = ...`; Python 3.13) as tree-sitter-python 0.23.6 can
// parse them. Its grammar has no default in a type parameter (0.25.0's sdist
// ships no scanner.c to build), so, as for t-strings (syntax_tree.cpp), the
// parser is given a copy of the text with each default's '=' spelled as a
// token its grammar takes there, at the same offset: ':' (`T : int`, a
// "bound" to the grammar) when the parameter has no bound, '|' (`T: B | int`)
// when it has one. The default's own text is parsed as written, so a broken
// default is still a syntax error. The rules read the real text (python_rules:
// statements.cpp) and know each respelled '=' by its offset: 3.13 (E0041),
// and no parameter without a default after one with (E0027).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace flowc {

struct RespelledSign {
  uint32_t offset;   // of the '=' in the text
  char spelled_as;   // ':' or '|'
};

// Each '=' of a type parameter default in `text`, found lexically: a '[' right
// after `def NAME`, `class NAME` or `type NAME` opens a type parameter list
// (outside strings and comments), and an '=' directly inside it (not '==',
// '<=', '>=', '!=', ':=') is a default. The caller checks the parse puts each
// inside a type parameter list (SyntaxTree does, else it parses the text as
// written).
std::vector<RespelledSign> find_type_param_defaults(std::string_view text);

}  // namespace flowc

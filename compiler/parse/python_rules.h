// The checks CPython's compile() makes, for the Python version a file is read
// as (3.9 .. 3.14, parse/python_version.h), on what tree-sitter-python's
// grammar accepts without an ERROR node: the grammar is permissive (it also
// reads Python 2 and every newer form), so a file it parses can still be one
// `compile()` refuses. flowc must refuse it too. Syntax newer than the
// version read is E0041 ("needs Python 3.N"). scripts/compare_cpython.py
// holds the verdict to CPython's own on whole standard libraries.
//
// One walk over the tree, in source order, reports (E0010-E0027, E0041):
// - the tokenizer's rules (python_tokens.h): indentation, literals, f-strings;
// - the grammar's narrower forms: call arguments (a keyword given twice, a
//   positional after a keyword), parameters (a duplicate name, a non-default
//   after a default, '*' / '/' / '**' misplaced), assignment and deletion
//   targets, where ':=' and '*x' may stand, Python 2 forms, forms newer than
//   the version read;
// - the compiler's and symbol table's rules: 'return' / 'yield' / 'await' /
//   'break' / 'continue' / 'async' outside their context, except* limits,
//   'global' / 'nonlocal' declarations, `from __future__`, `import *` in a
//   function, more than 20 statically nested blocks.
#pragma once
#include <cstddef>

#include "parse/python_version.h"
#include "parse/syntax_tree.h"

namespace flowc {

// Reports every violation found (up to the sink's limit); returns how many.
// Run after report_syntax_errors() found no error: the rules assume a tree
// without ERROR nodes.
size_t check_python_rules(const SyntaxTree& tree, DiagnosticSink& sink, PythonVersion version = {});

}  // namespace flowc

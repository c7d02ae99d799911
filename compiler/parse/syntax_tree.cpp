#include "parse/syntax_tree.h"

#include <string>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace flowc {

SyntaxTree::SyntaxTree(const SourceFile& file) : file_(file) {
  parser_ = ts_parser_new();
  ts_parser_set_language(parser_, tree_sitter_python());
  tree_ = ts_parser_parse_string(parser_, nullptr, file.text().data(), static_cast<uint32_t>(file.text().size()));
}

SyntaxTree::~SyntaxTree() {
  if (tree_) ts_tree_delete(tree_);
  if (parser_) ts_parser_delete(parser_);
}

TSNode SyntaxTree::root() const { return ts_tree_root_node(tree_); }

std::string_view SyntaxTree::text(TSNode n) const {
  return std::string_view(file_.text()).substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
}

size_t report_syntax_errors(const SyntaxTree& tree, DiagnosticSink& sink) {
  TSNode root = tree.root();
  if (!ts_node_has_error(root)) return 0;
  size_t count = 0;
  // Iterative walk: the tree can be arbitrarily deep on hostile input.
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool done = false;
  while (!done && !sink.at_limit()) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    bool descend = ts_node_has_error(n);
    if (ts_node_is_missing(n)) {
      std::string what = ts_node_type(n);
      sink.error("E0001", tree.span(n), "syntax error: expected '" + what + "'");
      ++count;
      descend = false;
    } else if (ts_node_is_error(n)) {
      Span s = tree.span(n);
      // Point at the first unexpected token rather than the whole ERROR region.
      if (ts_node_child_count(n) > 0) {
        TSNode first = ts_node_child(n, 0);
        s = {ts_node_start_byte(first), ts_node_end_byte(first)};
      }
      std::string_view tok = tree.file().slice(s);
      if (tok.size() > 20 || tok.find('\n') != std::string_view::npos) tok = {};
      sink.error("E0001", s, tok.empty() ? "syntax error" : "syntax error near '" + std::string(tok) + "'");
      ++count;
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return count;
}

}  // namespace flowc

// The tree-sitter parse of one source file, and small helpers over TSNode.
#pragma once
#include <tree_sitter/api.h>

#include <memory>
#include <string_view>

#include "diag/diagnostic.h"
#include "diag/source.h"

namespace flowc {

class SyntaxTree {
 public:
  // Parses file.text() with the Python grammar. Never fails for valid
  // memory; syntax errors show up as ERROR / MISSING nodes (see report_syntax_errors).
  explicit SyntaxTree(const SourceFile& file);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;

  TSNode root() const;
  const SourceFile& file() const { return file_; }
  std::string_view text(TSNode n) const;
  Span span(TSNode n) const { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

 private:
  const SourceFile& file_;
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
};

// Reports each ERROR and MISSING node as a diagnostic (E0001); returns how many.
size_t report_syntax_errors(const SyntaxTree& tree, DiagnosticSink& sink);

// Helpers over TSNode, named after what they mean in the grammar.
inline std::string_view node_type(TSNode n) { return ts_node_type(n); }
inline bool is(TSNode n, std::string_view type) { return !ts_node_is_null(n) && node_type(n) == type; }
// The grammar's id for a field name. Looked up once per name: finding it by
// name costs a string comparison per field of the grammar on every call.
TSFieldId field_id(const char* name);
inline TSNode field(TSNode n, const char* name) { return ts_node_child_by_field_id(n, field_id(name)); }
inline uint32_t named_count(TSNode n) { return ts_node_named_child_count(n); }
// ts_node_named_child(n, i) walks n's children from the start, so a loop
// `for i < named_count(n): named_child(n, i)` would be quadratic (a module of
// 500,000 lines took minutes). This one remembers, per thread, where the
// previous call left off, so walking the children in order is linear.
TSNode named_child(TSNode n, uint32_t i);

}  // namespace flowc

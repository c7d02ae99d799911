// The tree-sitter parse of one source file, and small helpers over TSNode.
#pragma once
#include <tree_sitter/api.h>

#include <memory>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/source.h"
#include "parse/type_param_defaults.h"

namespace flowc {

// The most CPU time a parse may take (docs/limits.md). tree-sitter's error
// recovery is quadratic on some broken files: a `+` chain of 16,000 terms with
// a stray `f"{` and 16,000 lines after it (230 KB) takes 11 s, and 64 MiB of it
// would take days. Valid code parses at about 4.6 MB/s on a loaded CI core
// (the benchmark's 10,000-task file, 2.4 MB: 0.53 s), so the bound is
// proportional to the size, 5 s per MB (0.2 MB/s: 23x slower than valid code
// needs), plus 2 s for small files: the benchmark file gets 14 s, a 64 MiB
// file 5.6 minutes. It is the parsing thread's CPU time (tree-sitter's own
// timeout is wall-clock time, so a timed-out parse resumes while CPU time is
// left): a busy machine does not count, and a machine would have to be 23x
// slower than the CI one for valid code to reach it. Broken code that does is
// reported, not parsed for hours.
inline constexpr uint64_t kParseBaseMicros = 2'000'000;
inline constexpr uint64_t kParseMicrosPerByte = 5;
uint64_t parse_time_bound_micros(size_t source_bytes);

class SyntaxTree {
 public:
  // Parses file.text() with the Python grammar. Syntax errors show up as
  // ERROR / MISSING nodes (see report_syntax_errors). A parse that takes
  // longer than parse_time_bound_micros() stops: timed_out(), and no tree.
  explicit SyntaxTree(const SourceFile& file);
  // Reparses incrementally: `previous` is an earlier tree of this text, with
  // every edit since applied by ts_tree_edit (the language server keeps one
  // per open document); tree-sitter reuses its unchanged parts. Not taken
  // over: the caller still owns and frees it.
  SyntaxTree(const SourceFile& file, const TSTree* previous);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;

  TSNode root() const;  // requires !timed_out()
  bool timed_out() const { return tree_ == nullptr; }
  const SourceFile& file() const { return file_; }
  std::string_view text(TSNode n) const;
  const TSTree* tree() const { return tree_; }  // null if timed out
  Span span(TSNode n) const { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }
  // Each type parameter default's '=' the parser read respelled
  // (type_param_defaults.h), in source order.
  const std::vector<RespelledSign>& type_param_defaults() const { return defaults_; }

 private:
  // Parses `text` (the file's, or a respelled copy of it) within the time bound.
  void parse(std::string_view text, const TSTree* previous);
  // Whether each respelled '=' is inside a type parameter list of the tree.
  bool defaults_in_place() const;

  const SourceFile& file_;
  std::vector<RespelledSign> defaults_;
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
};

// Reports each ERROR and MISSING node as a diagnostic (E0001), or a parse
// that timed out (E0040); returns how many errors.
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

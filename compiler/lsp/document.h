// An open document: its text, kept in step with the editor's incremental
// changes, and its tree-sitter tree, re-parsed incrementally after each
// change (ts_tree_edit, then a parse that reuses the unchanged parts).
// LSP positions count UTF-16 code units on a line; Span and tree-sitter count
// bytes of the UTF-8 text: the conversions live here.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowc::lsp {

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;  // UTF-16 code units
};

struct Range {
  Position start;
  Position end;
};

class Document {
 public:
  // `python`: keep a tree-sitter tree (a YAML document has none).
  Document(std::string uri, std::string text, int64_t version, bool python = true);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& uri() const { return uri_; }
  bool python() const { return python_; }
  const std::string& text() const { return text_; }
  int64_t version() const { return version_; }
  void set_version(int64_t v) { version_ = v; }

  // One content change of a didChange: replaces `range` (clamped to the
  // text), or the whole text when there is none. The tree is edited to match
  // (ts_tree_edit) and re-parsed by reparse(), once for all the changes made
  // since: a parse per request, not per keystroke.
  void apply(const std::optional<Range>& range, const std::string& replacement);
  void reparse();

  // The tree of the text as of the last reparse(), or null (that parse went
  // over its time bound). Call reparse() first for the current text.
  const TSTree* tree() const { return tree_; }
  TSNode root() const;

  // Byte offset of an LSP position; a position past the end of its line is
  // the line's end, a line past the last is the end of the text.
  uint32_t offset(Position p) const;
  Position position(uint32_t offset) const;

 private:
  TSPoint point(uint32_t offset) const;  // tree-sitter's (row, byte column)
  void index_lines();

  std::string uri_;
  std::string text_;
  int64_t version_ = 0;
  std::vector<uint32_t> line_starts_;
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
  bool python_ = true;
  bool edited_ = false;  // tree_ has edits not parsed yet
};

// A line's UTF-16 column <-> byte offset within the line (the line without its break).
uint32_t utf16_to_byte(std::string_view line, uint32_t character);
uint32_t byte_to_utf16(std::string_view line, uint32_t byte);

}  // namespace flowc::lsp

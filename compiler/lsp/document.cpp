#include "lsp/document.h"

#include <algorithm>

#include "parse/syntax_tree.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace flowc::lsp {

namespace {
// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
uint32_t sequence_length(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }
}  // namespace

uint32_t utf16_to_byte(std::string_view line, uint32_t character) {
  uint32_t units = 0, i = 0;
  while (i < line.size() && units < character) {
    uint32_t len = std::min<uint32_t>(sequence_length(static_cast<unsigned char>(line[i])), line.size() - i);
    units += len == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    i += len;
  }
  return i;
}

uint32_t byte_to_utf16(std::string_view line, uint32_t byte) {
  uint32_t units = 0, i = 0;
  byte = std::min<uint32_t>(byte, line.size());
  while (i < byte) {
    uint32_t len = sequence_length(static_cast<unsigned char>(line[i]));
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units;
}

Document::Document(std::string uri, std::string text, int64_t version, bool python)
    : uri_(std::move(uri)), text_(std::move(text)), version_(version), python_(python) {
  parser_ = ts_parser_new();
  ts_parser_set_language(parser_, tree_sitter_python());
  index_lines();
  edited_ = true;
  reparse();
}

Document::~Document() {
  if (tree_) ts_tree_delete(tree_);
  ts_parser_delete(parser_);
}

void Document::index_lines() {
  line_starts_.assign(1, 0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
}

TSNode Document::root() const { return tree_ ? ts_tree_root_node(tree_) : TSNode{}; }

uint32_t Document::offset(Position p) const {
  if (p.line >= line_starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t begin = line_starts_[p.line];
  uint32_t end = p.line + 1 < line_starts_.size() ? line_starts_[p.line + 1] - 1 : static_cast<uint32_t>(text_.size());
  std::string_view line(text_.data() + begin, end - begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return begin + utf16_to_byte(line, p.character);
}

Position Document::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  std::string_view text(text_.data() + line_starts_[line], offset - line_starts_[line]);
  return {line, byte_to_utf16(text, static_cast<uint32_t>(text.size()))};
}

TSPoint Document::point(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin()) - 1;
  return {line, offset - line_starts_[line]};
}

void Document::apply(const std::optional<Range>& range, const std::string& replacement) {
  uint32_t begin = 0, end = static_cast<uint32_t>(text_.size());
  if (range) {
    begin = offset(range->start);
    end = std::max(begin, offset(range->end));
  }
  TSInputEdit edit{};
  edit.start_byte = begin;
  edit.old_end_byte = end;
  edit.new_end_byte = begin + static_cast<uint32_t>(replacement.size());
  edit.start_point = point(begin);
  edit.old_end_point = point(end);
  text_.replace(begin, end - begin, replacement);
  index_lines();
  edit.new_end_point = point(edit.new_end_byte);
  if (tree_) ts_tree_edit(tree_, &edit);
  edited_ = true;
}

void Document::reparse() {
  if (!edited_ || !python_) return;
  edited_ = false;
  // The same bound as the compiler's parse (docs/limits.md): a pathological
  // broken file must not hang the server. Over it, the document has no tree
  // until the next change; answers that need one are empty.
  ts_parser_set_timeout_micros(parser_, parse_time_bound_micros(text_.size()));
  TSTree* next = ts_parser_parse_string(parser_, tree_, text_.data(), static_cast<uint32_t>(text_.size()));
  if (!next) ts_parser_reset(parser_);
  if (tree_) ts_tree_delete(tree_);
  tree_ = next;
}

}  // namespace flowc::lsp

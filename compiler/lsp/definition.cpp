// textDocument/definition: from a template call (`self.echo`) or a
// `{{tasks.X...}}` / `{{steps.X...}}` reference to the method that defines it.
#include "lsp/cursor_context.h"
#include "lsp/features.h"
#include "parse/syntax_tree.h"

namespace flowc::lsp {

namespace {
nlohmann::json location(const Document& doc, Span span) { return {{"uri", doc.uri()}, {"range", range_json(doc, span)}}; }
}  // namespace

nlohmann::json definition(const Document& doc, const Outline& outline, Position pos) {
  uint32_t offset = doc.offset(pos);
  const std::string& text = doc.text();
  if (auto ref = reference_at(text, offset, true)) {
    if (const Member* task = referenced_task(ref->expression, place_at(outline, offset)))
      return location(doc, task->name_span);
    return nullptr;
  }
  const ClassInfo* cls = outline.class_at(offset);
  if (!cls) return nullptr;
  Span word = word_at(text, offset, true);
  if (word.begin == word.end || qualifier(text, word) != "self") return nullptr;
  std::string_view name = std::string_view(text).substr(word.begin, word.end - word.begin);
  for (const Member* m : members_with_bases(outline, *cls))
    if (m->method == name) return location(doc, m->name_span);
  return nullptr;
}

}  // namespace flowc::lsp

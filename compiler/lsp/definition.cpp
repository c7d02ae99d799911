// textDocument/definition: from a template call (`self.echo`) or a
// `{{tasks.X...}}` / `{{steps.X...}}` reference to the method that defines it.
#include "lsp/cursor_context.h"
#include "lsp/features.h"
#include "lsp/workspace.h"
#include "parse/syntax_tree.h"

namespace flowc::lsp {

namespace {
nlohmann::json location(const Document& doc, Span span) { return {{"uri", doc.uri()}, {"range", range_json(doc, span)}}; }
}  // namespace

nlohmann::json definition(const Document& doc, const Outline& outline, Position pos, Workspace* ws) {
  uint32_t offset = doc.offset(pos);
  const std::string& text = doc.text();
  if (auto ref = reference_at(text, offset, true)) {
    if (const Member* task = referenced_task(ref->expression, place_at(outline, offset)))
      return location(doc, task->name_span);
    return nullptr;
  }
  Span word = word_at(text, offset, true);
  if (word.begin == word.end) return nullptr;
  std::string_view name = std::string_view(text).substr(word.begin, word.end - word.begin);
  std::string q = qualifier(text, word);
  if (ws && q.empty()) {  // an imported class (a base, or a typed reference's WorkflowTemplate): its definition
    if (auto found = ws->imported_class(doc, name)) return location_in(doc, found->file, found->cls->name_span);
    return nullptr;
  }
  if (ws && q != "self") {  // `Shared.echo`: the template in the other file
    if (auto found = ws->imported_class(doc, q))
      for (const Member* m : members_with_bases(found->file->outline, *found->cls))
        if (m->method == name) return location_in(doc, found->file, m->name_span);
    return nullptr;
  }
  if (q != "self") return nullptr;
  const ClassInfo* cls = outline.class_at(offset);
  if (!cls) return nullptr;
  if (ws) {  // `self.<name>`, defined here or in a base of another file
    for (const MemberIn& m : ws->members(doc, outline, *cls))
      if (m.member->method == name) return location_in(doc, m.file, m.member->name_span);
    return nullptr;
  }
  for (const Member* m : members_with_bases(outline, *cls))
    if (m->method == name) return location(doc, m->name_span);
  return nullptr;
}

}  // namespace flowc::lsp

// Helpers the request handlers share (see features.h).
#include "frontend/models.h"
#include "lsp/features.h"
#include "lsp/model_docs.h"

namespace flowc::lsp {

Place place_at(const Outline& outline, uint32_t offset) {
  Place p;
  p.cls = outline.class_at(offset);
  if (p.cls) p.member = member_at(*p.cls, offset);
  return p;
}

nlohmann::json range_json(const Document& doc, Span span) {
  Position a = doc.position(span.begin), b = doc.position(span.end);
  return {{"start", {{"line", a.line}, {"character", a.character}}}, {"end", {{"line", b.line}, {"character", b.character}}}};
}

std::vector<const Member*> members_with_bases(const Outline& outline, const ClassInfo& cls) {
  std::vector<const Member*> out;
  std::vector<const ClassInfo*> seen;
  const ClassInfo* c = &cls;
  // Single inheritance chains within the file; a cycle (a broken file) stops.
  while (c && std::find(seen.begin(), seen.end(), c) == seen.end() && seen.size() < 32) {
    seen.push_back(c);
    for (auto& m : c->members)
      if (std::none_of(out.begin(), out.end(), [&](const Member* o) { return o->method == m.method; }))
        out.push_back(&m);
    const ClassInfo* next = nullptr;
    for (auto& b : c->bases)
      if ((next = outline.find_class(b))) break;
    c = next;
  }
  return out;
}

std::string model_markdown(std::string_view model) {
  const models::Model* m = models::find_model(model);
  if (!m) return "";
  std::string out = "```python\nclass " + std::string(m->python) + "\n```\nArgo's `" + m->definition + "`";
  if (std::string_view doc = model_doc(m->python); !doc.empty()) out += "\n\n" + std::string(doc);
  return out;
}

std::string field_markdown(const char* model, std::string_view keyword) {
  const models::Model* m = models::find_model(model);
  if (!m) return "";
  const models::Field* f = models::find_keyword(*m, keyword);
  if (!f) return "";
  std::string out = "```python\n" + std::string(f->python) + ": " + f->type + "\n```\n`" + f->json + "` of `" +
                    m->python + "`" + (f->required ? " (required)" : "");
  if (std::string_view doc = model_doc(m->python, f->json); !doc.empty()) out += "\n\n" + std::string(doc);
  return out;
}

}  // namespace flowc::lsp

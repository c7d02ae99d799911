// textDocument/completion: what may be typed at the cursor.
//   inside "{{...}}"          Argo variables in scope (template_variables.h)
//   self.<name>               the class's templates
//   Model(<keyword>           the model's fields, with type and Argo's doc
//   @<name>                   the DSL's decorators
//   Capitalized<name>         model class names
#include <algorithm>
#include <cctype>

#include "frontend/models.h"
#include "lsp/cursor_context.h"
#include "lsp/dsl_help.h"
#include "lsp/features.h"
#include "lsp/model_docs.h"
#include "lsp/workspace.h"

namespace flowc::lsp {

namespace {

// LSP's CompletionItemKind.
enum Kind { kMethod = 2, kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kProperty = 10, kKeyword = 14 };

nlohmann::json item(const Document& doc, Span replace, const std::string& label, int kind, const std::string& detail,
                    const std::string& insert = "", const std::string& markdown = "") {
  nlohmann::json j = {{"label", label},
                      {"kind", kind},
                      {"detail", detail},
                      {"textEdit", {{"range", range_json(doc, replace)}, {"newText", insert.empty() ? label : insert}}}};
  if (!insert.empty()) j["filterText"] = label;
  if (!markdown.empty()) j["documentation"] = {{"kind", "markdown"}, {"value", markdown}};
  return j;
}

// Keywords already given in the call, from its '(' to the cursor (at the call's own depth).
std::vector<std::string> given_keywords(std::string_view text, uint32_t open, uint32_t end) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;
  for (uint32_t i = open + 1; i < end; ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    else if (c == '=' && depth == 0 && i + 1 < end && text[i + 1] != '=' && i > 0 && text[i - 1] != '=' &&
             text[i - 1] != '!' && text[i - 1] != '<' && text[i - 1] != '>') {
      uint32_t e = i;
      while (e > open && text[e - 1] == ' ') --e;
      uint32_t b = e;
      while (b > open && (std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '_')) --b;
      if (b < e) out.emplace_back(text.substr(b, e - b));
    }
  }
  return out;
}

void model_keywords(const Document& doc, const CallAt& call, const char* model, nlohmann::json& items) {
  const models::Model* m = models::find_model(model);
  if (!m) return;
  auto given = given_keywords(doc.text(), call.open, call.word.begin);
  for (size_t i = 0; i < m->field_count; ++i) {
    const models::Field& f = m->fields[i];
    if (std::find(given.begin(), given.end(), f.python) != given.end()) continue;
    std::string detail = std::string(f.type) + (f.required ? " (required)" : "") + " · " + f.json;
    items.push_back(item(doc, call.word, f.python, kField, detail, std::string(f.python) + "=",
                         field_markdown(m->python, f.python)));
  }
}

void references(const Document& doc, const Outline& outline, const ReferenceAt& ref, nlohmann::json& items) {
  auto path = split_path(ref.expression);
  path.pop_back();  // the segment being typed
  Place place = place_at(outline, ref.span.begin);
  for (auto& v : variables_after(path, place)) items.push_back(item(doc, ref.word, v.name, kVariable, v.detail));
}

bool is_template(const Member& m) {
  return !(m.kind == MemberKind::Task || m.kind == MemberKind::Step || m.kind == MemberKind::Scope ||
           m.kind == MemberKind::Other);
}

// The members `self.` reaches: the class's, its bases' in this file and, with
// a workspace, its bases' in other files (issue 23).
std::vector<const Member*> self_members(const Document& doc, const Outline& outline, const ClassInfo& cls,
                                        Workspace* ws) {
  if (!ws) return members_with_bases(outline, cls);
  std::vector<const Member*> out;
  for (const MemberIn& m : ws->members(doc, outline, cls)) out.push_back(m.member);
  return out;
}

void template_items(const Document& doc, const std::vector<const Member*>& members, Span word, const std::string& of,
                    nlohmann::json& items) {
  for (const Member* m : members) {
    if (!is_template(*m)) continue;
    auto inputs = m->input_parameters();
    std::string sig;
    for (auto& p : inputs) sig += (sig.empty() ? "" : ", ") + p;
    items.push_back(item(doc, word, m->method, kMethod, "template " + m->name + "(" + sig + ")" + of));
  }
}

void templates(const Document& doc, const Outline& outline, uint32_t offset, Span word, Workspace* ws,
               nlohmann::json& items) {
  const ClassInfo* cls = outline.class_at(offset);
  if (!cls) return;
  template_items(doc, self_members(doc, outline, *cls, ws), word, "", items);
}

// `Shared.` with Shared a WorkflowTemplate class imported from another file: its templates.
void referenced_templates(const Document& doc, Workspace& ws, const std::string& cls_name, Span word,
                          nlohmann::json& items) {
  auto found = ws.imported_class(doc, cls_name);
  if (!found) return;
  template_items(doc, members_with_bases(found->file->outline, *found->cls), word, " of " + found->cls->name, items);
}

void template_arguments(const Document& doc, const Outline& outline, const CallAt& call, Workspace* ws,
                        nlohmann::json& items) {
  std::vector<const Member*> members;
  size_t dot = call.callee.rfind('.');
  std::string_view method = std::string_view(call.callee).substr(dot + 1);
  std::string owner = call.callee.substr(0, dot);
  if (owner == "self") {
    const ClassInfo* cls = outline.class_at(call.open);
    if (!cls) return;
    members = self_members(doc, outline, *cls, ws);
  } else if (ws) {  // a typed reference: `Shared.echo(` (issue 23)
    auto found = ws->imported_class(doc, owner);
    if (!found) return;
    members = members_with_bases(found->file->outline, *found->cls);
  }
  auto given = given_keywords(doc.text(), call.open, call.word.begin);
  for (const Member* m : members) {
    if (m->method != method) continue;
    for (auto& p : m->input_parameters())
      if (std::find(given.begin(), given.end(), p) == given.end())
        items.push_back(item(doc, call.word, p, kVariable, "input parameter of template '" + m->name + "'", p + "="));
    for (auto& a : m->declared("inputs.artifact"))
      if (std::find(given.begin(), given.end(), a) == given.end())
        items.push_back(item(doc, call.word, a, kVariable, "input artifact of template '" + m->name + "'", a + "="));
    return;
  }
}

void decorator_names(const Document& doc, Span word, nlohmann::json& items) {
  for (auto& d : decorators()) {
    std::string md = d.summary;
    if (std::string_view about = model_doc(d.model, d.field); !about.empty()) md += "\n\n" + std::string(about);
    items.push_back(item(doc, word, d.name, kFunction, d.summary, "", md));
  }
}

void model_names(const Document& doc, Span word, std::string_view prefix, nlohmann::json& items) {
  for (size_t i = 0; i < models::kModelCount; ++i) {
    const models::Model& m = models::kModels[i];
    if (!std::string_view(m.python).starts_with(prefix.substr(0, 1))) continue;
    items.push_back(item(doc, word, m.python, kClass, m.definition));
  }
  for (const char* kind : {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow",
                           "WorkflowEventBinding", "Manifest"})
    if (std::string_view(kind).starts_with(prefix.substr(0, 1)))
      items.push_back(item(doc, word, kind, kClass, "a workflow kind of the DSL"));
}

}  // namespace

nlohmann::json complete(const Document& doc, const Outline& outline, Position pos, Workspace* ws) {
  nlohmann::json items = nlohmann::json::array();
  const std::string& text = doc.text();
  uint32_t offset = doc.offset(pos);
  if (auto ref = reference_at(text, offset, false)) {
    references(doc, outline, *ref, items);
    return {{"isIncomplete", false}, {"items", items}};
  }
  Span word = word_at(text, offset);
  std::string_view typed = std::string_view(text).substr(word.begin, word.end - word.begin);
  std::string q = qualifier(text, word);
  if (q == "self") {
    templates(doc, outline, offset, word, ws, items);
  } else if (ws && !q.empty() && q.find('.') == std::string::npos && std::isupper(static_cast<unsigned char>(q[0])) &&
             ws->imported_class(doc, q)) {
    referenced_templates(doc, *ws, q, word, items);
  } else if (after_at_sign(text, word)) {
    Span dotted = word;
    while (dotted.begin > 0 && text[dotted.begin - 1] != '@') --dotted.begin;
    decorator_names(doc, dotted, items);
  } else if (auto call = keyword_place(text, offset)) {
    if (const char* model = keyword_model(call->callee)) {
      model_keywords(doc, *call, model, items);
    } else if (call->callee.starts_with("self.")) {  // a template call: its inputs
      template_arguments(doc, outline, *call, ws, items);
    } else if (ws && std::count(call->callee.begin(), call->callee.end(), '.') == 1) {  // Shared.echo(
      template_arguments(doc, outline, *call, ws, items);
    }
  } else if (!typed.empty() && std::isupper(static_cast<unsigned char>(typed[0])) && qualifier(text, word).empty()) {
    model_names(doc, word, typed, items);
  }
  return {{"isIncomplete", false}, {"items", items}};
}

}  // namespace flowc::lsp

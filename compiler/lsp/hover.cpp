// textDocument/hover: Argo's description and type of a model, a model field
// or a decorator; what a `{{...}}` reference resolves to; a template call's
// inputs; a workflow setting's field.
#include "frontend/models.h"
#include "lsp/cursor_context.h"
#include "lsp/dsl_help.h"
#include "lsp/features.h"
#include "lsp/workspace.h"
#include "lsp/model_docs.h"
#include "parse/syntax_tree.h"

namespace flowc::lsp {

namespace {

nlohmann::json answer(const Document& doc, Span span, const std::string& markdown) {
  if (markdown.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}}, {"range", range_json(doc, span)}};
}

std::string kind_name(MemberKind k) {
  switch (k) {
    case MemberKind::Template: return "template";
    case MemberKind::Closure: return "closure (script template)";
    case MemberKind::Dag: return "DAG template";
    case MemberKind::Steps: return "steps template";
    case MemberKind::Task: return "task";
    case MemberKind::Step: return "step";
    case MemberKind::Scope: return "scope function";
    default: return "method";
  }
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out.empty() ? "none" : out;
}

std::string member_markdown(const Member& m) {
  std::string out = "```python\ndef " + m.method + "(...)\n```\n" + kind_name(m.kind) + " `" + m.name + "`";
  if (!m.calls.empty()) out += ", calls `self." + m.calls + "`";
  if (m.kind != MemberKind::Task && m.kind != MemberKind::Step && m.kind != MemberKind::Other) {
    out += "\n\n- input parameters: " + list(m.input_parameters());
    if (auto a = m.declared("inputs.artifact"); !a.empty()) out += "\n- input artifacts: " + list(a);
    if (auto p = m.declared("outputs.parameter"); !p.empty()) out += "\n- output parameters: " + list(p);
    if (auto a = m.declared("outputs.artifact"); !a.empty()) out += "\n- output artifacts: " + list(a);
  }
  return out;
}

// The callee of the call whose argument list holds `n`, as written, or "".
std::string callee_of_argument(TSNode keyword_argument, std::string_view text) {
  TSNode args = ts_node_parent(keyword_argument);
  TSNode call = ts_node_parent(args);
  if (!is(args, "argument_list") || !is(call, "call")) return "";
  std::string s(node_text(safe_field(call, "function"), text));
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
  return s;
}

const Member* member_named(const Outline& outline, uint32_t offset, std::string_view method) {
  const ClassInfo* cls = outline.class_at(offset);
  if (!cls) return nullptr;
  for (const Member* m : members_with_bases(outline, *cls))
    if (m->method == method) return m;
  return nullptr;
}

// `Shared.echo` (issue 23): the template of an imported class of another file, or null.
const Member* referenced_member(const Document& doc, Workspace* ws, std::string_view owner, std::string_view method,
                                std::string* where) {
  if (!ws || owner == "self" || owner.empty()) return nullptr;
  auto found = ws->imported_class(doc, owner);
  if (!found) return nullptr;
  for (const Member* m : members_with_bases(found->file->outline, *found->cls))
    if (m->method == method) {
      if (where) *where = "\n\nclass `" + found->cls->name + "` in `" + found->file->path + "`";
      return m;
    }
  return nullptr;
}

nlohmann::json identifier_hover(const Document& doc, const Outline& outline, TSNode id, Workspace* ws) {
  std::string_view text = doc.text();
  std::string name(node_text(id, text));
  Span span{ts_node_start_byte(id), ts_node_end_byte(id)};
  TSNode parent = ts_node_parent(id);
  // A keyword of a model constructor, a decorator or a template call.
  if (is(parent, "keyword_argument") && ts_node_eq(safe_field(parent, "name"), id)) {
    std::string callee = callee_of_argument(parent, text);
    if (const char* model = keyword_model(callee)) return answer(doc, span, field_markdown(model, name));
    if (callee.starts_with("self."))
      if (const Member* m = member_named(outline, span.begin, std::string_view(callee).substr(5)))
        return answer(doc, span, "Argument `" + name + "` of " + kind_name(m->kind) + " `" + m->name + "`\n\n" +
                                     "- input parameters: " + list(m->input_parameters()));
    if (size_t dot = callee.rfind('.'); dot != std::string::npos) {
      std::string where;
      if (const Member* m = referenced_member(doc, ws, std::string_view(callee).substr(0, dot),
                                              std::string_view(callee).substr(dot + 1), &where))
        return answer(doc, span, "Argument `" + name + "` of " + kind_name(m->kind) + " `" + m->name + "`\n\n" +
                                     "- input parameters: " + list(m->input_parameters()) + where);
    }
  }
  // `self.<template>`: the template's inputs and outputs.
  if (is(parent, "attribute") && ts_node_eq(safe_field(parent, "attribute"), id) &&
      node_text(safe_field(parent, "object"), text) == "self")
    if (const Member* m = member_named(outline, span.begin, name)) return answer(doc, span, member_markdown(*m));
  // `Shared.echo`: a template of a WorkflowTemplate class of another file (a typed reference).
  if (is(parent, "attribute") && ts_node_eq(safe_field(parent, "attribute"), id)) {
    std::string where;
    if (const Member* m = referenced_member(doc, ws, node_text(safe_field(parent, "object"), text), name, &where))
      return answer(doc, span, member_markdown(*m) + where);
  }
  // A decorator (or part of its dotted name).
  for (TSNode n = parent; !ts_node_is_null(n); n = ts_node_parent(n)) {
    if (is(n, "decorator")) {
      TSNode expr = named_child_of(n, 0);
      TSNode callee = is(expr, "call") ? safe_field(expr, "function") : expr;
      if (ts_node_end_byte(id) > ts_node_end_byte(callee)) break;  // in its arguments
      std::string dname(node_text(callee, text));
      if (const DecoratorHelp* d = find_decorator(dname)) {
        std::string md = "```python\n@" + dname + "\n```\n" + d->summary;
        if (std::string_view about = model_doc(d->model, d->field); !about.empty())
          md += "\n\n`" + std::string(d->model) + (*d->field ? "." + std::string(d->field) : "") + "`: " +
                std::string(about);
        return answer(doc, {ts_node_start_byte(callee), ts_node_end_byte(callee)}, md);
      }
      break;
    }
    if (is(n, "call") || is(n, "block")) break;
  }
  // A model class.
  if (models::find_model(name)) return answer(doc, span, model_markdown(name));
  // A method's name: what the member is.
  if (is(parent, "function_definition"))
    if (const ClassInfo* cls = outline.class_at(span.begin))
      if (const Member* m = member_at(*cls, span.begin); m && m->name_span.begin == span.begin)
        return answer(doc, span, member_markdown(*m));
  // A workflow setting (a class attribute): its WorkflowSpec field.
  if (is(parent, "assignment") && ts_node_eq(safe_field(parent, "left"), id))
    if (const ClassInfo* cls = outline.class_at(span.begin))
      for (auto& [key, at] : cls->settings)
        if (at.begin == span.begin) {
          std::string md = field_markdown("V1alpha1WorkflowSpec", key);
          if (md.empty()) md = field_markdown("V1ObjectMeta", key);
          if (md.empty()) md = field_markdown("V1alpha1CronWorkflowSpec", key);
          return answer(doc, span, md);
        }
  return nullptr;
}

}  // namespace

nlohmann::json hover(const Document& doc, const Outline& outline, Position pos, Workspace* ws) {
  uint32_t offset = doc.offset(pos);
  if (auto ref = reference_at(doc.text(), offset, true)) {
    std::string md = describe_reference(ref->expression, place_at(outline, offset));
    if (md.empty()) md = "`{{" + ref->expression + "}}`: not a name flowc knows here";
    return answer(doc, ref->span, md);
  }
  if (!doc.tree()) return nullptr;
  TSNode n = ts_node_named_descendant_for_byte_range(doc.root(), offset, offset);
  if (!is(n, "identifier") && offset > 0) n = ts_node_named_descendant_for_byte_range(doc.root(), offset - 1, offset - 1);
  if (!is(n, "identifier")) return nullptr;
  return identifier_hover(doc, outline, n, ws);
}

}  // namespace flowc::lsp

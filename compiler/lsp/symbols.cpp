// textDocument/documentSymbol: the outline view. Workflow classes, their
// templates and tasks (a DAG's tasks and a steps template's steps under it).
#include "lsp/features.h"

namespace flowc::lsp {

namespace {

// LSP's SymbolKind.
enum Kind { kClass = 5, kMethod = 6, kProperty = 7, kFunction = 12, kEvent = 24 };

const char* detail(MemberKind k) {
  switch (k) {
    case MemberKind::Template: return "template";
    case MemberKind::Closure: return "closure";
    case MemberKind::Dag: return "dag";
    case MemberKind::Steps: return "steps";
    case MemberKind::Task: return "task";
    case MemberKind::Step: return "step";
    case MemberKind::Scope: return "scope";
    default: return "";
  }
}

nlohmann::json symbol(const Document& doc, const std::string& name, const std::string& about, int kind, Span span,
                      Span name_span) {
  return {{"name", name.empty() ? "?" : name},  // LSP requires a non-empty name (a half-typed `def`)
          {"detail", about},
          {"kind", kind},
          {"range", range_json(doc, span)},
          {"selectionRange", range_json(doc, name_span)}};
}

nlohmann::json member_symbol(const Document& doc, const Member& m) {
  int kind = m.kind == MemberKind::Task || m.kind == MemberKind::Step ? kEvent
             : m.kind == MemberKind::Other || m.kind == MemberKind::Scope ? kFunction
                                                                          : kMethod;
  nlohmann::json s = symbol(doc, m.method, detail(m.kind), kind, m.span, m.name_span);
  if (!m.nested.empty()) {
    nlohmann::json children = nlohmann::json::array();
    for (auto& n : m.nested) children.push_back(member_symbol(doc, n));
    s["children"] = children;
  }
  return s;
}

}  // namespace

nlohmann::json document_symbols(const Document& doc, const Outline& outline) {
  nlohmann::json out = nlohmann::json::array();
  for (auto& c : outline.classes) {
    std::string bases;
    for (auto& b : c.bases) bases += (bases.empty() ? "" : ", ") + b;
    nlohmann::json s = symbol(doc, c.name, bases, kClass, c.span, c.name_span);
    nlohmann::json children = nlohmann::json::array();
    for (auto& [key, at] : c.settings) children.push_back(symbol(doc, key, "setting", kProperty, at, at));
    for (auto& m : c.members) children.push_back(member_symbol(doc, m));
    s["children"] = children;
    out.push_back(s);
  }
  return out;
}

}  // namespace flowc::lsp

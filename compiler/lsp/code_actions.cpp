// textDocument/codeAction: the compiler's suggested edits (Diagnostic::fixes,
// carried in each published diagnostic's `data`) as quick fixes.
#include "lsp/features.h"

namespace flowc::lsp {

nlohmann::json code_actions(const Document& doc, const nlohmann::json& params) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json* diags = nullptr;
  if (auto c = params.find("context"); c != params.end() && c->is_object())
    if (auto d = c->find("diagnostics"); d != c->end() && d->is_array()) diags = &*d;
  if (!diags) return out;
  for (const auto& d : *diags) {
    if (!d.is_object() || !d.contains("data") || !d["data"].is_object()) continue;
    auto it = d["data"].find("fixes");
    if (it == d["data"].end() || !it->is_array()) continue;
    const auto& fixes = *it;
    bool first = true;
    for (const auto& f : fixes) {
      if (!f.is_object() || !f.contains("range") || !f.contains("newText") || !f["newText"].is_string()) continue;
      nlohmann::json edit = {{"range", f["range"]}, {"newText", f["newText"]}};
      std::string title = f.contains("title") && f["title"].is_string() ? f["title"].get<std::string>() : "apply the fix";
      out.push_back({{"title", title},
                     {"kind", "quickfix"},
                     {"diagnostics", nlohmann::json::array({d})},
                     {"isPreferred", first},
                     {"edit", {{"changes", {{doc.uri(), nlohmann::json::array({edit})}}}}}});
      first = false;
    }
  }
  return out;
}

}  // namespace flowc::lsp

#include "report/json_report.h"

#include "report/source_range.h"

namespace flowc {

nlohmann::ordered_json diagnostic_json(const Diagnostic& d, const SourceFile& file) {
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const auto& n : d.notes)
  {
    const SourceFile& nf = n.file ? *n.file : file;
    nlohmann::ordered_json note = {
        {"message", n.message},
        {"range", n.span ? range_json(source_range(nf, *n.span)) : nlohmann::ordered_json(nullptr)}};
    if (n.file) note["file"] = n.file->name();  // a note in another module (issue 23)
    notes.push_back(std::move(note));
  }
  nlohmann::ordered_json fixes = nlohmann::ordered_json::array();
  for (const auto& f : d.fixes)
    fixes.push_back({{"message", f.message}, {"range", range_json(source_range(file, f.span))}, {"replacement", f.replacement}});
  return {{"file", file.name()},
          {"range", range_json(source_range(file, d.span))},
          {"severity", severity_name(d.severity)},
          {"code", d.code},
          {"message", d.message},
          {"notes", std::move(notes)},
          {"fixes", std::move(fixes)}};
}

std::string dump_json(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string render_json(const std::vector<FileDiagnostics>& inputs) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& input : inputs)
    for (const auto& d : input.diagnostics) all.push_back(diagnostic_json(d, file_of(d, input)));
  return dump_json(all);
}

}  // namespace flowc

#include "report/sarif_report.h"

#include <cctype>
#include <map>

#include "report/diagnostics_doc.h"
#include "report/json_report.h"
#include "report/source_range.h"

namespace flowc {

namespace {

using json = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

json artifact_location(const SourceFile& file) {
  json loc = {{"uri", artifact_uri(file.name())}};
  // Relative names are relative to the project's root, which the viewer
  // knows (GitHub: the checkout); %SRCROOT% is SARIF's usual name for it.
  if (!file.name().starts_with('/')) loc["uriBaseId"] = "%SRCROOT%";
  return loc;
}

json region(const SourceFile& file, Span span) {
  SourceRange r = source_range(file, span);
  return {{"startLine", r.start.line}, {"startColumn", r.start.col}, {"endLine", r.end.line},
          {"endColumn", r.end.col},    {"byteOffset", r.begin_offset}, {"byteLength", r.end_offset - r.begin_offset}};
}

json physical_location(const SourceFile& file, Span span) {
  return {{"artifactLocation", artifact_location(file)}, {"region", region(file, span)}};
}

// The first paragraph after the heading: the rule's one-line description.
std::string first_paragraph(std::string_view section) {
  size_t start = section.find("\n\n");
  if (start == std::string_view::npos) return {};
  start += 2;
  size_t end = section.find("\n\n", start);
  std::string para(section.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  if (para.starts_with("```")) return {};
  for (char& c : para)
    if (c == '\n') c = ' ';
  return para;
}

json rule(const std::string& code) {
  json r = {{"id", code}};
  if (auto section = diagnostic_section(code)) {
    r["shortDescription"] = {{"text", std::string(diagnostic_title(code))}};
    if (std::string full = first_paragraph(*section); !full.empty()) r["fullDescription"] = {{"text", full}};
    r["help"] = {{"text", std::string(*section)}, {"markdown", std::string(*section)}};
  }
  r["defaultConfiguration"] = {{"level", code.starts_with('W') ? "warning" : "error"}};
  return r;
}

json result(const Diagnostic& d, const SourceFile& file, const std::map<std::string, size_t>& rule_index) {
  std::string text = d.message;
  json related = json::array();
  for (const auto& n : d.notes) {
    if (!n.span) {
      text += "\nnote: " + n.message;
      continue;
    }
    json loc = {{"id", related.size()}, {"physicalLocation", physical_location(n.file ? *n.file : file, *n.span)}, {"message", {{"text", n.message}}}};
    related.push_back(std::move(loc));
  }
  json r;
  if (!d.code.empty()) {
    r["ruleId"] = d.code;
    r["ruleIndex"] = rule_index.at(d.code);
  }
  r["level"] = sarif_level(d.severity);
  r["message"] = {{"text", text}};
  r["locations"] = json::array({{{"physicalLocation", physical_location(file, d.span)}}});
  if (!related.empty()) r["relatedLocations"] = std::move(related);
  if (!d.fixes.empty()) {
    json fixes = json::array();
    for (const auto& f : d.fixes)
      fixes.push_back({{"description", {{"text", f.message}}},
                       {"artifactChanges",
                        json::array({{{"artifactLocation", artifact_location(file)},
                                      {"replacements", json::array({{{"deletedRegion", region(file, f.span)},
                                                                     {"insertedContent", {{"text", f.replacement}}}}})}}})}});
    r["fixes"] = std::move(fixes);
  }
  return r;
}

}  // namespace

std::string artifact_uri(std::string_view name) {
  std::string out = name.starts_with('/') ? "file://" : "";
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) {
      out += ch;
    } else if (ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
      out += ch;
    } else {
      out += '%';
      out += "0123456789ABCDEF"[c >> 4];
      out += "0123456789ABCDEF"[c & 15];
    }
  }
  return out;
}

nlohmann::ordered_json sarif_log(const std::vector<FileDiagnostics>& inputs, std::string_view tool_version) {
  // Rules in code order, so the document does not depend on which file came first.
  std::map<std::string, size_t> rule_index;
  for (const auto& input : inputs)
    for (const auto& d : input.diagnostics)
      if (!d.code.empty()) rule_index[d.code] = 0;
  json rules = json::array();
  for (auto& [code, index] : rule_index) {
    index = rules.size();
    rules.push_back(rule(code));
  }
  json results = json::array();
  for (const auto& input : inputs)
    for (const auto& d : input.diagnostics) results.push_back(result(d, file_of(d, input), rule_index));
  json driver = {{"name", "flowc"}, {"version", std::string(tool_version)}, {"rules", std::move(rules)}};
  json run = {{"tool", {{"driver", std::move(driver)}}}, {"columnKind", "unicodeCodePoints"}, {"results", std::move(results)}};
  return {{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({std::move(run)})}};
}

std::string render_sarif(const std::vector<FileDiagnostics>& inputs, std::string_view tool_version) {
  return dump_json(sarif_log(inputs, tool_version));
}

}  // namespace flowc

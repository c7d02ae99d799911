// Diagnostics as SARIF 2.1.0 (the format of GitHub code scanning and other
// static-analysis viewers): one document, one run. tool.driver lists a rule
// for each code used, with the code's section of docs/diagnostics.md as its
// help; each diagnostic is a result with its place (a physicalLocation
// region: 1-based lines, columns in code points (run.columnKind), byte offset
// and length), its notes with a place as relatedLocations (notes without one
// are lines of the message) and its suggested edits as fixes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/file_diagnostics.h"

namespace flowc {

// `tool_version` is flowc's version, written as tool.driver.version.
nlohmann::ordered_json sarif_log(const std::vector<FileDiagnostics>& inputs, std::string_view tool_version);
std::string render_sarif(const std::vector<FileDiagnostics>& inputs, std::string_view tool_version);

// A file name as a URI reference: relative names stay relative ("a/w.py"),
// absolute ones become file:// URIs; bytes outside RFC 3986's unreserved set
// (and '/') are percent-encoded ("my file.py" -> "my%20file.py").
std::string artifact_uri(std::string_view file_name);

}  // namespace flowc

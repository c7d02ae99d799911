// Diagnostics as one JSON document for a run: an array with one object per
// diagnostic, in the order given (input by input):
//   {"file", "range": {"start": {"line", "column", "offset"}, "end": {...}},
//    "severity", "code", "message",
//    "notes": [{"message", "range" or null}],
//    "fixes": [{"message", "range", "replacement"}]}
// Lines and columns are 1-based, columns count code points; offsets are bytes
// (0-based, the end one past the span). Messages are whole (not cut as in
// text). Ends with a newline.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/file_diagnostics.h"

namespace flowc {

nlohmann::ordered_json diagnostic_json(const Diagnostic& d, const SourceFile& file);
std::string render_json(const std::vector<FileDiagnostics>& inputs);

// A file name or message as JSON text takes it: bytes that are not UTF-8
// (a file name is bytes) written as U+FFFD, never an exception.
std::string dump_json(const nlohmann::ordered_json& j);

}  // namespace flowc

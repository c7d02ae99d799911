#include "report/github_report.h"

#include "report/source_range.h"

namespace flowc {

namespace {

const char* command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "notice";
  }
  return "error";
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string render_github(const Diagnostic& d, const SourceFile& compiled) {
  const SourceFile& file = d.file ? *d.file : compiled;
  SourceRange r = source_range(file, d.span);
  // A file name is bytes; the runner reads UTF-8 and acts on control
  // characters, so it is shown as the text report shows it.
  std::string name = printable(file.name());
  std::string out = std::string("::") + command(d.severity) + " file=" + github_escape_property(name) +
                    ",line=" + std::to_string(r.start.line) + ",col=" + std::to_string(r.start.col) +
                    ",endLine=" + std::to_string(r.end.line) + ",endColumn=" + std::to_string(r.end.col);
  if (!d.code.empty()) out += ",title=" + github_escape_property(d.code);
  std::string message = printable(d.message);
  for (const auto& n : d.notes) {
    message += "\nnote: ";
    if (n.span) {
      const SourceFile& nf = n.file ? *n.file : file;
      LineCol p = nf.position(n.span->begin);
      message += printable(nf.name()) + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + ": ";
    }
    message += printable(n.message);
  }
  out += "::" + github_escape_data(message) + "\n";
  return out;
}

std::string render_github(const FileDiagnostics& input) {
  std::string out;
  for (const auto& d : input.diagnostics) out += render_github(d, *input.file);
  return out;
}

}  // namespace flowc

#include "report/text_report.h"

namespace flowc {

namespace {

// ANSI SGR sequences, as clang and ruff use them.
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kMagenta = "\x1b[1;35m";
constexpr const char* kCyan = "\x1b[1;36m";
constexpr const char* kGreen = "\x1b[1;32m";

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kMagenta;
    case Severity::Note: return kCyan;
  }
  return kRed;
}

std::string place(const SourceFile& file, uint32_t offset) {
  LineCol p = file.position(offset);
  return printable(file.name()) + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + ":";
}

// The source line as it is; the caret line in green.
void append_colored_frame(std::string& out, const SourceFile& file, Span span) {
  std::string frame;
  append_frame(frame, file, span);
  size_t split = frame.find('\n') + 1;
  out.append(frame, 0, split);
  std::string caret = frame.substr(split, frame.size() - split - 1);
  if (!caret.empty()) out += kGreen + caret + kReset;
  out += '\n';
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceFile& compiled, bool color) {
  if (!color) return render(d, compiled);
  const SourceFile& file = d.file ? *d.file : compiled;
  std::string out = std::string(kBold) + place(file, d.span.begin) + " " + severity_color(d.severity) +
                    severity_name(d.severity) + ":" + kReset + " " + kBold + clipped(d.message);
  if (!d.code.empty()) out += " [" + d.code + "]";
  out += kReset;
  out += '\n';
  append_colored_frame(out, file, d.span);
  for (const auto& n : d.notes) {
    if (n.span) {
      const SourceFile& nf = n.file ? *n.file : file;
      out += std::string(kBold) + place(nf, n.span->begin) + " " + kCyan + "note:" + kReset + " " + clipped(n.message) + '\n';
      append_colored_frame(out, nf, *n.span);
    } else {
      out += std::string(kCyan) + "note:" + kReset + " " + clipped(n.message) + '\n';
    }
  }
  return out;
}

std::string render_text(const FileDiagnostics& input, bool color) {
  std::string out;
  for (const auto& d : input.diagnostics) out += render_text(d, *input.file, color);
  return out;
}

}  // namespace flowc

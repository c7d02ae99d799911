#include "diag/diagnostic.h"

#include <algorithm>
#include <cstdint>

namespace flowc {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

Diagnostic& DiagnosticSink::error(const char* code, Span span, std::string message) {
  if (errors_ >= error_limit_) {
    ++errors_;
    overflow_ = {};
    return overflow_;
  }
  ++errors_;
  diags_.push_back({Severity::Error, code, std::move(message), span, {}, file_, {}});
  return diags_.back();
}

Diagnostic& DiagnosticSink::warning(const char* code, Span span, std::string message) {
  diags_.push_back({Severity::Warning, code, std::move(message), span, {}, file_, {}});
  return diags_.back();
}

void DiagnosticSink::add(Diagnostic d) {
  if (d.severity == Severity::Error) {
    if (errors_++ >= error_limit_) return;
  }
  diags_.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::take() {
  for (auto& d : diags_) {
    d.message = printable(d.message);
    for (auto& n : d.notes) n.message = printable(n.message);
    // A fix's replacement is source text the editor inserts, not shown to a
    // terminal as is; its message is.
    for (auto& f : d.fixes) f.message = printable(f.message);
  }
  return std::move(diags_);
}

void DiagnosticSink::sort() {
  // Imported modules' diagnostics first (they explain what follows), then by place.
  std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if ((a.file != nullptr) != (b.file != nullptr)) return a.file != nullptr;
    return a.span.begin < b.span.begin;
  });
}

void DiagnosticSink::promote_warnings() {
  for (auto& d : diags_)
    if (d.severity == Severity::Warning) {
      d.severity = Severity::Error;
      ++errors_;
    }
}

namespace {

// The UTF-8 sequence at s[i]: its length and code point, or 0 if the bytes
// there are not UTF-8 (truncated, overlong, a surrogate, past U+10FFFF).
size_t utf8_at(std::string_view s, size_t i, uint32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

// Characters a terminal acts on instead of showing, or that reorder the
// text shown around them.
bool needs_escape(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_hex(std::string& out, uint32_t v, int digits) {
  for (int k = digits - 1; k >= 0; --k) out += "0123456789abcdef"[(v >> (4 * k)) & 15];
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    size_t len = utf8_at(text, i, cp);
    if (len == 0) {  // not UTF-8: the byte, as Python shows bytes
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(text[i]), 2);
      ++i;
      continue;
    }
    if (!needs_escape(cp)) {
      out.append(text, i, len);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp <= 0xFF) {
      out += "\\x";
      append_hex(out, cp, 2);
    } else {
      out += "\\u";
      append_hex(out, cp, 4);
    }
    i += len;
  }
  return out;
}

namespace {

// Longest source line shown whole under a diagnostic, in code points.
constexpr uint32_t kMaxShownColumns = 160;

}  // namespace

// The source line with a caret line under [begin, end) (clamped to the line).
void append_frame(std::string& out, const SourceFile& file, Span span) {
  LineCol pos = file.position(span.begin);
  std::string_view line = file.line_text(pos.line);
  std::string shown;
  std::string caret;
  // Expand tabs to keep the caret aligned; columns count code points.
  uint32_t col = 1;
  LineCol endpos = file.position(std::max(span.end, span.begin));
  uint32_t end_col = endpos.line == pos.line ? endpos.col : 0;
  // A very long line (minified code, a 1 MB string) is shown as a window
  // around the place, with "..." where it is cut.
  uint32_t first_col = 1, last_col = UINT32_MAX;
  size_t code_points = 0;
  for (char ch : line) code_points += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  if (code_points > kMaxShownColumns) {
    first_col = pos.col > kMaxShownColumns / 3 ? pos.col - kMaxShownColumns / 3 : 1;
    last_col = first_col + kMaxShownColumns - 1;
    if (first_col > 1) {
      shown += "...";
      caret += "   ";
    }
  }
  size_t i = 0;
  while (i < line.size()) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = len > 0 && i + len <= line.size();
    uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; valid && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(line[i + k]);
      if ((cc >> 6) != 2) valid = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8
    // either: shown as '?', so the report itself is always valid UTF-8.
    if (valid && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                  (cp >= 0xD800 && cp <= 0xDFFF)))
      valid = false;
    if (!valid) len = 1;
    if (col < first_col || col > last_col) {
      i += len;
      ++col;
      continue;
    }
    std::string_view ch = valid ? line.substr(i, len) : std::string_view("?");
    bool marked = col == pos.col || (col > pos.col && col < end_col);
    if (ch == "\t") {
      shown += "    ";
      caret += marked ? (col == pos.col ? "^~~~" : "~~~~") : "    ";
    } else if (valid && needs_escape(cp)) {
      shown += '?';  // never echo control characters (C0, C1, bidi overrides) to a terminal
      caret += marked ? (col == pos.col ? '^' : '~') : ' ';
    } else {
      shown += ch;
      caret += marked ? (col == pos.col ? '^' : '~') : ' ';
    }
    i += len;
    ++col;
  }
  if (col - 1 > last_col) shown += "...";
  if (pos.col >= col) caret += std::string(pos.col - col, ' ') + "^";
  while (!caret.empty() && caret.back() == ' ') caret.pop_back();
  out += shown;
  out += '\n';
  out += caret;
  out += '\n';
}

// A message quoting a huge piece of source (a 1 MB expression, a cycle of
// 100,000 tasks) is cut, on a character boundary, when rendered.
std::string clipped(const std::string& raw) {
  constexpr size_t kMax = 2000;
  std::string message = printable(raw);
  if (message.size() <= kMax) return message;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
  return message.substr(0, cut) + "... (" + std::to_string(message.size() - cut) + " more bytes)";
}

std::string render(const Diagnostic& d, const SourceFile& compiled) {
  const SourceFile& file = d.file ? *d.file : compiled;
  std::string out;
  LineCol pos = file.position(d.span.begin);
  out += printable(file.name()) + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) + ": " +
         severity_name(d.severity) + ": " + clipped(d.message);
  if (!d.code.empty()) out += " [" + d.code + "]";
  out += '\n';
  append_frame(out, file, d.span);
  for (const auto& n : d.notes) {
    if (n.span) {
      const SourceFile& nf = n.file ? *n.file : file;
      LineCol np = nf.position(n.span->begin);
      out += printable(nf.name()) + ":" + std::to_string(np.line) + ":" + std::to_string(np.col) + ": note: " + clipped(n.message) + '\n';
      append_frame(out, nf, *n.span);
    } else {
      out += "note: " + clipped(n.message) + '\n';
    }
  }
  return out;
}

}  // namespace flowc

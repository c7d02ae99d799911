// Diagnostics: every stage reports into one sink; the driver decides what to print.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "diag/source.h"

namespace flowc {

enum class Severity { Error, Warning, Note };

struct Note {
  std::string message;
  std::optional<Span> span;  // a place, if any
  // The file `span` is in when it is not the diagnostic's own (a note at a
  // template of another module: "template 'echo' is defined here").
  const SourceFile* file = nullptr;
};

// A suggested edit: replace the text at `span` (in the diagnostic's file) with
// `replacement` ("did you mean 'image'?" -> "image"). An empty span inserts.
// Shown as a note in text output; machine formats and the language server
// offer it as a fix.
struct Fix {
  std::string message;  // what the edit does, e.g. "replace with 'image'"
  Span span;
  std::string replacement;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // stable, e.g. "E0201"; listed in docs/diagnostics.md
  std::string message;
  Span span;
  std::vector<Note> notes;
  const SourceFile* file = nullptr;  // where span points; null: the file being compiled
  std::vector<Fix> fixes;            // suggested edits, most likely first
};

class DiagnosticSink {
 public:
  explicit DiagnosticSink(size_t error_limit = 50) : error_limit_(error_limit) {}

  Diagnostic& error(const char* code, Span span, std::string message);
  Diagnostic& warning(const char* code, Span span, std::string message);
  void add(Diagnostic d);

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  bool at_limit() const { return errors_ >= error_limit_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  // The diagnostics, every message and note made printable (see printable()).
  std::vector<Diagnostic> take();
  // Orders by position (stable), so output does not depend on pass order.
  void sort();
  // Turns every warning into an error (--warnings-as-errors).
  void promote_warnings();
  // Diagnostics reported from now on point into `file` (an imported module);
  // null: the file being compiled. Returns the previous setting.
  const SourceFile* set_file(const SourceFile* file) {
    std::swap(file, file_);
    return file;
  }

 private:
  std::vector<Diagnostic> diags_;
  Diagnostic overflow_;  // returned once the limit is reached; discarded
  size_t errors_ = 0;
  size_t error_limit_;
  const SourceFile* file_ = nullptr;
};

// clang-style text: "file:line:col: error: message [code]", the source line,
// a caret under the span, then the notes. `file` is the compiled file, used
// unless the diagnostic points into another one.
std::string render(const Diagnostic& d, const SourceFile& file);
const char* severity_name(Severity s);

// The pieces render() joins, for renderers that decorate them (report/
// text_report.h adds colour): the source line and the caret line under
// `span`, each ending in '\n'; and a message made printable and cut to 2,000
// bytes.
void append_frame(std::string& out, const SourceFile& file, Span span);
std::string clipped(const std::string& message);

// Messages quote the user's source (names, strings, tokens), which may hold
// any character. Shown as they are, a newline would forge a second
// "file:line:col: error:" line and an ESC or OSC sequence would reach the
// terminal. printable() keeps valid UTF-8 text and writes as escapes, the way
// Python's repr() does: C0 and C1 controls and DEL (\n, \t, \x1b, \x9b),
// bidirectional formatting characters (\u202e: "Trojan Source"), and bytes that
// are not UTF-8 (\xff). Backslashes are kept, so printable(printable(s)) ==
// printable(s). The sink applies it to every message and note (take()) and
// render() again, so no call site has to.
std::string printable(std::string_view text);

}  // namespace flowc

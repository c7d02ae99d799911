// The one place the command line prints diagnostics and messages to stderr.
// (Diagnostic formats and colour plug in here: see issue 13, item 4.)
//
//   -q: errors only (warnings and "would change" lines are not shown)
//   -v: also what was read, skipped and written
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace flowc::cli {

enum class Verbosity { Quiet, Normal, Verbose };

class Reporter {
 public:
  explicit Reporter(Verbosity v = Verbosity::Normal) : verbosity_(v) {}
  void set_verbosity(Verbosity v) { verbosity_ = v; }
  Verbosity verbosity() const { return verbosity_; }

  // A compiler diagnostic; `file` is the compiled file (used unless the
  // diagnostic points into another one, d.file).
  void diagnostic(const Diagnostic& d, const SourceFile& file);
  void diagnostics(const std::vector<Diagnostic>& ds, const SourceFile& file);
  // A diagnostic the command line makes itself, at the start of a file:
  // "PATH:1:1: error: MESSAGE [CODE]".
  void file_error(const std::string& shown_path, const std::string& message, const char* code);
  // A line already worded as the core words it (e.g. a project error).
  void raw(std::string_view text);
  // "flowc: error: MESSAGE"
  void error(const std::string& message);
  // A note of progress, shown only with -v ("flowc: wrote out/a.yaml").
  void info(const std::string& message);
  // A result line shown unless -q ("would change: out/a.yaml").
  void status(const std::string& message);

 private:
  Verbosity verbosity_;
};

}  // namespace flowc::cli

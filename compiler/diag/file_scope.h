// Diagnostics reported while a FileScope lives point into `file` (null: the
// compiled file): a pass walking a task or template that a class inherited
// from another file opens one for it (Task::file, Template::file).
#pragma once
#include "diag/diagnostic.h"

namespace flowc {

class FileScope {
 public:
  FileScope(DiagnosticSink& sink, const SourceFile* file) : sink_(sink), previous_(sink.set_file(file)) {}
  ~FileScope() { sink_.set_file(previous_); }
  FileScope(const FileScope&) = delete;
  FileScope& operator=(const FileScope&) = delete;

 private:
  DiagnosticSink& sink_;
  const SourceFile* previous_;
};

}  // namespace flowc

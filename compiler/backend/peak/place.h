// Where a Peak diagnostic points: a span and the file it is in. A workflow
// class may inherit templates, tasks and settings from a class in another
// file of the tree (driver/compile.cpp's FileLoader); their spans point into
// that file, and so must the diagnostics about them.
#pragma once
#include "diag/diagnostic.h"
#include "ir/value.h"

namespace flowc {

struct Place {
  Span span;
  const SourceFile* file = nullptr;  // null: the compiled file
};

inline Place place_of(const Value& v) { return {v.span, v.file}; }

// sink.error / sink.warning at a place.
inline Diagnostic& error_at(DiagnosticSink& sink, const char* code, Place p, std::string message) {
  auto& d = sink.error(code, p.span, std::move(message));
  if (p.file) d.file = p.file;
  return d;
}
inline Diagnostic& warning_at(DiagnosticSink& sink, const char* code, Place p, std::string message) {
  auto& d = sink.warning(code, p.span, std::move(message));
  if (p.file) d.file = p.file;
  return d;
}

}  // namespace flowc

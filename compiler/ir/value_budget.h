// What one compile may copy and build (docs/limits.md). A value is copied at
// each use of a constant and grows by concatenation, a subclass copies its
// bases' templates, a closure script copies the scope functions it uses: with
// no bound, 1 KB of source asks for gigabytes (C1 = C0 + C0, C2 = C1 + C1,
// ... 30 levels: 2 GiB). One budget serves every file read for one compile.
#pragma once
#include <cstdint>

#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

struct ValueBudget {
  // One value: as large as the largest source (a string literal can be that).
  static constexpr uint64_t kMaxValue = uint64_t{64} << 20;
  // Everything copied or built in one compile: 256 MiB, plus 16 bytes per
  // byte of source read, so that large valid files (which use constants in
  // proportion to their size) never reach it. Literals are not counted: each
  // is evaluated about once, so they are bounded by the source already.
  static constexpr uint64_t kMaxTotal = uint64_t{256} << 20;
  static constexpr uint64_t kPerSourceByte = 16;
  uint64_t limit = kMaxTotal;
  uint64_t used = 0;
  bool total_reported = false;

  void add_source(size_t bytes) { limit += kPerSourceByte * bytes; }
  // Counts `size` more bytes built for `at` (because of `why`, for the
  // message). False past a bound, with E0120 (one value larger than
  // kMaxValue) or E0121 (the total, reported once).
  bool charge(DiagnosticSink& sink, Span at, uint64_t size, const char* why);
};

// A value's size as the budget counts it: the bytes of its strings and keys,
// plus the memory of each item (sizeof(Value)). Iterative.
uint64_t value_size(const Value& v);
// What a subclass copies from `base` (its settings, templates, tasks and
// scopes), counted the same way: a chain of 2,000 subclasses of 260 KB
// otherwise copies 2 million templates (8.5 GB, 157 MB of YAML).
uint64_t inherited_size(const Workflow& base);

}  // namespace flowc

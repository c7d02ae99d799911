// A span as machine formats give it: 1-based line and column (code points,
// as editors count) of its start and end, and its byte offsets.
#pragma once
#include <nlohmann/json.hpp>

#include "diag/source.h"

namespace flowc {

struct SourceRange {
  LineCol start;
  LineCol end;  // the place just after the span (an empty span: == start)
  uint32_t begin_offset = 0;
  uint32_t end_offset = 0;
};

// Clamped to the file, so a span past its end still names a real place.
SourceRange source_range(const SourceFile& file, Span span);

// {"start": {"line", "column", "offset"}, "end": {...}} (json report).
nlohmann::ordered_json range_json(const SourceRange& r);

}  // namespace flowc

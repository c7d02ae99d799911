#include "report/source_range.h"

#include <algorithm>

namespace flowc {

SourceRange source_range(const SourceFile& file, Span span) {
  uint32_t size = static_cast<uint32_t>(file.text().size());
  uint32_t begin = std::min(span.begin, size);
  uint32_t end = std::clamp(span.end, begin, size);
  return {file.position(begin), file.position(end), begin, end};
}

nlohmann::ordered_json range_json(const SourceRange& r) {
  return {{"start", {{"line", r.start.line}, {"column", r.start.col}, {"offset", r.begin_offset}}},
          {"end", {{"line", r.end.line}, {"column", r.end.col}, {"offset", r.end_offset}}}};
}

}  // namespace flowc

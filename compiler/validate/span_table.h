// Where each field of a document came from: JSON pointers ("/spec/templates/0/name")
// to source spans. The Argo backend fills it from the Values' spans for a
// compile; the YAML reader fills it with the place of each node for lint. The
// validator reports at the nearest recorded ancestor of the field it checks.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

#include "diag/source.h"

namespace flowc {

// A place: a span in a file (null: the document's own file, the compiled or linted one).
struct Place {
  Span span;
  const SourceFile* file = nullptr;
};

class SpanTable {
 public:
  // Records where `pointer` came from; the first record wins, spans at 0..0 (unknown) are ignored.
  void add(std::string pointer, Span span, const SourceFile* file = nullptr) {
    if (span.end == 0 && span.begin == 0) return;
    spans_.emplace(std::move(pointer), Place{span, file});
  }
  // The place of `pointer` or of its nearest recorded ancestor; `fallback` if none.
  Place find(std::string_view pointer) const {
    while (true) {
      auto it = spans_.find(std::string(pointer));
      if (it != spans_.end()) return it->second;
      if (pointer.empty()) return Place{fallback, nullptr};
      size_t slash = pointer.rfind('/');
      pointer = pointer.substr(0, slash == std::string_view::npos ? 0 : slash);
    }
  }
  bool empty() const { return spans_.empty(); }
  size_t size() const { return spans_.size(); }

  Span fallback;  // the whole document's place (the class name, the document's first line)

 private:
  std::unordered_map<std::string, Place> spans_;
};

// One JSON pointer step: '~' -> "~0", '/' -> "~1" (RFC 6901).
inline std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 1);
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}
inline std::string pointer_token(size_t index) { return "/" + std::to_string(index); }

}  // namespace flowc

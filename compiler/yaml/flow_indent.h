// Flow content less indented than YAML allows. The YAML spec wants every
// line of a flow collection or a multi-line quoted scalar indented deeper
// than the block it sits in; PyYAML and Go's yaml (what Kubernetes and Argo
// read files with) do not check it, and Argo's own examples break it:
//
//       args: ["
//         cd /src && go build .
//       "]            <- the closing line at the key's own indentation
//
// tree-sitter-yaml applies the rule and fails to parse. The reader then parses
// a relaxed copy: such continuation lines indented (blanks inserted at the
// start of the line), which changes no value (leading blanks of a flow
// continuation line are never content), with a map back to the original
// offsets for every span. The reader accepts the copy only if it parses and
// every inserted run lies inside a flow collection or a quoted scalar in the
// new tree; else it reports the original errors.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::yaml {

struct Insertion {
  uint32_t at;      // offset in the relaxed text where the inserted blanks start
  uint32_t count;   // how many
  uint32_t before;  // blanks inserted before this run (the shift at `at`)
};

struct Relaxed {
  std::string text;
  std::vector<Insertion> inserted;  // by offset; empty: nothing to relax

  // The original offset of a relaxed one (inside an inserted run: where the
  // run was inserted). A binary search: every node's span is mapped.
  uint32_t original(uint32_t relaxed_offset) const;
};

// Indents each continuation line of a flow collection or quoted scalar that
// opened on an earlier line to one column past its opening bracket or quote.
// Nothing (no insertions) if the copy would grow past twice the text + 1 MiB.
Relaxed relax_flow_indentation(std::string_view text);

}  // namespace flowc::yaml

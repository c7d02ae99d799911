#include "report/diagnostics_doc.h"

#include <cctype>

namespace flowc {

namespace {

// "### E0302: title" -> "E0302" (the heading of one code), else "".
std::string_view heading_code(std::string_view line) {
  if (!line.starts_with("### ")) return {};
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return {};
  return line.substr(4, colon - 4);
}

bool is_heading(std::string_view line) { return line.starts_with("## ") || line.starts_with("### "); }

// Calls f(line, offset of the line) for each line of the page.
template <typename F>
void for_each_line(std::string_view text, F f) {
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    f(text.substr(at, end - at), at);
    at = end + 1;
  }
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<std::string_view> diagnostic_section(std::string_view code) {
  std::string wanted = upper(code);
  std::string_view text = diagnostics_doc_text();
  size_t begin = std::string_view::npos, end = text.size();
  // Found by scanning the lines: a code inside a fenced example never starts
  // a line with "### ", the headings do.
  bool in_fence = false;
  for_each_line(text, [&](std::string_view line, size_t at) {
    if (line.starts_with("```")) in_fence = !in_fence;
    if (in_fence || end != text.size()) return;
    if (begin == std::string_view::npos) {
      if (!wanted.empty() && heading_code(line) == wanted) begin = at;
    } else if (is_heading(line)) {
      end = at;
    }
  });
  if (begin == std::string_view::npos) return std::nullopt;
  std::string_view section = text.substr(begin, end - begin);
  while (section.ends_with("\n\n")) section.remove_suffix(1);
  return section;
}

std::string_view diagnostic_title(std::string_view code) {
  auto section = diagnostic_section(code);
  if (!section) return {};
  std::string_view heading = section->substr(0, section->find('\n'));
  size_t colon = heading.find(": ");
  return colon == std::string_view::npos ? std::string_view() : heading.substr(colon + 2);
}

std::vector<std::string> documented_codes() {
  std::vector<std::string> codes;
  bool in_fence = false;
  for_each_line(diagnostics_doc_text(), [&](std::string_view line, size_t) {
    if (line.starts_with("```")) in_fence = !in_fence;
    if (!in_fence && !heading_code(line).empty()) codes.emplace_back(heading_code(line));
  });
  return codes;
}

}  // namespace flowc

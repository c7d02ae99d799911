// docs/diagnostics.md, embedded in the binary at build time (CMake reads the
// page into a generated source file): `flowc explain CODE` prints a code's
// section, SARIF output gives it as each rule's help.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc {

// The whole page, as it was when the binary was built.
std::string_view diagnostics_doc_text();

// The section of `code` (E0302, e0302): from its "### E0302: title" heading
// up to the next heading, without the blank lines that end it; nullopt for a
// code the page does not list.
std::optional<std::string_view> diagnostic_section(std::string_view code);
// The title of that heading ("unknown task"), "" for an unknown code.
std::string_view diagnostic_title(std::string_view code);
// Every code the page lists, in the page's order.
std::vector<std::string> documented_codes();

}  // namespace flowc

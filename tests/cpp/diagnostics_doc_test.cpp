#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "report/diagnostics_doc.h"

using namespace flowc;

TEST_CASE("the embedded page is docs/diagnostics.md as built") {
  std::ifstream f(FLOWC_SOURCE_DIR "/docs/diagnostics.md", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  CHECK(diagnostics_doc_text() == ss.str());
}

TEST_CASE("a code's section runs from its heading to the next one") {
  auto s = diagnostic_section("E0302");
  REQUIRE(s);
  CHECK(s->starts_with("### E0302: unknown dependency\n"));
  CHECK(s->find("### E0303") == std::string_view::npos);
  CHECK(s->find("task 'b' depends on unknown task 'A' [E0302]") != std::string_view::npos);
  CHECK(s->ends_with("```\n"));
  CHECK(diagnostic_section("e0302") == s);  // case does not matter
  CHECK(diagnostic_title("E0302") == "unknown dependency");
}

TEST_CASE("unknown codes have no section") {
  CHECK(!diagnostic_section("E9999"));
  CHECK(!diagnostic_section(""));
  CHECK(!diagnostic_section("E03"));
  CHECK(!diagnostic_section("Exit codes (`flowc compile`)"));
  CHECK(diagnostic_title("E9999") == "");
}

TEST_CASE("every listed code has a section, in the page's order") {
  auto codes = documented_codes();
  CHECK(codes.size() > 100);
  CHECK(codes.front() == "E0001");
  for (const auto& c : codes) {
    auto s = diagnostic_section(c);
    REQUIRE(s);
    CHECK(s->starts_with("### " + c + ": "));
  }
  // the last section of a part ends before the next part's heading ("## flowc import")
  auto before_import = diagnostic_section("E1032");
  REQUIRE(before_import);
  CHECK(before_import->find("## flowc import") == std::string_view::npos);
}

#include <doctest/doctest.h>

#include <string>

#include "report/json_report.h"
#include "report_test_sources.h"

using namespace flowc;
using nlohmann::json;

TEST_CASE("json: one object per diagnostic with its range in lines, code-point columns and bytes") {
  std::string src = report_test::kUnicode;
  auto r = report_test::compile(src);
  json all = json::parse(render_json({FileDiagnostics{r.file.get(), r.diagnostics}}));
  REQUIRE(all.is_array());
  REQUIRE(all.size() == 2);
  const json& d = all[0];
  CHECK(d["file"] == "w.py");
  CHECK(d["severity"] == "error");
  CHECK(d["code"] == "E0302");
  CHECK(d["message"] == "task 'b' depends on unknown task 'é'");
  uint32_t at = static_cast<uint32_t>(src.find("\"é\""));
  CHECK(d["range"]["start"] == json{{"line", 5}, {"column", 20}, {"offset", at}});
  // "é" is two bytes but one column: the end is 3 columns and 4 bytes on.
  CHECK(d["range"]["end"] == json{{"line", 5}, {"column", 23}, {"offset", at + 4}});
  CHECK(d["notes"] == json::array());
  CHECK(d["fixes"] == json::array());
  CHECK(all[1]["range"]["start"]["column"] == 25);
}

TEST_CASE("json: notes with and without a place, fixes, several files in one document") {
  auto a = report_test::compile(report_test::kMisspelled, "a.py");
  auto b = report_test::compile(report_test::kTwoScopes, "b.py");
  json all = json::parse(render_json({{a.file.get(), a.diagnostics}, {b.file.get(), b.diagnostics}}));
  std::vector<std::string> files;
  for (auto& d : all) files.push_back(d["file"]);
  CHECK(files.front() == "a.py");
  CHECK(files.back() == "b.py");
  json e0211, e0402;
  for (auto& d : all) {
    if (d["code"] == "E0211") e0211 = d;
    if (d["code"] == "E0402") e0402 = d;
  }
  REQUIRE(e0211.is_object());
  CHECK(e0211["notes"][0] == json{{"message", "did you mean 'entrypoint'?"}, {"range", nullptr}});
  // the compiler suggests the edit: the misspelled name, replaced
  REQUIRE(e0211["fixes"].size() == 1);
  CHECK(e0211["fixes"][0]["message"] == "replace with 'entrypoint'");
  CHECK(e0211["fixes"][0]["replacement"] == "entrypoint");
  CHECK(e0211["fixes"][0]["range"] == e0211["range"]);
  REQUIRE(e0402.is_object());
  CHECK(e0402["notes"][0]["message"] == "the first one is here");
  CHECK(e0402["notes"][0]["range"]["start"]["line"] == 4);
  CHECK(e0402["notes"][0]["range"]["start"]["column"] == 5);

  SourceFile file("w.py", "image = 1\n");
  Diagnostic d{Severity::Warning, "W0201", "x", {0, 5}, {}, nullptr};
  d.fixes.push_back({"replace with 'images'", {0, 5}, "images"});
  json one = json::parse(render_json({{&file, {d}}}));
  CHECK(one[0]["severity"] == "warning");
  CHECK(one[0]["fixes"][0]["message"] == "replace with 'images'");
  CHECK(one[0]["fixes"][0]["replacement"] == "images");
  CHECK(one[0]["fixes"][0]["range"]["end"] == json{{"line", 1}, {"column", 6}, {"offset", 5}});
}

TEST_CASE("json: no diagnostics is an empty array; a file name that is not UTF-8 is still JSON") {
  CHECK(render_json({}) == "[]\n");
  SourceFile file("w\xff.py", "x\n");
  Diagnostic d{Severity::Error, "E0001", "syntax error", {0, 1}, {}, nullptr};
  json one = json::parse(render_json({{&file, {d}}}));
  CHECK(one[0]["file"] == "w\xEF\xBF\xBD.py");
}

TEST_CASE("json: a span past the end of the file is clamped to it") {
  SourceFile file("w.py", "ab\n");
  Diagnostic d{Severity::Error, "E0001", "m", {2, 99}, {}, nullptr};
  json one = json::parse(render_json({{&file, {d}}}));
  CHECK(one[0]["range"]["end"] == json{{"line", 2}, {"column", 1}, {"offset", 3}});
}

#include <doctest/doctest.h>

#include "report/diagnostics_doc.h"
#include "report/sarif_report.h"
#include "report_test_sources.h"

using namespace flowc;
using nlohmann::json;

TEST_CASE("sarif: one run, a rule per code used with the page's help, a result per diagnostic") {
  auto a = report_test::compile(report_test::kMisspelled, "a.py");
  auto b = report_test::compile(report_test::kTwoScopes, "dir/b c.py");
  json log = json::parse(render_sarif({{a.file.get(), a.diagnostics}, {b.file.get(), b.diagnostics}}, "0.1.0"));
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "flowc");
  CHECK(run["tool"]["driver"]["version"] == "0.1.0");
  CHECK(run["columnKind"] == "unicodeCodePoints");
  std::vector<std::string> ids;
  for (auto& rule : run["tool"]["driver"]["rules"]) ids.push_back(rule["id"]);
  CHECK(ids == std::vector<std::string>{"E0211", "E0305", "E0402"});
  const json& e0211 = run["tool"]["driver"]["rules"][0];
  CHECK(e0211["shortDescription"]["text"] == "unknown or conflicting workflow setting");
  CHECK(e0211["help"]["markdown"] == std::string(*diagnostic_section("E0211")));
  CHECK(e0211["defaultConfiguration"]["level"] == "error");

  REQUIRE(run["results"].size() == a.diagnostics.size() + b.diagnostics.size());
  for (auto& res : run["results"]) CHECK(run["tool"]["driver"]["rules"][res["ruleIndex"].get<size_t>()]["id"] == res["ruleId"]);
  json misspelled, scopes;
  for (auto& res : run["results"]) {
    if (res["ruleId"] == "E0211") misspelled = res;
    if (res["ruleId"] == "E0402") scopes = res;
  }
  // an unspanned note is a line of the message
  CHECK(misspelled["message"]["text"] == "'entrypont' is not a workflow setting\nnote: did you mean 'entrypoint'?");
  CHECK(misspelled["level"] == "error");
  const json& loc = misspelled["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"] == json{{"uri", "a.py"}, {"uriBaseId", "%SRCROOT%"}});
  CHECK(loc["region"] == json{{"startLine", 4}, {"startColumn", 5}, {"endLine", 4}, {"endColumn", 14},
                              {"byteOffset", std::string(report_test::kMisspelled).find("entrypont")}, {"byteLength", 9}});
  // a spanned note is a related location
  CHECK(scopes["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir/b%20c.py");
  CHECK(scopes["relatedLocations"][0]["message"]["text"] == "the first one is here");
  CHECK(scopes["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 4);
  CHECK(!scopes.contains("fixes"));
}

TEST_CASE("sarif: fixes are artifact changes; warnings are warning level") {
  SourceFile file("/abs/w.py", "imag = 1\n");
  Diagnostic d{Severity::Warning, "W0201", "class attribute ignored", {0, 4}, {}, nullptr};
  d.fixes.push_back({"replace with 'image'", {0, 4}, "image"});
  json run = json::parse(render_sarif({{&file, {d}}}, "1"))["runs"][0];
  const json& res = run["results"][0];
  CHECK(res["level"] == "warning");
  CHECK(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "warning");
  CHECK(res["locations"][0]["physicalLocation"]["artifactLocation"] == json{{"uri", "file:///abs/w.py"}});
  const json& fix = res["fixes"][0];
  CHECK(fix["description"]["text"] == "replace with 'image'");
  CHECK(fix["artifactChanges"][0]["artifactLocation"]["uri"] == "file:///abs/w.py");
  CHECK(fix["artifactChanges"][0]["replacements"][0]["deletedRegion"]["endColumn"] == 5);
  CHECK(fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "image");
}

TEST_CASE("sarif: an empty run still has its tool and no results") {
  json log = json::parse(render_sarif({}, "0.1.0"));
  CHECK(log["runs"][0]["results"] == json::array());
  CHECK(log["runs"][0]["tool"]["driver"]["rules"] == json::array());
}

TEST_CASE("sarif: file names as URI references") {
  CHECK(artifact_uri("a/w.py") == "a/w.py");
  CHECK(artifact_uri("/x/y z.py") == "file:///x/y%20z.py");
  CHECK(artifact_uri("<stdin>") == "%3Cstdin%3E");
  CHECK(artifact_uri("é.py") == "%C3%A9.py");
  CHECK(artifact_uri("a#b?.py") == "a%23b%3F.py");
}

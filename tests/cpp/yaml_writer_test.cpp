#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "emit/yaml_writer.h"
#include "ir/json_text.h"
#include "ir/verbatim.h"

using namespace flowc;
using Json = nlohmann::ordered_json;

namespace {
// Our YAML read back by yaml-cpp (a YAML 1.2 reader) as a string.
std::string read_back(const std::string& s) {
  Json doc = Json::object();
  doc["k"] = s;
  YAML::Node n = YAML::Load(to_yaml(doc));
  return n["k"].as<std::string>();
}
}  // namespace

TEST_CASE("strings read back exactly") {
  for (std::string s : {"plain", "10", "yes", "no", "on", "null", "~", "1e3", "0x1F", ".inf", "-c", "-", "a: b",
                        "a #b", "{{inputs.parameters.x}}", "*x", "&a", "!t", "|", ">", "%", "@", "`", " lead",
                        "trail ", "two\nlines", "two\nlines\n", "x\n\n", "  indented\nz\n", "\ttab", "\n\nlead",
                        "é ünïcode", "2001-12-14", "1_000", "012", "'q'", "\"dq\"", "a\\b", "", "---", "...",
                        "ctl\x01", "del\x7f"}) {
    CAPTURE(s);
    CHECK(read_back(s) == s);
  }
}

TEST_CASE("multi-line text becomes a literal block with the right chomping") {
  Json doc = Json::object();
  doc["source"] = "import random\nprint(1)";
  CHECK(to_yaml(doc) == "source: |-\n  import random\n  print(1)\n");
  doc["source"] = "a\n";
  CHECK(to_yaml(doc) == "source: |\n  a\n");
}

TEST_CASE("numbers and booleans keep their types") {
  Json doc = Json::object();
  doc["i"] = 10;
  doc["f"] = 0.1;
  doc["g"] = 5.0;
  doc["b"] = true;
  doc["z"] = nullptr;
  CHECK(to_yaml(doc) == "i: 10\nf: 0.1\ng: 5.0\nb: true\nz: null\n");
  CHECK(yaml_float(1e300) == "1.0e+300");
}

TEST_CASE("nested maps and sequences in Argo's layout") {
  Json doc = Json::parse(R"({"spec": {"templates": [{"name": "a", "args": ["x", "y"]}, {"name": "b", "e": {}}], "l": []}})",
                         nullptr, true, false);
  std::string y = to_yaml(Json(doc));
  YAML::Node n = YAML::Load(y);
  CHECK(n["spec"]["templates"][0]["args"][1].as<std::string>() == "y");
  CHECK(n["spec"]["templates"][1]["e"].IsMap());
  CHECK(n["spec"]["l"].IsSequence());
}

TEST_CASE("a verbatim scalar is written as it is, in YAML and JSON") {
  Json doc = {{"imageId", verbatim("{{ image_id }}")}, {"list", {verbatim("{{ a }}"), 1}}, {"s", "{{ x }}"}};
  CHECK(to_yaml(doc) == "imageId: {{ image_id }}\nlist:\n- {{ a }}\n- 1\ns: \"{{ x }}\"\n");
  CHECK(json_text(doc, 2) == "{\n  \"imageId\": {{ image_id }},\n  \"list\": [\n    {{ a }},\n    1\n  ],\n  \"s\": \"{{ x }}\"\n}");
  CHECK_FALSE(verbatim_text(Json("{{ x }}")).has_value());
}

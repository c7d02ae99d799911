// spec.templateDefaults merged as Argo's mergedTemplateDefaultsInto does
// (operator.go, a strategic merge patch of the template onto the defaults).
#include <doctest/doctest.h>

#include "run/template_defaults.h"

using flowc::run::merge_template_defaults;
using ojson = nlohmann::ordered_json;

TEST_CASE("templateDefaults: the template's fields win, objects merge") {
  ojson defaults = ojson::parse(R"({"timeout": "30s", "retryStrategy": {"limit": "2", "retryPolicy": "Always"},
                                    "metadata": {"labels": {"team": "a"}}})");
  ojson tmpl = ojson::parse(R"({"name": "t", "retryStrategy": {"limit": "0"}, "metadata": {"labels": {"x": "y"}},
                                "container": {"image": "alpine", "command": ["echo"]}})");
  std::string error;
  ojson m = merge_template_defaults(defaults, tmpl, error);
  CHECK(error.empty());
  CHECK(m["timeout"] == "30s");
  CHECK(m["retryStrategy"]["limit"] == "0");
  CHECK(m["retryStrategy"]["retryPolicy"] == "Always");
  CHECK(m["metadata"]["labels"]["team"] == "a");
  CHECK(m["metadata"]["labels"]["x"] == "y");
  CHECK(m["container"]["command"] == ojson::parse(R"(["echo"])"));
}

TEST_CASE("templateDefaults: lists with a patchMergeKey merge element by element") {
  // inputs.parameters by name, container env by name; other lists replaced.
  ojson defaults = ojson::parse(R"({"inputs": {"parameters": [{"name": "a", "default": "1"}, {"name": "b", "default": "2"}]},
                                    "script": {"env": [{"name": "X", "value": "dx"}], "args": ["d"]}})");
  ojson tmpl = ojson::parse(R"({"name": "t", "inputs": {"parameters": [{"name": "c"}, {"name": "b", "default": "own"}]},
                                "script": {"image": "alpine", "command": ["sh"], "source": "true",
                                           "env": [{"name": "Y", "value": "ty"}, {"name": "X", "value": "tx"}],
                                           "args": ["t"]}})");
  std::string error;
  ojson m = merge_template_defaults(defaults, tmpl, error);
  CHECK(error.empty());
  // strategicpatch mergeSlice: the defaults' elements in order (merged), then the template's new ones.
  CHECK(m["inputs"]["parameters"] ==
        ojson::parse(R"([{"name": "a", "default": "1"}, {"name": "b", "default": "own"}, {"name": "c"}])"));
  CHECK(m["script"]["env"] == ojson::parse(R"([{"name": "X", "value": "tx"}, {"name": "Y", "value": "ty"}])"));
  CHECK(m["script"]["args"] == ojson::parse(R"(["t"])"));
}

TEST_CASE("templateDefaults: a type change is a conflict") {
  std::string error;
  merge_template_defaults(ojson::parse(R"({"container": {"image": "alpine"}})"),
                          ojson::parse(R"({"name": "main", "steps": [[{"name": "a", "template": "a"}]]})"), error);
  CHECK(error.find("'main'") != std::string::npos);
  error.clear();
  ojson same = merge_template_defaults(ojson::object(), ojson::parse(R"({"name": "t", "suspend": {}})"), error);
  CHECK(error.empty());
  CHECK(same == ojson::parse(R"({"name": "t", "suspend": {}})"));
}

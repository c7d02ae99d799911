// The expr language of Argo's expressions (compiler/run/expression/expr.*,
// expr_functions.*, jsonpath.*, go_text.cpp) against cases taken from the
// programs it mirrors: expr-lang/expr's expr_test.go (TestExpr: the
// predicate builtins, ranges, slices, map literals), Argo's
// util/expr/env/env_test.go (TestJsonPath, TestExprMigrationAlternatives,
// TestToJson) and Argo's examples expression-destructure-json-complex and
// expression-reusing-verbose-snippets.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "run/expression/expr.h"

using flowc::run::evaluate_expr;
using flowc::run::go_json;
using flowc::run::go_value_text;
using json = nlohmann::json;

namespace {

json eval(const std::string& e, const json& env = json::object()) {
  auto r = evaluate_expr(e, env);
  INFO(e << ": " << r.error);
  REQUIRE(r.ok);
  return r.value;
}

std::string error_of(const std::string& e, const json& env = json::object()) {
  auto r = evaluate_expr(e, env);
  CHECK_FALSE(r.ok);
  return r.error;
}

}  // namespace

TEST_CASE("run expr: expr-lang's TestExpr cases") {
  CHECK(eval("filter(1..9, {# > 7})") == json({8, 9}));
  CHECK(eval("map(1..3, {# * #})") == json({1, 4, 9}));
  CHECK(eval("all(1..3, {# > 0})") == true);
  CHECK(eval("none(1..3, {# == 0})") == true);
  CHECK(eval("any([1,1,0,1], {# == 0})") == true);
  CHECK(eval("one([1,1,0,1], {# == 0}) and not one([1,0,0,1], {# == 0})") == true);
  CHECK(eval("count(1..30, {# % 3 == 0})") == 10);
  CHECK(eval("count([true, true, false])") == 2);
  CHECK(eval("(0..10)[5]") == 5);
  CHECK(eval("len([1, 2, 3])") == 3);
  CHECK(eval("len(\"hello, world\")") == 12);
  CHECK(eval("len('北京')") == 2);  // runes, not bytes
  CHECK(eval("len({a: 1, b: 2, c: 2})") == 3);
  CHECK(eval("max([1, 2, 3])") == 3);
  CHECK(eval("max(1, 2, 3)") == 3);
  CHECK(eval("min([1, 2, 3])") == 1);
  CHECK(eval("{foo: 0, bar: 1}") == json({{"foo", 0}, {"bar", 1}}));
  CHECK(eval("(true ? 0+1 : 2+3) + (false ? -1 : -2)") == -1);
  CHECK(eval("1 in [1, 2, 3] && \"foo\" in {foo: 0, bar: 1}") == true);
  CHECK(eval("1 in [1.5] || 1 not in [1]") == false);
  CHECK(eval("\"foobar\" startsWith \"foo\"") == true);
  CHECK(eval("\"a\" < \"b\"") == true);
  json arr = {{"ArrayOfInt", {1, 2, 3, 4, 5}}};
  CHECK(eval("ArrayOfInt[-1]", arr) == 5);
  CHECK(eval("ArrayOfInt[1:4]", arr) == json({2, 3, 4}));
  CHECK(eval("ArrayOfInt[-4:-1]", arr) == json({2, 3, 4}));
  CHECK(eval("ArrayOfInt[:3]", arr) == json({1, 2, 3}));
  CHECK(eval("ArrayOfInt[3:]", arr) == json({4, 5}));
  CHECK(eval("ArrayOfInt[0:5] == ArrayOfInt", arr) == true);
}

TEST_CASE("run expr: predicates read # and .field, closures nest, let binds") {
  json env = {{"people", json::array({{{"name", "Mo"}, {"age", 42}}, {{"name", "Jai"}, {"age", 44}}})}};
  CHECK(eval("map(filter(people, {.age > 42}), {.name})", env) == json({"Jai"}));
  CHECK(eval("find(people, .age == 42).name", env) == "Mo");
  CHECK(eval("findIndex(people, .name == 'Jai')", env) == 1);
  CHECK(eval("map([1, 2], {map([10, 20], {#})})") == json({{10, 20}, {10, 20}}));
  CHECK(eval("let x = 2; let y = x * 3; y + 1") == 7);
  CHECK(eval("any([], {# > 0})") == false);  // an empty list: the predicate never runs
  CHECK(eval("false ? map(nosuch, {#}) : 1") == 1);  // an untaken branch is not evaluated
  // comments, as the github-path-filter event binding example writes them
  CHECK(eval("// pick\n any([\"a/\"], {let prefix = #; \"a/x\" startsWith prefix})") == true);
  CHECK(error_of("map([1], {#})(1)").find("only named functions") != std::string::npos);
  CHECK(error_of("#").find("outside a predicate") != std::string::npos);
}

TEST_CASE("run expr: Argo's env_test migration cases") {
  json p = {{"inputs",
             {{"parameters",
               {{"message", "hello world"}, {"count", "42"}, {"ratio", "3.14"}, {"empty", ""},
                {"text", "foo bar baz"}, {"items", {"a", "b", "c"}}, {"numbers", {1, 2, 3, 4, 5}},
                {"a", "15"}, {"b", "25"}}}}}};
  CHECK(eval("string(inputs.parameters.count)", p) == "42");
  CHECK(eval("upper(inputs.parameters.message)", p) == "HELLO WORLD");
  CHECK(eval("repeat(inputs.parameters.message, 2)", p) == "hello worldhello world");
  CHECK(eval("split(inputs.parameters.text, \" \")", p) == json({"foo", "bar", "baz"}));
  CHECK(eval("join(inputs.parameters.items, \"-\")", p) == "a-b-c");
  CHECK(eval("hasPrefix(inputs.parameters.message, \"hello\")", p) == true);
  CHECK(eval("replace(inputs.parameters.text, \"bar\", \"BAR\")", p) == "foo BAR baz");
  CHECK(eval("trim(\"  hello  \")") == "hello");
  CHECK(eval("trim(\"__hello__\", \"_\")") == "hello");
  CHECK(eval("indexOf(inputs.parameters.message, \"xyz\") == -1", p) == true);
  CHECK(eval("int(inputs.parameters.a) + int(inputs.parameters.b)", p) == 40);
  CHECK(eval("float(inputs.parameters.ratio)", p) == 3.14);
  CHECK(eval("max(int(inputs.parameters.a), int(inputs.parameters.b))", p) == 25);
  CHECK(eval("abs(-5)") == 5);
  CHECK(eval("ceil(3.2)") == 4.0);
  CHECK(eval("round(3.6)") == 4.0);
  CHECK(eval("inputs.parameters.numbers[1:3]", p) == json({2, 3}));
  CHECK(eval("reverse(inputs.parameters.items)", p) == json({"c", "b", "a"}));
  CHECK(eval("inputs.parameters.empty == \"\" ? \"default\" : inputs.parameters.empty", p) == "default");
  CHECK(eval("type(42)") == "int");
  CHECK(eval("toJSON({\"name\": \"John\"})") == "{\n  \"name\": \"John\"\n}");
  CHECK(eval("fromJSON(\"{\\\"name\\\": \\\"John\\\"}\")") == json({{"name", "John"}}));
  CHECK(eval("toBase64(\"Hello World\")") == "SGVsbG8gV29ybGQ=");
  CHECK(eval("fromBase64(\"SGVsbG8gV29ybGQ=\")") == "Hello World");
  CHECK(eval("get(inputs.parameters.items, 1)", p) == "b");
  CHECK(eval("get(inputs.parameters, \"count\")", p) == "42");
  // TestToJson: Argo's toJson is json.Marshal (compact)
  CHECK(eval("toJson({\"key\": \"value\", \"number\": 123})") == "{\"key\":\"value\",\"number\":123}");
  CHECK(eval("toJson(\"hello\")") == "\"hello\"");
}

TEST_CASE("run expr: jsonpath as Argo's env.go jsonPath (evilmonkeyinc/jsonpath)") {
  json env = {{"doc", R"({"store": {"book": [
      {"category": "reference", "author": "Nigel Rees", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "price": 12.99}],
      "bicycle": {"color": "red", "price": 19.95}}, "expensive": 10})"}};
  CHECK(eval("jsonpath(doc, '$.store.bicycle.color')", env) == "red");
  CHECK(eval("jsonpath(doc, '$.store.book[1].price')", env) == 12.99);
  CHECK(eval("jsonpath(doc, '$.store.book[0]')", env)["author"] == "Nigel Rees");
  CHECK(eval("jsonpath(doc, '$.store.book[*].author')", env) == json({"Nigel Rees", "Evelyn Waugh"}));
  CHECK(eval("jsonpath(doc, '$.store.book[?(@.price < 10)].author')", env) == json({"Nigel Rees"}));
  CHECK(eval("jsonpath(doc, \"$.store['bicycle'].price\")", env) == 19.95);
  CHECK(eval("jsonpath(doc, '$.store.book[-1:]')", env).size() == 1);
  CHECK(error_of("jsonpath(doc, '$.invalid.path')", env).find("no key 'invalid'") != std::string::npos);
  CHECK(error_of("jsonpath('{\"key\": invalid}', '$.key')").find("not JSON") != std::string::npos);
  CHECK(error_of("jsonpath(doc, '$..price')", env).find("not supported") != std::string::npos);
}

TEST_CASE("run expr: the two Argo examples' expressions, printed as Argo prints them") {
  // expression-destructure-json-complex: {{=...}} writes fmt %v of the
  // result (util/template/expression_template.go), numbers are float64.
  json env = {{"workflow",
               {{"parameters",
                 {{"config",
                   R"({"employees": [{"name": "Baris", "age":43},{"name": "Mo", "age": 42}, {"name": "Jai", "age" :44}]})"}}}}}};
  auto text = [&](const std::string& e) { return go_value_text(eval(e, env)); };
  CHECK(text("jsonpath(workflow.parameters.config, '$.employees[?(@.name==\"Baris\")].age')") == "[43]");
  CHECK(text("jsonpath(workflow.parameters.config, '$.employees[?(@.age>42 && @.age<44)].age')") == "[43]");
  CHECK(text("jsonpath(workflow.parameters.config, '$.employees[0:1]')") == "[map[age:43 name:Baris]]");
  CHECK(text("jsonpath(workflow.parameters.config, '$.employees[*].name')") == "[Baris Mo Jai]");
  // expression-reusing-verbose-snippets
  json w = {{"workflow", {{"parameters", {{"weather", R"({"weekWeather": "eyJ0ZW1wcyI6IFszNCwgMjcsIDE1LCA1NywgNDZdfQo="})"}}}}}};
  std::string weeks = go_value_text(eval(R"(
      map([
          jsonpath(sprig.b64dec(jsonpath(workflow.parameters.weather, '$.weekWeather')), '$.temps')
        ], {
          toJson({
            avg: sprig.add(#[0], #[1], #[2], #[3], #[4]) / 5,
            min: sprig.min(#[0], #[1], #[2], #[3], #[4]),
            max: sprig.max(#[0], #[1], #[2], #[3], #[4])
          })
      })[0])",
                                         w));
  CHECK(weeks == R"({"avg":35.8,"max":57,"min":15})");
}

TEST_CASE("run expr: Go's printing of values") {
  CHECK(go_value_text(json(1e6)) == "1e+06");  // fmt %v of a float64
  CHECK(go_value_text(json(123456.0)) == "123456");
  CHECK(go_value_text(json(35.8)) == "35.8");
  CHECK(go_value_text(json(0.0001)) == "0.0001");
  CHECK(go_value_text(json(0.00001)) == "1e-05");
  CHECK(go_value_text(json(nullptr)) == "<nil>");
  CHECK(go_value_text(json({{"b", 1}, {"a", {true, "x"}}})) == "map[a:[true x] b:1]");
  CHECK(go_json(json(43.0)) == "43");  // encoding/json of a float64
  CHECK(go_json(json(1e21)) == "1e+21");
  CHECK(go_json(json(1e20)) == "100000000000000000000");
  CHECK(go_json(json(0.0000001)) == "1e-7");  // Go cleans e-07 to e-7
}

TEST_CASE("run expr: what is not known is an error naming it") {
  CHECK(error_of("sprig.nosuchfn(1)").find("sprig.nosuchfn: unknown function") != std::string::npos);
  CHECK(error_of("now()").find("now: unknown function") != std::string::npos);
  CHECK(error_of("len(1)").find("len") != std::string::npos);
  CHECK(error_of("nosuchname + 1").find("unknown name 'nosuchname'") != std::string::npos);
}

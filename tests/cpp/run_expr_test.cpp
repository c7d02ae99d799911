// The expr language of Argo's expressions (compiler/run/expression/expr.*,
// expr_functions.*, jsonpath.*, go_text.cpp) against cases taken from the
// programs it mirrors: expr-lang/expr's expr_test.go (TestExpr: the
// predicate builtins, ranges, slices, map literals), Argo's
// util/expr/env/env_test.go (TestJsonPath, TestExprMigrationAlternatives,
// TestToJson) and Argo's examples expression-destructure-json-complex and
// expression-reusing-verbose-snippets.
#include <algorithm>
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
  CHECK(eval("jsonpath(doc, '$..price')", env).size() == 3);
}

namespace {
// The library's own tests compare lists with assert.ElementsMatch (test/
// helper_test.go batchTest): a map's members come in Go's random map order.
json sorted(json list) {
  std::sort(list.begin(), list.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
  return list;
}
json query(const std::string& data, const std::string& path) {
  return eval("jsonpath(data, path)", json{{"data", data}, {"path", path}});
}
}  // namespace

TEST_CASE("run expr: jsonpath on evilmonkeyinc/jsonpath's own cases (test/dot_test.go Test_Dot)") {
  const std::string nested =
      R"({ "k": [{"key": "some value"}, {"key": 42}], "kk": [[{"key": 100}, {"key": 200}, {"key": 300}], [{"key": 400}, {"key": 500}, {"key": 600}]], "key": [0, 1] })";
  CHECK(sorted(query(nested, "$..[1].key")) == sorted(json{200.0, 42.0, 500.0}));
  const std::string dolls =
      R"({ "object": { "key": "value", "array": [ {"key": "something"}, {"key": {"key": "russian dolls"}} ] }, "key": "top" })";
  json dolls_keys = sorted(json{"russian dolls", "something", "top", "value", json{{"key", "russian dolls"}}});
  CHECK(sorted(query(dolls, "$..key")) == dolls_keys);
  CHECK(sorted(query(dolls, "$...key")) == dolls_keys);
  const std::string store =
      R"({ "store": { "book": [ { "price": 8.95 }, { "price": 12.99 }, { "isbn": "0-553-21311-3", "price": 8.99 }, { "price": 22.99 } ], "bicycle": { "color": "red", "price": 19.95 } } })";
  CHECK(sorted(query(store, "$.store..price")) == sorted(json{12.99, 19.95, 22.99, 8.95, 8.99}));
  CHECK(sorted(query(R"({ "key": "value", "another key": { "complex": "string", "primitives": [0, 1] } })", "$..*")) ==
        sorted(json{"string", "value", 0.0, 1.0, json{0.0, 1.0},
                    json{{"complex", "string"}, {"primitives", json{0.0, 1.0}}}}));
  CHECK(query("[ 40, null, 42 ]", "$..*") == json{40.0, nullptr, 42.0});
  CHECK(query("42", "$..*") == json::array());
  const std::string quoted =
      R"({ "object": { "key": "value", "'key'": 100, "array": [ {"key": "something", "'key'": 0}, {"key": {"key": "russian dolls"}, "'key'": {"'key'": 99}} ] }, "key": "top", "'key'": 42 })";
  CHECK(sorted(query(quoted, "$..'key'")) == sorted(json{42.0, 100.0, 0.0, json{{"'key'", 99.0}}, 99.0}));
  // A token giving several values applies the rest to each value: nested
  // lists stay nested, a member without the key is dropped.
  CHECK(query("[[1, 2, 3], [4, 5, 6]]", "$.*.*") == json{json{1.0, 2.0, 3.0}, json{4.0, 5.0, 6.0}});
  // (json::array, not json{json{42.0}}: a one-element braced list of a json
  // is a copy under clang and a list under gcc.)
  CHECK(query(R"([{"bar": [42]}])", "$.*.bar.*") == json::array({json::array({42.0})}));
  CHECK(query(R"([{"a": 1},{"b": 1}])", "$[*].a") == json{1.0});
  CHECK(query(R"([{"key": "ey"}, {"key": "bee"}, {"key": "see"}])", "$[0:2].key") == json{"ey", "bee"});
  CHECK(query(R"([{"key": "ey"}, {"key": "bee"}, {"key": "see"}])", "$[0,2].key") == json{"ey", "see"});
  CHECK(query(R"([{"id": 42, "name": "forty-two"}, {"id": 1, "name": "one"}])", "$[?(@.id==42)].name") ==
        json{"forty-two"});
  CHECK(query(R"({ "key-dash": "value", "key": 42 })", "$.key-dash") == "value");
  CHECK(query(R"({ "key": null })", "$.key").is_null());
  CHECK(query(R"({ "length": "value" })", "$.length") == "value");
  CHECK(query("[4, 5, 6]", "$.length") == 3);
  CHECK(query(R"({"a": [1, 2]})", "$.a.length") == 2);
  // test/array_test.go Test_Array: bounds out of range are errors, not clamped.
  const std::string five = R"(["first", "second", "third", "forth", "fifth"])";
  const std::string six = R"([2, "a", 4, 5, 100, "nice"])";
  CHECK(query(five, "$[1:3]") == json{"second", "third"});
  CHECK(query(five, "$[0:5]").size() == 5);
  CHECK(query(five, "$[1:]") == json{"second", "third", "forth", "fifth"});
  CHECK(query(five, "$[:2]") == json{"first", "second"});
  CHECK(query(five, "$[1:3:]") == json{"second", "third"});
  CHECK(query(five, "$[0:3:2]") == json{"first", "third"});
  CHECK(query(five, "$[0:4:2]") == json{"first", "third"});
  CHECK(query(six, "$[-4:-5]") == json::array());
  CHECK(query(six, "$[-4:-3]") == json{4.0});
  CHECK(query(six, "$[-4:3]") == json{4.0});
  CHECK(query(six, "$[3:-2]") == json{5.0});
  CHECK(query(R"(["first", "second", "third"])", "$[-2:]") == json{"second", "third"});
  CHECK(query("[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]", "$[010:024:010]") ==
        json{10.0, 20.0});
  for (const char* bad : {"$[7:10]", "$[1:10]", "$[-4:]"})
    CHECK(error_of(std::string("jsonpath('[\"first\", \"second\", \"third\"]', '") + bad + "')").find("out of range") !=
          std::string::npos);
  for (const char* bad : {"$[:]", "$[::]", "$[::2]", "$[3::-1]"})
    CHECK(error_of(std::string("jsonpath('[1, 2]', '") + bad + "')").find("invalid token") != std::string::npos);
  CHECK(error_of("jsonpath('[1, 2, 3]', '$[0:3:0]')").find("out of range") != std::string::npos);
  // union.go getUnionByKey: the keys are a set; indices may repeat.
  CHECK(query(R"({"a": 1, "b": 2})", "$['a','a']") == json{1.0});
  CHECK(query("[5, 6]", "$[0,0]") == json{5.0, 5.0});
  CHECK(error_of("jsonpath('{\"a\": 1}', \"$['a','z']\")").find("no key 'z'") != std::string::npos);
  // Errors: the library returns one and env.go jsonPath panics with it.
  CHECK(error_of("jsonpath('[0, 1]', '$.key')").find("not a map") != std::string::npos);
  CHECK(error_of("jsonpath('{\"key\": 1}', '$.missing')").find("no key 'missing'") != std::string::npos);
  CHECK(error_of("jsonpath('{}', '$.')").find("empty key") != std::string::npos);
  CHECK(error_of("jsonpath('{}', '.key')").find("starts at $") != std::string::npos);
  CHECK(error_of("jsonpath('{}', '$..')").find("nothing after") != std::string::npos);
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

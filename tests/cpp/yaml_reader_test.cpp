// The YAML reader of flowc import: scalar semantics and comments.
#include <doctest/doctest.h>

#include <memory>

#include "yaml/scalar.h"
#include "yaml/yaml_reader.h"

using namespace flowc;

namespace {

yaml::Stream read_text(const std::string& text, DiagnosticSink& sink) {
  static std::vector<std::unique_ptr<SourceFile>> keep;  // spans point into the file
  keep.push_back(std::make_unique<SourceFile>("t.yaml", text));
  sink.set_file(keep.back().get());
  return yaml::read(*keep.back(), sink);
}

}  // namespace

TEST_CASE("plain scalars are typed with YAML 1.1 rules; quoted ones stay strings") {
  auto k = [](const char* t) { return yaml::typed_plain(t, {}).kind; };
  CHECK(k("1") == Value::Kind::Int);
  CHECK(k("-12") == Value::Kind::Int);
  CHECK(k("0x1F") == Value::Kind::Int);
  CHECK(yaml::typed_plain("0755", {}).integer == 493);  // YAML 1.1 octal
  CHECK(k("1.5") == Value::Kind::Float);
  CHECK(k("1e3") == Value::Kind::String);  // no '.', so not a float in YAML 1.1
  CHECK(k("true") == Value::Kind::Bool);
  CHECK(k("yes") == Value::Kind::Bool);
  CHECK(k("~") == Value::Kind::None);
  CHECK(k("null") == Value::Kind::None);
  CHECK(k("hello") == Value::Kind::String);
  CHECK(k("1.2.3") == Value::Kind::String);

  DiagnosticSink sink;
  auto s = read_text("a: \"1\"\nb: '2'\nc: 3\n", sink);
  REQUIRE(s.documents.size() == 1);
  CHECK(s.documents[0].get("a")->is_string());
  CHECK(s.documents[0].get("b")->is_string());
  CHECK(s.documents[0].get("c")->kind == Value::Kind::Int);
}

TEST_CASE("block scalars: literal, folded, chomping") {
  CHECK(yaml::block_text("|\n  a\n  b\n", 0) == "a\nb\n");
  CHECK(yaml::block_text("|-\n  a\n  b\n", 0) == "a\nb");
  CHECK(yaml::block_text("|+\n  a\n\n", 0) == "a\n\n");
  CHECK(yaml::block_text(">\n  a\n  b\n\n  c\n", 0) == "a b\nc\n");
  CHECK(yaml::block_text(">\n  a\n    more\n  b\n", 0) == "a\n  more\nb\n");
}

TEST_CASE("quoted scalars: escapes and line folding") {
  CHECK(yaml::double_quoted_text("\"a\\tb\\n\\\"c\\\"\"") == std::optional<std::string>("a\tb\n\"c\""));
  CHECK(yaml::double_quoted_text("\"a\n  b\n\n  c\"") == std::optional<std::string>("a b\nc"));
  CHECK(yaml::double_quoted_text("\"a\\\n  b\"") == std::optional<std::string>("ab"));
  CHECK_FALSE(yaml::double_quoted_text("\"\\q\"").has_value());
  CHECK(yaml::single_quoted_text("'it''s'") == "it's");
  CHECK(yaml::plain_text("a\n  b") == "a b");
}

TEST_CASE("documents, comments with their places, anchors") {
  DiagnosticSink sink;
  auto s = read_text("# head\na: &x [1, 2]  # tail\n---\nb: *x\n", sink);
  CHECK_FALSE(sink.has_errors());
  REQUIRE(s.documents.size() == 2);
  CHECK(s.documents[1].get("b")->items.size() == 2);
  REQUIRE(s.comments.size() == 2);
  CHECK(s.comments[0].text == "head");
  CHECK(s.comments[0].own_line);
  CHECK(s.comments[1].text == "tail");
  CHECK_FALSE(s.comments[1].own_line);
}

TEST_CASE("bad YAML is a diagnostic, not an exception") {
  DiagnosticSink sink;
  read_text("a: [1, 2\n", sink);
  CHECK(sink.has_errors());
}

TEST_CASE("a repeated key: the last one wins, as Kubernetes reads it, with a warning") {
  DiagnosticSink dup;
  auto s = read_text("a: 1\nb: 2\na: 3\n", dup);
  CHECK_FALSE(dup.has_errors());
  REQUIRE(dup.all().size() == 1);
  CHECK(dup.all()[0].code == "W1041");
  CHECK(dup.all()[0].span.begin == 10);  // the later key
  REQUIRE(s.documents.size() == 1);
  const Value& d = s.documents[0];
  REQUIRE(d.fields.size() == 2);
  CHECK(d.fields[0].first == "b");  // the kept entry sits where the later key is
  CHECK(d.fields[1].first == "a");
  CHECK(d.fields[1].second.integer == 3);
}

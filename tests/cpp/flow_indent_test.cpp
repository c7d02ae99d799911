// Flow content less indented than YAML allows (compiler/yaml/flow_indent.h).
#include <doctest/doctest.h>

#include <memory>

#include "yaml/flow_indent.h"
#include "yaml/yaml_reader.h"

using namespace flowc;

TEST_CASE("continuation lines of a flow construct are indented past its opener, nothing else") {
  std::string yaml = "a:\n  args: [\"\n    x &&\n  y\n  \"]\n  b: |\n    [\"\n  c: 1\n";
  auto r = yaml::relax_flow_indentation(yaml);
  CHECK(r.text == "a:\n  args: [\"\n         x &&\n         y\n         \"]\n  b: |\n    [\"\n  c: 1\n");
  REQUIRE(r.inserted.size() == 3);
  // Offsets map back: the 'x' and the closing quote are where the file has them.
  CHECK(r.original(static_cast<uint32_t>(r.text.find('x'))) == yaml.find('x'));
  CHECK(r.original(static_cast<uint32_t>(r.text.rfind('c'))) == yaml.rfind('c'));
  CHECK(r.original(r.inserted[0].at + 1) == r.inserted[0].at);  // inside a run: where it was inserted
}

TEST_CASE("a quote inside a plain scalar or a comment opens nothing") {
  auto r = yaml::relax_flow_indentation("a: it's\nb: x # don't\nc: [1]\n");
  CHECK(r.inserted.empty());
}

TEST_CASE("the reader reads such a file as PyYAML does, with spans into the file") {
  std::string yaml = "args: [\"\n  one\n  two\n\"]  # end\nnext: 1\n";
  SourceFile file("t.yaml", yaml);
  DiagnosticSink sink;
  sink.set_file(&file);
  auto s = yaml::read(file, sink);
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(s.documents.size() == 1);
  const Value* args = s.documents[0].get("args");
  REQUIRE(args);
  REQUIRE(args->items.size() == 1);
  CHECK(args->items[0].text == " one two ");
  CHECK(s.documents[0].get("next")->span.begin == yaml.find("1\n", yaml.find("next")));
  REQUIRE(s.comments.size() == 1);
  CHECK(s.comments[0].offset == yaml.find('#'));
}

TEST_CASE("offsets map back through many runs (binary search), and the copy is bounded") {
  std::string yaml = "a: [\n";
  for (int i = 0; i < 1000; ++i) yaml += "x,\n";
  yaml += "]\n";
  auto r = yaml::relax_flow_indentation(yaml);
  REQUIRE(r.inserted.size() == 1001);
  // The k-th 'x' of the copy maps to the k-th 'x' of the file.
  size_t in_file = 0, in_copy = 0;
  for (int k = 0; k < 1000; ++k) {
    in_file = yaml.find('x', in_file + 1);
    in_copy = r.text.find('x', in_copy + 1);
    REQUIRE(r.original(static_cast<uint32_t>(in_copy)) == in_file);
  }
  // An opener far to the right with many lines under it: no copy at all.
  std::string wide = "a: " + std::string(100000, ' ') + "[\n";
  for (int i = 0; i < 1000; ++i) wide += "x,\n";
  wide += "]\n";
  CHECK(yaml::relax_flow_indentation(wide).inserted.empty());
}

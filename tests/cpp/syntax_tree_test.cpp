// named_child() (cursor-cached, linear in order) must agree with tree-sitter's
// ts_node_named_child() on every node, in any access order.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "parse/syntax_tree.h"

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool same(TSNode a, TSNode b) { return ts_node_eq(a, b) || (ts_node_is_null(a) && ts_node_is_null(b)); }

void check_all(const flowc::SyntaxTree& tree) {
  std::vector<TSNode> todo{tree.root()};
  size_t checked = 0;
  while (!todo.empty()) {
    TSNode n = todo.back();
    todo.pop_back();
    uint32_t count = flowc::named_count(n);
    for (uint32_t i = 0; i < count; ++i) {  // in order, interleaved with other parents
      TSNode c = flowc::named_child(n, i);
      REQUIRE(same(c, ts_node_named_child(n, i)));
      if (flowc::named_count(c) > 0) CHECK(same(flowc::named_child(c, 0), ts_node_named_child(c, 0)));
      todo.push_back(c);
      ++checked;
    }
    for (uint32_t i = count; i-- > 0;)  // backwards
      REQUIRE(same(flowc::named_child(n, i), ts_node_named_child(n, i)));
    CHECK(ts_node_is_null(flowc::named_child(n, count)));
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("named_child agrees with ts_node_named_child on every node") {
  std::vector<std::filesystem::path> files;
  for (auto dir : {"examples", "tests/cases"})
    for (auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(FLOWC_SOURCE_DIR) / dir))
      if (e.path().extension() == ".py") files.push_back(e.path());
  REQUIRE(!files.empty());
  for (auto& p : files) {
    CAPTURE(p.string());
    if (std::filesystem::file_size(p) == 0) continue;  // an empty module (a package's __init__.py) has no node
    flowc::SourceFile file(p.string(), read(p));
    flowc::SyntaxTree tree(file);
    check_all(tree);
  }
}

TEST_CASE("named_child agrees on long, nested lists (the cursor-cached path)") {
  std::string src;
  for (int i = 0; i < 300; ++i) src += "X" + std::to_string(i) + " = 1  # c\n";
  src += "Y = [";
  for (int i = 0; i < 100; ++i) {
    src += "[";
    for (int j = 0; j < 40; ++j) src += "{'k': (1, 2, 3, 4)}, # x\n";
    src += "], ";
  }
  src += "]\n";
  for (int i = 0; i < 100; ++i) src += "class C" + std::to_string(i) + ":\n" + std::string("    a = 1\n") + "    b = [1] * 40\n";
  flowc::SourceFile file("<big>", src);
  flowc::SyntaxTree tree(file);
  check_all(tree);
}

TEST_CASE("named_child survives a tree being freed and another parsed at the same address") {
  for (int round = 0; round < 20; ++round) {
    std::string src;
    for (int i = 0; i < 40 + round; ++i) src += round % 2 ? "a = [1, 2, 3]\n" : "x = (1,)\n";
    flowc::SourceFile file("<t>", src);
    flowc::SyntaxTree tree(file);
    TSNode root = tree.root();
    for (uint32_t i = 0; i < flowc::named_count(root); ++i)
      CHECK(same(flowc::named_child(root, i), ts_node_named_child(root, i)));
  }
}

TEST_CASE("the parse time bound grows with the size") {
  CHECK(flowc::parse_time_bound_micros(0) == flowc::kParseBaseMicros);
  CHECK(flowc::parse_time_bound_micros(2'400'000) == flowc::kParseBaseMicros + 12'000'000);
}

TEST_CASE("a broken file whose error recovery is quadratic stops at the bound (E0040)") {
  // A `+` chain with a stray f"{ and many lines after it: 11 s unbounded.
  std::string src = "X = ";
  for (int i = 0; i < 16000; ++i) src += (i ? " + a" : "a") + std::to_string(i);
  src += " + f\"{\n";
  for (int i = 0; i < 16000; ++i) src += "Y = 1\n";
  flowc::SourceFile file("h.py", src);
  flowc::SyntaxTree tree(file);
  flowc::DiagnosticSink sink;
  if (tree.timed_out()) {
    CHECK(flowc::report_syntax_errors(tree, sink) == 1);
    CHECK(sink.all()[0].code == "E0040");
  } else {
    // A machine fast enough to finish within the bound: still syntax errors.
    CHECK(flowc::report_syntax_errors(tree, sink) > 0);
  }
}

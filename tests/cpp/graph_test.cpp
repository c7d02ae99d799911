#include <doctest/doctest.h>

#include "driver/graph.h"
#include "graph/graph.h"

using flowc::graph::depends_names;

TEST_CASE("depends expressions name their tasks and results") {
  auto names = depends_names("A.Succeeded && (B || C.Failed)");
  REQUIRE(names.size() == 3);
  CHECK(names[0] == std::pair<std::string, std::string>{"A", "Succeeded"});
  CHECK(names[1] == std::pair<std::string, std::string>{"B", ""});
  CHECK(names[2] == std::pair<std::string, std::string>{"C", "Failed"});
}

TEST_CASE("a diamond DAG is laid out in three layers, edges pointing down") {
  auto doc = nlohmann::ordered_json::parse(R"({"metadata":{"name":"d"},"spec":{"entrypoint":"main","templates":[
    {"name":"main","dag":{"tasks":[{"name":"A","template":"t"},{"name":"B","template":"t","dependencies":["A"]},
     {"name":"C","template":"t","depends":"A","when":"x == 1"},{"name":"D","template":"t","dependencies":["B","C"],
     "withItems":[1,2]}]}},{"name":"t","container":{"image":"x"}}]}})");
  auto g = flowc::graph::from_document(doc);
  REQUIRE(g.clusters.size() == 1);
  auto& c = g.clusters[0];
  CHECK(c.nodes.size() == 4);
  CHECK(c.edges.size() == 4);
  CHECK(c.nodes[2].condition == "x == 1");
  CHECK(c.nodes[3].loop == "withItems: 2 items");
  flowc::graph::layout(g);
  CHECK(c.nodes[0].layer == 0);
  CHECK(c.nodes[1].layer == 1);
  CHECK(c.nodes[2].layer == 1);
  CHECK(c.nodes[3].layer == 2);
  for (auto& e : c.edges) CHECK(c.nodes[e.from].y + c.nodes[e.from].height < c.nodes[e.to].y);
  // B and C share a layer, side by side, inside the cluster's box
  CHECK(c.nodes[1].x + c.nodes[1].width < c.nodes[2].x);
  for (auto& n : c.nodes) CHECK((n.x >= 0 && n.x + n.width <= c.width && n.y + n.height <= c.height));
}

TEST_CASE("a cycle does not hang the layout") {
  auto doc = nlohmann::ordered_json::parse(R"({"spec":{"templates":[{"name":"m","dag":{"tasks":[
    {"name":"A","dependencies":["B"]},{"name":"B","dependencies":["A"]}]}}]}})");
  auto g = flowc::graph::from_document(doc);
  flowc::graph::layout(g);
  CHECK(g.clusters[0].nodes.size() == 2);
}

TEST_CASE("steps: each group after the one before") {
  auto doc = nlohmann::ordered_json::parse(R"({"spec":{"templates":[{"name":"s","steps":[
    [{"name":"a"}],[{"name":"b"},{"name":"c"}],[{"name":"d"}]]}]}})");
  auto g = flowc::graph::from_document(doc);
  CHECK(g.clusters[0].kind == "steps");
  CHECK(g.clusters[0].edges.size() == 4);
}

TEST_CASE("compile_graph: diagnostics of a failed compile, no picture") {
  flowc::CompileOptions o;
  auto r = flowc::compile_graph("from flowc.dsl import *\nclass W(Workflow):\n    @task\n    def a(self):\n        return self.b()\n", o, "dot");
  CHECK_FALSE(r.ok);
  CHECK(r.output.empty());
}

TEST_CASE("writers escape what their syntax reads") {
  auto doc = nlohmann::ordered_json::parse(R"({"metadata":{"name":"q\"<&"},"spec":{"templates":[{"name":"m","dag":{"tasks":[
    {"name":"a","when":"\"x\" < 2 && y"}]}}]}})");
  std::vector<flowc::graph::Graph> gs{flowc::graph::from_document(doc)};
  CHECK(flowc::graph::to_dot(gs).find("digraph \"q\\\"<&\"") != std::string::npos);
  CHECK(flowc::graph::to_svg(gs).find("&quot;x&quot; &lt; 2 &amp;&amp; y") != std::string::npos);
  CHECK(flowc::graph::to_mermaid(gs).find("#quot;x#quot; #lt; 2") != std::string::npos);
}

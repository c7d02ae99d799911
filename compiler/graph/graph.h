// The graph stage: an Argo document -> a picture model of its DAG and steps
// templates (one cluster per template), laid out in layers, and written as
// DOT, Mermaid or SVG. Reads only the document tree; never the source.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::graph {

struct Node {
  std::string name;      // the task or step name, as in the document
  std::string template_name;
  // A templateRef's resource (issue 23): "WorkflowTemplate shared",
  // "ClusterWorkflowTemplate cluster-tools"; empty for a template of the
  // document itself. Drawn as a box of its own shape, naming it.
  std::string reference;
  std::string condition; // `when`, if any
  std::string loop;      // "withItems: 3 items", "withParam: ...", "withSequence: ..."
  // Layout (filled by layout()): layer (0 = top), order within its layer,
  // and the box in SVG units.
  int layer = 0;
  int order = 0;
  double x = 0, y = 0, width = 0, height = 0;
};

struct Edge {
  size_t from = 0, to = 0;  // indices into Cluster::nodes
  std::string label;        // a `depends` condition on the source ("Failed"), else empty
};

// One DAG or steps template.
struct Cluster {
  std::string template_name;
  std::string kind;  // "dag" | "steps"
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  double x = 0, y = 0, width = 0, height = 0;  // layout
};

struct Graph {
  std::string name;        // the workflow's metadata.name (or generateName)
  std::string entrypoint;
  std::vector<Cluster> clusters;
  double width = 0, height = 0;  // layout
};

// The graph of one Argo document (Workflow, WorkflowTemplate, ...). A
// document with no DAG or steps template gives a graph with no cluster.
Graph from_document(const nlohmann::ordered_json& doc);

// The task names a `depends` expression mentions, each with the result it
// tests ("A.Succeeded && (B || C.Failed)" -> {A, Succeeded}, {B, ""}, {C, Failed}).
std::vector<std::pair<std::string, std::string>> depends_names(const std::string& expr);

// Layered layout (longest path from the sources, then one barycenter sweep
// to order each layer); deterministic, no external tool.
void layout(Graph& g);

std::string to_dot(const std::vector<Graph>& graphs);
std::string to_mermaid(const std::vector<Graph>& graphs);
std::string to_svg(const std::vector<Graph>& graphs);  // lays out a copy

// "dot" | "mermaid" | "svg" -> text; empty for an unknown format.
std::string write(const std::vector<Graph>& graphs, const std::string& format);

}  // namespace flowc::graph

namespace flowc::graph {
// The text lines a node's box shows: name, (template), when: ..., loop.
std::vector<std::string> node_lines(const Node& n);
}  // namespace flowc::graph

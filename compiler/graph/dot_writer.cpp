// Graph -> Graphviz DOT text: one digraph per document, one cluster per
// template; conditions and loops as label lines, a dashed box for a
// conditional node, a double box for a loop. Render with `dot -Tsvg`.
#include "graph/graph.h"

namespace flowc::graph {

namespace {

std::string dot_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string label_of(const Node& n) {
  std::string out;
  for (auto& line : node_lines(n)) out += (out.empty() ? "" : "\n") + line;
  return out;
}

}  // namespace

std::string to_dot(const std::vector<Graph>& graphs) {
  std::string out;
  for (auto& g : graphs) {
    out += "digraph " + dot_string(g.name) + " {\n";
    out += "  node [shape=box, fontname=\"monospace\", fontsize=12];\n";
    for (auto& c : g.clusters) {
      std::string prefix = c.template_name + "/";
      std::string title = c.template_name + " (" + c.kind + (c.template_name == g.entrypoint ? ", entrypoint" : "") + ")";
      out += "  subgraph " + dot_string("cluster_" + c.template_name) + " {\n";
      out += "    label=" + dot_string(title) + ";\n";
      for (auto& n : c.nodes) {
        std::string attrs = "label=" + dot_string(label_of(n));
        if (!n.condition.empty()) attrs += ", style=dashed";
        if (!n.loop.empty()) attrs += ", peripheries=2";
        if (!n.reference.empty()) attrs += ", shape=component";  // another resource's template (templateRef)
        out += "    " + dot_string(prefix + n.name) + " [" + attrs + "];\n";
      }
      for (auto& e : c.edges) {
        out += "    " + dot_string(prefix + c.nodes[e.from].name) + " -> " + dot_string(prefix + c.nodes[e.to].name);
        if (!e.label.empty()) out += " [label=" + dot_string(e.label) + "]";
        out += ";\n";
      }
      out += "  }\n";
    }
    out += "}\n";
  }
  return out;
}

}  // namespace flowc::graph

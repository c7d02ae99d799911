// Graph -> Mermaid flowchart text (GitHub and many notebooks render it):
// one subgraph per template (prefixed with the workflow's name when there
// are several documents). Node ids are generated (g0_t1_n2): task names may
// hold characters Mermaid reads as syntax. Conditional nodes are drawn as
// hexagons ({{ }}), loops as subroutine boxes ([[ ]]).
#include "graph/graph.h"

namespace flowc::graph {

namespace {

// A Mermaid quoted label: `"` and `#` are entity-coded, lines joined by <br/>.
std::string label(const std::vector<std::string>& lines) {
  std::string out = "\"";
  bool first = true;
  for (auto& line : lines) {
    if (!first) out += "<br/>";
    first = false;
    for (char c : line) {
      if (c == '"') out += "#quot;";
      else if (c == '#') out += "#35;";
      else if (c == '<') out += "#lt;";
      else if (c == '>') out += "#gt;";
      else if (c == '\n') out += ' ';
      else out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string to_mermaid(const std::vector<Graph>& graphs) {
  std::string out = "flowchart TD\n";
  for (size_t gi = 0; gi < graphs.size(); ++gi) {
    auto& g = graphs[gi];
    for (size_t ci = 0; ci < g.clusters.size(); ++ci) {
      auto& c = g.clusters[ci];
      std::string id = "g" + std::to_string(gi) + "_t" + std::to_string(ci);
      std::string title = (graphs.size() > 1 ? g.name + ": " : "") + c.template_name + " (" + c.kind +
                          (c.template_name == g.entrypoint ? ", entrypoint" : "") + ")";
      out += "  subgraph " + id + "[" + label({title}) + "]\n";
      for (size_t ni = 0; ni < c.nodes.size(); ++ni) {
        auto& n = c.nodes[ni];
        std::string text = label(node_lines(n));
        std::string node_id = id + "_n" + std::to_string(ni);
        if (!n.loop.empty()) out += "    " + node_id + "[[" + text + "]]\n";
        else if (!n.condition.empty()) out += "    " + node_id + "{{" + text + "}}\n";
        else if (!n.reference.empty()) out += "    " + node_id + "[/" + text + "/]\n";  // a templateRef
        else out += "    " + node_id + "[" + text + "]\n";
      }
      for (auto& e : c.edges) {
        out += "    " + id + "_n" + std::to_string(e.from) + " -->";
        if (!e.label.empty()) out += "|" + label({e.label}) + "|";
        out += " " + id + "_n" + std::to_string(e.to) + "\n";
      }
      out += "  end\n";
    }
  }
  return out;
}

}  // namespace flowc::graph

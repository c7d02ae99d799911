// Graph -> standalone SVG (no script, no external font or link: it renders
// offline, in a notebook or a browser). Laid out by layout.cpp. Each node is
// <g class="node" data-name=...>, each edge <g class="edge" data-from=...
// data-to=...>, each template <g class="cluster">: tests and tools can read
// the picture back with an XML parser.
#include <algorithm>
#include <cstdio>

#include "graph/graph.h"

namespace flowc::graph {

namespace {

constexpr double kMargin = 12, kTitle = 24, kGraphGap = 32;

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void write_node(std::string& out, const Node& n, double ox, double oy) {
  double x = ox + n.x, y = oy + n.y;
  out += "<g class=\"node\" data-name=\"" + esc(n.name) + "\">";
  out += "<title>" + esc(n.name) + "</title>";
  if (!n.loop.empty())  // a loop: a second box behind, as a stack of runs
    out += "<rect x=\"" + num(x + 4) + "\" y=\"" + num(y + 4) + "\" width=\"" + num(n.width) + "\" height=\"" +
           num(n.height) + "\" rx=\"4\" fill=\"#e8eef7\" stroke=\"#4a6fa5\"/>";
  out += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(n.width) + "\" height=\"" + num(n.height) +
         "\" rx=\"4\" fill=\"" + (n.reference.empty() ? "#ffffff" : "#fff8e6") + "\" stroke=\"#4a6fa5\"" +
         (n.condition.empty() ? "" : " stroke-dasharray=\"5,3\"") + "/>";
  auto lines = node_lines(n);
  double ty = y + 8 + 12;
  for (size_t i = 0; i < lines.size(); ++i) {
    out += "<text x=\"" + num(x + n.width / 2) + "\" y=\"" + num(ty) + "\" text-anchor=\"middle\"" +
           (i == 0 ? " font-weight=\"bold\"" : " fill=\"#555555\"") + ">" + esc(lines[i]) + "</text>";
    ty += 16;
  }
  out += "</g>\n";
}

void write_edge(std::string& out, const Cluster& c, const Edge& e, double ox, double oy) {
  auto& a = c.nodes[e.from];
  auto& b = c.nodes[e.to];
  double x1 = ox + a.x + a.width / 2, y1 = oy + a.y + a.height;
  double x2 = ox + b.x + b.width / 2, y2 = oy + b.y;
  if (b.layer <= a.layer) {  // a cycle's back edge: from the side, upwards
    x1 = ox + a.x + a.width;
    y1 = oy + a.y + a.height / 2;
    x2 = ox + b.x + b.width;
    y2 = oy + b.y + b.height / 2;
  }
  double mid = (y1 + y2) / 2;
  out += "<g class=\"edge\" data-from=\"" + esc(a.name) + "\" data-to=\"" + esc(b.name) + "\">";
  out += "<title>" + esc(a.name) + " -&gt; " + esc(b.name) + "</title>";
  out += "<path d=\"M" + num(x1) + "," + num(y1) + " C" + num(x1) + "," + num(mid) + " " + num(x2) + "," + num(mid) +
         " " + num(x2) + "," + num(y2) + "\" fill=\"none\" stroke=\"#333333\" marker-end=\"url(#flowc-arrow)\"/>";
  if (!e.label.empty())
    out += "<text x=\"" + num((x1 + x2) / 2 + 4) + "\" y=\"" + num(mid) + "\" font-size=\"10\" fill=\"#a33\">" +
           esc(e.label) + "</text>";
  out += "</g>\n";
}

}  // namespace

std::string to_svg(const std::vector<Graph>& input) {
  std::vector<Graph> graphs = input;
  double width = 0, height = kMargin;
  for (auto& g : graphs) {
    layout(g);
    width = std::max(width, g.width);
  }
  std::string body;
  for (auto& g : graphs) {
    body += "<g class=\"workflow\" data-name=\"" + esc(g.name) + "\">\n";
    body += "<text x=\"" + num(kMargin) + "\" y=\"" + num(height + 16) + "\" font-weight=\"bold\" font-size=\"14\">" +
            esc(g.name) + "</text>\n";
    double top = height + kTitle;
    for (auto& c : g.clusters) {
      double ox = kMargin + c.x, oy = top + c.y;
      body += "<g class=\"cluster\" data-template=\"" + esc(c.template_name) + "\" data-kind=\"" + c.kind + "\">\n";
      body += "<rect x=\"" + num(ox) + "\" y=\"" + num(oy) + "\" width=\"" + num(c.width) + "\" height=\"" +
              num(c.height) + "\" rx=\"6\" fill=\"#f7f7f7\" stroke=\"#bbbbbb\"/>\n";
      body += "<text x=\"" + num(ox + 8) + "\" y=\"" + num(oy + 16) + "\" fill=\"#333333\">" + esc(c.template_name) +
              " (" + c.kind + (c.template_name == g.entrypoint ? ", entrypoint" : "") + ")</text>\n";
      for (auto& e : c.edges) write_edge(body, c, e, ox, oy);
      for (auto& n : c.nodes) write_node(body, n, ox, oy);
      body += "</g>\n";
    }
    if (g.clusters.empty())
      body += "<text x=\"" + num(kMargin) + "\" y=\"" + num(top + 14) + "\" fill=\"#555555\">(no DAG or steps template)</text>\n";
    body += "</g>\n";
    height = top + std::max(g.height, 20.0) + kGraphGap;
  }
  double w = width + 2 * kMargin + 8, h = height - kGraphGap + kMargin + 8;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(w) + "\" height=\"" + num(h) +
                    "\" viewBox=\"0 0 " + num(w) + " " + num(h) +
                    "\" font-family=\"monospace\" font-size=\"12\">\n"
                    "<defs><marker id=\"flowc-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                    "markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker></defs>\n";
  return out + body + "</svg>\n";
}

}  // namespace flowc::graph

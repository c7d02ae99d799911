// Layered layout of each cluster, Sugiyama style but small: a DAG of tasks
// needs no crossing minimisation beyond one barycenter sweep to read well.
// Layer = longest path from a source (every edge points down); a cycle (the
// DAG pass reports those; the picture must not hang) is cut by placing its
// remaining nodes one layer below the rest. Sizes are in SVG units for a
// 12px monospace font.
#include <algorithm>
#include <numeric>

#include "graph/graph.h"

namespace flowc::graph {

namespace {

constexpr double kCharWidth = 7.2, kLineHeight = 16, kPadX = 12, kPadY = 8;
constexpr double kGapX = 24, kGapY = 40, kClusterPad = 16, kClusterTitle = 22, kClusterGap = 24;

std::vector<std::string> lines_of(const Node& n) {
  std::vector<std::string> lines{n.name};
  if (!n.template_name.empty() && (n.template_name != n.name || !n.reference.empty()))
    lines.push_back("(" + n.template_name + ")");
  if (!n.reference.empty()) lines.push_back("in " + n.reference);  // a templateRef: whose template it is
  if (!n.condition.empty()) lines.push_back("when: " + n.condition);
  if (!n.loop.empty()) lines.push_back(n.loop);
  return lines;
}

void assign_layers(Cluster& c) {
  size_t n = c.nodes.size();
  std::vector<int> indegree(n, 0);
  std::vector<std::vector<size_t>> next(n);
  for (auto& e : c.edges) {
    next[e.from].push_back(e.to);
    ++indegree[e.to];
  }
  std::vector<size_t> ready;
  for (size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) ready.push_back(i);
  std::vector<bool> placed(n, false);
  int deepest = 0;
  while (!ready.empty()) {  // Kahn's order: a node is placed after all its predecessors
    size_t i = ready.back();
    ready.pop_back();
    placed[i] = true;
    deepest = std::max(deepest, c.nodes[i].layer);
    for (size_t j : next[i]) {
      c.nodes[j].layer = std::max(c.nodes[j].layer, c.nodes[i].layer + 1);
      if (--indegree[j] == 0) ready.push_back(j);
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (!placed[i]) c.nodes[i].layer = deepest + 1;
}

// Orders each layer by the mean order of its predecessors (ties: document order).
std::vector<std::vector<size_t>> order_layers(Cluster& c) {
  int layers = 0;
  for (auto& node : c.nodes) layers = std::max(layers, node.layer + 1);
  std::vector<std::vector<size_t>> by_layer(static_cast<size_t>(layers));
  for (size_t i = 0; i < c.nodes.size(); ++i) by_layer[static_cast<size_t>(c.nodes[i].layer)].push_back(i);
  std::vector<std::vector<size_t>> before(c.nodes.size());  // predecessors: O(V + E) in all
  for (auto& e : c.edges) before[e.to].push_back(e.from);
  for (auto& layer : by_layer) {
    std::vector<double> key(layer.size());
    for (size_t k = 0; k < layer.size(); ++k) {
      double sum = 0;
      int count = 0;
      for (size_t from : before[layer[k]])
        if (c.nodes[from].layer < c.nodes[layer[k]].layer) {
          sum += c.nodes[from].order;
          ++count;
        }
      key[k] = count ? sum / count : static_cast<double>(k);
    }
    std::vector<size_t> idx(layer.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return key[a] < key[b]; });
    std::vector<size_t> sorted;
    for (size_t k : idx) sorted.push_back(layer[k]);
    layer = sorted;
    for (size_t k = 0; k < layer.size(); ++k) c.nodes[layer[k]].order = static_cast<int>(k);
  }
  return by_layer;
}

void place(Cluster& c, const std::vector<std::vector<size_t>>& by_layer) {
  for (auto& node : c.nodes) {
    size_t widest = 0;
    auto lines = lines_of(node);
    for (auto& l : lines) widest = std::max(widest, l.size());
    node.width = static_cast<double>(widest) * kCharWidth + 2 * kPadX;
    node.height = static_cast<double>(lines.size()) * kLineHeight + 2 * kPadY;
  }
  std::vector<double> row_width(by_layer.size(), 0), row_height(by_layer.size(), 0);
  for (size_t l = 0; l < by_layer.size(); ++l)
    for (size_t i : by_layer[l]) {
      row_width[l] += c.nodes[i].width + (row_width[l] > 0 ? kGapX : 0);
      row_height[l] = std::max(row_height[l], c.nodes[i].height);
    }
  double widest_row = 0;
  for (double w : row_width) widest_row = std::max(widest_row, w);
  double title = (c.template_name.size() + c.kind.size() + 3) * kCharWidth;
  c.width = std::max(widest_row, title) + 2 * kClusterPad;
  double y = kClusterTitle + kClusterPad;
  for (size_t l = 0; l < by_layer.size(); ++l) {
    double x = (c.width - row_width[l]) / 2;  // each row centred
    for (size_t i : by_layer[l]) {
      c.nodes[i].x = x;
      c.nodes[i].y = y + (row_height[l] - c.nodes[i].height) / 2;
      x += c.nodes[i].width + kGapX;
    }
    y += row_height[l] + kGapY;
  }
  c.height = y - kGapY + kClusterPad;
}

}  // namespace

std::vector<std::string> node_lines(const Node& n) { return lines_of(n); }

void layout(Graph& g) {
  double y = 0, width = 0;
  for (auto& c : g.clusters) {
    for (auto& node : c.nodes) node.layer = 0;
    assign_layers(c);
    place(c, order_layers(c));
    c.x = 0;
    c.y = y;
    y += c.height + kClusterGap;
    width = std::max(width, c.width);
  }
  g.width = width;
  g.height = g.clusters.empty() ? 0 : y - kClusterGap;
}

}  // namespace flowc::graph

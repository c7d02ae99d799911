#include "driver/graph.h"

#include "graph/graph.h"

namespace flowc {

CompileResult compile_graph(std::string source, CompileOptions options, const std::string& format) {
  options.target = "argo";
  options.format = "yaml";
  CompileResult result = compile(std::move(source), options);
  result.document_texts.clear();
  result.output.clear();
  if (!result.ok) return result;
  std::vector<graph::Graph> graphs;
  for (auto& doc : result.documents) {
    graphs.push_back(graph::from_document(doc));
    result.document_texts.push_back(graph::write({graphs.back()}, format));
  }
  result.output = graph::write(graphs, format);
  return result;
}

}  // namespace flowc

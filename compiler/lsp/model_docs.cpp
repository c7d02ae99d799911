#include "lsp/model_docs.h"

#include <algorithm>

namespace flowc::lsp {

std::string_view model_doc(std::string_view model, std::string_view json_field) {
  auto key = [](const ModelDoc& d) { return std::pair<std::string_view, std::string_view>(d.model, d.field); };
  const ModelDoc* end = kModelDocs + kModelDocCount;
  const ModelDoc* it = std::lower_bound(kModelDocs, end, std::pair(model, json_field),
                                        [&](const ModelDoc& d, const auto& want) { return key(d) < want; });
  return it != end && key(*it) == std::pair(model, json_field) ? std::string_view(it->text) : std::string_view();
}

}  // namespace flowc::lsp

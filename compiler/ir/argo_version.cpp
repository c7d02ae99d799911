#include "ir/argo_version.h"

namespace flowc {

std::optional<ArgoVersion> parse_argo_version(std::string_view text) {
  // "v3.5" and "3.5.2" name the same minor version as "3.5".
  if (text.starts_with("v")) text.remove_prefix(1);
  if (size_t dot = text.find('.'); dot != std::string_view::npos) {
    size_t second = text.find('.', dot + 1);
    if (second != std::string_view::npos) {
      std::string_view patch = text.substr(second + 1);
      if (patch.empty() || patch.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
      text = text.substr(0, second);
    }
  }
  for (uint8_t i = 0; i < kArgoVersionCount; ++i)
    if (kArgoVersions[i] == text) return ArgoVersion{i};
  return std::nullopt;
}

std::string argo_version_list() {
  std::string out;
  for (auto v : kArgoVersions) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

}  // namespace flowc

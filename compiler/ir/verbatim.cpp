#include "ir/verbatim.h"

namespace flowc {

namespace {
constexpr std::uint64_t kVerbatimSubtype = 0x76;  // 'v'
}

nlohmann::ordered_json verbatim(std::string_view text) {
  return nlohmann::ordered_json::binary(std::vector<std::uint8_t>(text.begin(), text.end()), kVerbatimSubtype);
}

std::optional<std::string> verbatim_text(const nlohmann::ordered_json& v) {
  if (!v.is_binary()) return std::nullopt;
  const auto& b = v.get_binary();
  if (!b.has_subtype() || b.subtype() != kVerbatimSubtype) return std::nullopt;
  return std::string(b.begin(), b.end());
}

}  // namespace flowc

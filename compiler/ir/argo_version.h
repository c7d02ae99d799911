// The Argo Workflows versions flowc writes for (--argo-version X.Y). Fields
// and models differ between them; the model tables (frontend/models.h) say
// which versions have what by these indices, and the frontend writes a
// setting in the chosen version's shape (frontend/version_rules.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowc {

// Oldest first: the indices are the `since`/`until` of the model tables
// (scripts/gen_models.py lists the same versions in the same order).
inline constexpr std::string_view kArgoVersions[] = {"3.4", "3.5", "3.6", "3.7", "4.0", "4.1"};
inline constexpr uint8_t kArgoVersionCount = 6;

struct ArgoVersion {
  uint8_t index = kArgoVersionCount - 1;  // the newest (4.1) unless chosen
  std::string_view name() const { return kArgoVersions[index]; }
  auto operator<=>(const ArgoVersion&) const = default;
};

// "3.5" -> its version; nullopt for a version flowc does not know.
std::optional<ArgoVersion> parse_argo_version(std::string_view text);
// "3.4, 3.5, 3.6, 3.7, 4.0, 4.1": for the message naming the choices.
std::string argo_version_list();

// The version from which both `schedules` and `mutexes`/`semaphores` exist.
inline constexpr ArgoVersion kArgoListsSince{2};  // 3.6

}  // namespace flowc

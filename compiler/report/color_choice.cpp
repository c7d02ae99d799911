#include "report/color_choice.h"

#include <unistd.h>

#include <cstdlib>

namespace flowc {

std::optional<ColorMode> parse_color_mode(std::string_view name) {
  if (name == "auto") return ColorMode::Auto;
  if (name == "always") return ColorMode::Always;
  if (name == "never") return ColorMode::Never;
  return std::nullopt;
}

bool use_color(ColorMode mode, bool is_terminal, const char* no_color) {
  switch (mode) {
    case ColorMode::Always: return true;
    case ColorMode::Never: return false;
    case ColorMode::Auto: return is_terminal && (no_color == nullptr || *no_color == '\0');
  }
  return false;
}

bool use_color_for(ColorMode mode, int fd) { return use_color(mode, isatty(fd) == 1, std::getenv("NO_COLOR")); }

}  // namespace flowc

// --color auto|always|never: whether text diagnostics carry ANSI colour.
// auto colours when the stream is a terminal, unless NO_COLOR is set to a
// non-empty value (no-color.org); always and never do as they say, whatever
// NO_COLOR holds (an explicit option wins over the environment).
#pragma once
#include <optional>
#include <string_view>

namespace flowc {

enum class ColorMode { Auto, Always, Never };

std::optional<ColorMode> parse_color_mode(std::string_view name);
// `no_color`: the value of NO_COLOR, null when unset.
bool use_color(ColorMode mode, bool is_terminal, const char* no_color);
// use_color for file descriptor `fd` (2: standard error) and this process's NO_COLOR.
bool use_color_for(ColorMode mode, int fd);

}  // namespace flowc

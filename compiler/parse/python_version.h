// The Python version a source file is read as (--python-version X.Y, the
// project's [tool.flowc] python-version or [project] requires-python; default
// the newest). CPython's grammar grows with each release: syntax newer than
// the version read is an error naming the version it needs (E0041), as
// compile() of that Python would refuse it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowc {

inline constexpr int kOldestPythonMinor = 9;   // 3.9
inline constexpr int kNewestPythonMinor = 14;  // 3.14

struct PythonVersion {
  int minor = kNewestPythonMinor;  // Python 3.<minor>
  bool at_least(int m) const { return minor >= m; }
  std::string name() const { return "3." + std::to_string(minor); }
  auto operator<=>(const PythonVersion&) const = default;
};

// "3.12" -> its version; nullopt for one flowc does not read (not 3.9..3.14).
std::optional<PythonVersion> parse_python_version(std::string_view text);
// "3.9, 3.10, 3.11, 3.12, 3.13, 3.14": for the message naming the choices.
std::string python_version_list();

}  // namespace flowc

#include "parse/python_version.h"

namespace flowc {

std::optional<PythonVersion> parse_python_version(std::string_view text) {
  if (!text.starts_with("3.")) return std::nullopt;
  std::string_view rest = text.substr(2);
  if (rest.empty() || rest.size() > 2 || (rest.size() == 2 && rest[0] == '0')) return std::nullopt;
  int minor = 0;
  for (char c : rest) {
    if (c < '0' || c > '9') return std::nullopt;
    minor = minor * 10 + (c - '0');
  }
  if (minor < kOldestPythonMinor || minor > kNewestPythonMinor) return std::nullopt;
  return PythonVersion{minor};
}

std::string python_version_list() {
  std::string out;
  for (int m = kOldestPythonMinor; m <= kNewestPythonMinor; ++m) out += (out.empty() ? "" : ", ") + PythonVersion{m}.name();
  return out;
}

}  // namespace flowc

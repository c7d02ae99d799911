#include "cli/requires_python.h"

#include <algorithm>
#include <string>

namespace flowc::cli {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "3.10.2" -> {3, 10}; a missing or wildcard minor -> -1.
bool major_minor(std::string_view v, int& major, int& minor) {
  major = minor = -1;
  size_t i = 0;
  auto number = [&](int& out) {
    size_t start = i;
    int value = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9' && i - start < 6) value = value * 10 + (v[i++] - '0');
    if (i == start) return false;
    out = value;
    return true;
  };
  if (!number(major)) return false;
  if (i < v.size() && v[i] == '.') {
    ++i;
    number(minor);
  }
  return true;
}

}  // namespace

PythonVersion lowest_required_python(std::string_view specifiers) {
  int lowest = kOldestPythonMinor;
  size_t start = 0;
  while (start <= specifiers.size()) {
    size_t comma = specifiers.find(',', start);
    std::string_view spec = trim(specifiers.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    start = comma == std::string_view::npos ? specifiers.size() + 1 : comma + 1;
    // Only lower bounds count: >=, >, ==, ===, ~= (not <, <=, !=).
    size_t op = spec.find_first_not_of("<>=!~");
    if (op == std::string_view::npos) continue;
    std::string_view oper = spec.substr(0, op);
    if (oper != ">=" && oper != ">" && oper != "==" && oper != "===" && oper != "~=") continue;
    int major = 0, minor = 0;
    if (!major_minor(trim(spec.substr(op)), major, minor) || minor < 0) continue;
    if (major < 3) continue;
    int m = major > 3 ? kNewestPythonMinor : minor;
    lowest = std::max(lowest, m);
  }
  return PythonVersion{std::clamp(lowest, kOldestPythonMinor, kNewestPythonMinor)};
}

}  // namespace flowc::cli

// The Python version a project's `requires-python` (PEP 440 specifiers, as in
// [project] of pyproject.toml) says its code must run on, as ruff derives its
// target-version: the lowest version the specifiers allow. ">=3.10,<4" ->
// 3.10; "~=3.11" -> 3.11; "==3.12.*" -> 3.12; no lower bound -> the oldest
// flowc reads (3.9). Versions outside 3.9..3.14 are clamped into it.
#pragma once
#include <string_view>

#include "parse/python_version.h"

namespace flowc::cli {

PythonVersion lowest_required_python(std::string_view specifiers);

}  // namespace flowc::cli

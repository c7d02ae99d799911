// Where a module imported by a file of the project is (issue 23): the one
// rule the compiler's loader (driver/compile.cpp) and the language server's
// cross-file features (lsp/workspace.h) share.
//
// `from .base import Base` is base.py beside the importing file (each more
// leading dot one folder up); `from pkg.base import Base` is pkg/base.py (or
// pkg/base/__init__.py) beside the importing file, or above it while the
// folders in between are packages (hold __init__.py), as Python finds it with
// the project's root on sys.path.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

namespace flowc {

// `dir`: the importing file's folder ("" for the current one). `exists` says
// whether a path is a file (the loader records each path it asks about).
// Returns the module's file, or "" if it is not a file of the project.
std::string find_module_file(const std::filesystem::path& dir, const std::string& module,
                             const std::function<bool(const std::filesystem::path&)>& exists);

}  // namespace flowc

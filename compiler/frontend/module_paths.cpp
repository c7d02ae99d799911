#include "frontend/module_paths.h"

#include <vector>

namespace flowc {

namespace {
constexpr size_t kMaxPackageDepth = 64;  // folders walked up looking for the package root
}

std::string find_module_file(const std::filesystem::path& dir, const std::string& module,
                             const std::function<bool(const std::filesystem::path&)>& exists) {
  namespace fs = std::filesystem;
  size_t level = 0;
  while (level < module.size() && module[level] == '.') ++level;
  fs::path base = dir;
  for (size_t i = 1; i < level; ++i) base /= "..";
  fs::path rel;
  std::string rest = module.substr(level);
  size_t start = 0;
  while (start < rest.size()) {
    size_t dot = rest.find('.', start);
    rel /= rest.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  std::vector<fs::path> roots{base};
  if (level == 0)  // absolute: also from each package root above
    for (fs::path d = base; roots.size() <= kMaxPackageDepth && exists(d / "__init__.py");) {
      d = d.empty() ? fs::path("..") : (d / "..").lexically_normal();
      roots.push_back(d);
    }
  for (const fs::path& root : roots) {
    fs::path path = (root / rel).lexically_normal();
    path += ".py";
    if (exists(path)) return path.string();
    path = (root / rel / "__init__.py").lexically_normal();
    if (!rest.empty() && exists(path)) return path.string();
  }
  return "";
}

}  // namespace flowc

#include "cli/output_guard.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <filesystem>

#include "cli/file_io.h"

namespace flowc::cli {

namespace {

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// Whether `file` (an existing regular file) lies below `folder` and its name
// matches one of `patterns`: a file the folder's walk would read.
bool read_by_walk(const std::string& file, const std::string& folder, const std::vector<std::string>& patterns) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path f = fs::weakly_canonical(file, ec), d = fs::weakly_canonical(folder, ec);
  if (ec) return false;
  auto rel = f.lexically_relative(d);
  if (rel.empty() || *rel.begin() == "..") return false;
  std::string name = f.filename().string();
  for (auto& p : patterns)
    if (::fnmatch(p.c_str(), name.c_str(), 0) == 0) return true;
  return false;
}

}  // namespace

std::string output_replacing_an_input(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs,
                                      const std::vector<std::string>& patterns) {
  for (const std::string& out : outputs) {
    struct stat os {};
    if (out.empty() || out == "-" || ::stat(out.c_str(), &os) != 0 || !S_ISREG(os.st_mode)) continue;
    for (const std::string& in : inputs) {
      struct stat is {};
      if (in.empty() || in == "-" || ::stat(in.c_str(), &is) != 0) continue;
      if (S_ISDIR(is.st_mode) ? read_by_walk(out, in, patterns) : same_file(os, is))
        return "the output " + shown(out) + " is " + (S_ISDIR(is.st_mode) ? "an input in " : "the input ") + shown(in);
    }
  }
  return "";
}

}  // namespace flowc::cli

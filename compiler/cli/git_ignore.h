// .gitignore, as git applies it, through libgit2 (Debian's libgit2-dev):
// every .gitignore on the way down, .git/info/exclude and core.excludesFile,
// with git's own pattern rules (negation, anchoring, `**`, folder-only
// patterns). libgit2 rather than running `git check-ignore`: no process per
// walk, no dependency on a git executable, and the same answer git gives. It
// is loaded (libgit2_loader.h) only when a walked folder is in a repository.
#pragma once
#include <memory>
#include <string>

struct git_repository;

namespace flowc::cli {

class GitIgnore {
 public:
  // The repository holding `folder` (searched upwards), or null when the
  // folder is in none: outside a repository no .gitignore applies (as git).
  // Null too when the folder is in a repository but libgit2 cannot be loaded
  // (a wheel installed where the system has no libgit2 of the built-against
  // soname): then `unavailable` gets the loader's reason, for a warning.
  static std::unique_ptr<GitIgnore> open(const std::string& folder, std::string* unavailable = nullptr);
  ~GitIgnore();
  GitIgnore(const GitIgnore&) = delete;
  GitIgnore& operator=(const GitIgnore&) = delete;

  // True if git ignores `path` (a file, or a folder if `folder`).
  bool ignored(const std::string& path, bool folder) const;

 private:
  GitIgnore(git_repository* repo, std::string workdir) : repo_(repo), workdir_(std::move(workdir)) {}
  git_repository* repo_;
  std::string workdir_;  // real path, ending in '/'
};

}  // namespace flowc::cli

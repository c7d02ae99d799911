#include "cli/git_ignore.h"

#include <climits>
#include <cstdlib>

#include <sys/stat.h>

#include "cli/libgit2_loader.h"

namespace flowc::cli {

namespace {

std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return "";
  return buf;
}

// A .git (folder, or file of a worktree) in `folder` or above: only then is
// libgit2 loaded at all.
bool in_repository(std::string folder) {
  while (true) {
    struct stat st {};
    if (::stat((folder + "/.git").c_str(), &st) == 0) return true;
    auto slash = folder.find_last_of('/');
    if (slash == std::string::npos || folder.size() <= 1) return false;
    folder = slash == 0 ? "/" : folder.substr(0, slash);
    if (folder == "/") return ::stat("/.git", &st) == 0;
  }
}

}  // namespace

std::unique_ptr<GitIgnore> GitIgnore::open(const std::string& folder, std::string* unavailable) {
  std::string real = real_path(folder);
  if (real.empty() || !in_repository(real)) return nullptr;
  const Libgit2* git = libgit2();
  if (!git) {
    if (unavailable) *unavailable = libgit2_error();
    return nullptr;
  }
  git_repository* repo = nullptr;
  if (git->repository_open_ext(&repo, real.c_str(), 0, nullptr) != 0) return nullptr;
  const char* workdir = git->repository_workdir(repo);
  if (workdir == nullptr) {  // a bare repository has no files to ignore
    git->repository_free(repo);
    return nullptr;
  }
  std::string w = real_path(workdir);
  if (w.empty()) w = workdir;
  if (w.back() != '/') w += '/';
  return std::unique_ptr<GitIgnore>(new GitIgnore(repo, std::move(w)));
}

GitIgnore::~GitIgnore() { libgit2()->repository_free(repo_); }

bool GitIgnore::ignored(const std::string& path, bool folder) const {
  std::string real = real_path(path);
  if (real.empty()) return false;
  if (folder) real += '/';
  if (real.compare(0, workdir_.size(), workdir_) != 0) return false;  // outside the work tree
  std::string relative = real.substr(workdir_.size());
  if (relative.empty()) return false;
  int ignored = 0;
  if (libgit2()->ignore_path_is_ignored(&ignored, repo_, relative.c_str()) != 0) return false;
  return ignored != 0;
}

}  // namespace flowc::cli

#include "cli/git_ignore.h"

#include <climits>
#include <cstdlib>

#include <git2.h>

namespace flowc::cli {

namespace {

std::string real_path(const std::string& path) {
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf) == nullptr) return "";
  return buf;
}

void init_libgit2() {
  static const bool done = [] {
    git_libgit2_init();  // once per process; libgit2 is shut down at exit by the OS
    return true;
  }();
  (void)done;
}

}  // namespace

std::unique_ptr<GitIgnore> GitIgnore::open(const std::string& folder) {
  init_libgit2();
  std::string real = real_path(folder);
  if (real.empty()) return nullptr;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, real.c_str(), 0, nullptr) != 0) return nullptr;
  const char* workdir = git_repository_workdir(repo);
  if (workdir == nullptr) {  // a bare repository has no files to ignore
    git_repository_free(repo);
    return nullptr;
  }
  std::string w = real_path(workdir);
  if (w.empty()) w = workdir;
  if (w.back() != '/') w += '/';
  return std::unique_ptr<GitIgnore>(new GitIgnore(repo, std::move(w)));
}

GitIgnore::~GitIgnore() { git_repository_free(repo_); }

bool GitIgnore::ignored(const std::string& path, bool folder) const {
  std::string real = real_path(path);
  if (real.empty()) return false;
  if (folder) real += '/';
  if (real.compare(0, workdir_.size(), workdir_) != 0) return false;  // outside the work tree
  std::string relative = real.substr(workdir_.size());
  if (relative.empty()) return false;
  int ignored = 0;
  if (git_ignore_path_is_ignored(&ignored, repo_, relative.c_str()) != 0) return false;
  return ignored != 0;
}

}  // namespace flowc::cli

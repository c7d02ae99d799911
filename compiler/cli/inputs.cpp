#include "cli/inputs.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "cli/file_io.h"
#include "cli/git_ignore.h"

namespace flowc::cli {

namespace {

std::string base_name(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.find_last_of('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool any_matches(const std::vector<std::string>& patterns, const std::string& relative) {
  for (auto& p : patterns)
    if (glob_matches(p, relative)) return true;
  return false;
}

bool is_default_excluded(const std::string& name) {
  auto& d = default_excludes();
  return std::find(d.begin(), d.end(), name) != d.end();
}

std::string join(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder == ".") return folder == "." ? "./" + name : name;
  return folder.back() == '/' ? folder + name : folder + "/" + name;
}

// "*.py" or "*.yaml, *.yml".
std::string patterns(const std::vector<std::string>& include) {
  std::string out;
  for (auto& p : include) out += (out.empty() ? "" : ", ") + p;
  return out;
}

struct Walker {
  const InputOptions& options;
  std::vector<Input>& out;
  std::string root;                    // the folder as given
  std::unique_ptr<GitIgnore> ignore;   // null: not in a repository (or --no-gitignore)
  std::string error;
  std::vector<std::string>* skipped = nullptr;  // null: not recorded

  // Records `path` as passed over for `reason` (a folder gets a trailing '/').
  void skip(const std::string& path, bool folder, const std::string& reason) {
    if (skipped) skipped->push_back(shown(path) + (folder ? "/" : "") + ": " + reason);
  }

  // The first pattern of `patterns` matching `relative`, or "".
  static std::string first_match(const std::vector<std::string>& patterns, const std::string& relative) {
    for (auto& p : patterns)
      if (glob_matches(p, relative)) return p;
    return "";
  }

  // `folder` is root/relative; `relative` is "" at the root.
  void walk(const std::string& folder, const std::string& relative) {
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) {
      if (error.empty()) error = "cannot read " + shown(folder) + ": " + std::strerror(errno);
      return;
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(dir)) {
      std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(std::move(n));
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (auto& n : names) visit(join(folder, n), relative.empty() ? n : relative + "/" + n, n);
  }

  void visit(const std::string& path, const std::string& relative, const std::string& name) {
    struct stat lst {}, st {};
    if (::lstat(path.c_str(), &lst) != 0) return;
    bool link = S_ISLNK(lst.st_mode);
    if (::stat(path.c_str(), &st) != 0) return skip(path, false, "a link to nothing");
    if (S_ISDIR(st.st_mode)) {
      // Linked folders are not followed: a link to a parent would loop.
      if (link) return skip(path, true, "a linked folder, not followed");
      if (is_default_excluded(name)) return skip(path, true, "excluded by default");
      if (std::string p = first_match(options.exclude, relative); !p.empty())
        return skip(path, true, "excluded by --exclude " + p);
      if (ignore && ignore->ignored(path, true)) return skip(path, true, "ignored by git");
      walk(path, relative);
      return;
    }
    if (!S_ISREG(st.st_mode)) return skip(path, false, "not a regular file");
    if (!any_matches(options.include, relative)) return skip(path, false, "not " + patterns(options.include));
    if (std::string p = first_match(options.exclude, relative); !p.empty())
      return skip(path, false, "excluded by --exclude " + p);
    if (ignore && ignore->ignored(path, false)) return skip(path, false, "ignored by git");
    Input in;
    in.path = path;
    in.name = path;
    in.relative = relative;
    in.from_folder = true;
    in.has_stat = true;
    in.st = st;
    out.push_back(std::move(in));
  }
};


}  // namespace

const std::vector<std::string>& default_excludes() {
  static const std::vector<std::string> names = {
      ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", ".eggs", "__pycache__", ".mypy_cache",
      ".pytest_cache", ".ruff_cache", ".flowc_cache", "node_modules", "site-packages", "__pypackages__", "_build",
      "buck-out"};
  return names;
}

bool glob_matches(const std::string& pattern, const std::string& relative) {
  std::string p = pattern;
  if (p.rfind("./", 0) == 0) p = p.substr(2);
  while (p.size() > 1 && p.back() == '/') p.pop_back();  // "build/" names a folder
  if (p.find('/') == std::string::npos) return ::fnmatch(p.c_str(), base_name(relative).c_str(), 0) == 0;
  return ::fnmatch(p.c_str(), relative.c_str(), 0) == 0;
}

InputList collect_inputs(const std::vector<std::string>& args, const InputOptions& options) {
  InputList list;
  for (auto& arg : args) {
    if (arg == "-") {
      Input in;
      in.path = "-";
      in.is_stdin = true;
      in.name = options.stdin_filename.empty() ? "<stdin>" : options.stdin_filename;
      in.relative = options.stdin_filename.empty() ? options.stdin_relative : base_name(options.stdin_filename);
      list.inputs.push_back(std::move(in));
      continue;
    }
    struct stat st {};
    bool has_stat = ::stat(arg.c_str(), &st) == 0;
    if (!has_stat || !S_ISDIR(st.st_mode)) {
      Input in;
      in.path = arg;
      in.name = arg;
      in.relative = base_name(arg);
      in.has_stat = has_stat;
      in.st = st;
      list.inputs.push_back(std::move(in));
      continue;
    }
    Walker w{options, list.inputs, arg, nullptr, {}, options.record_skipped ? &list.skipped : nullptr};
    std::string no_libgit2;
    if (options.respect_gitignore) w.ignore = GitIgnore::open(arg, &no_libgit2);
    if (!no_libgit2.empty())  // compiled anyway, but never silently: what git ignores is walked too
      list.warnings.push_back(".gitignore is not applied in " + shown(arg) + ": " + no_libgit2 +
                              " (flowc uses libgit2 for .gitignore; install it)");
    size_t before = list.inputs.size();
    w.walk(arg, "");
    if (list.inputs.size() == before) list.empty_folders.push_back(arg);
    if (!w.error.empty() && list.error.empty()) list.error = w.error;
  }
  return list;
}

std::string no_input_message(const std::string& what, const std::string& folder, const InputOptions& options) {
  std::string msg = "no " + what + " in " + shown(folder) + " (looked for " + patterns(options.include) + ", not excluded";
  msg += options.respect_gitignore ? " and not ignored by git" : "";
  msg += options.record_skipped ? ")" : "; -v lists what was skipped)";
  return msg;
}

}  // namespace flowc::cli

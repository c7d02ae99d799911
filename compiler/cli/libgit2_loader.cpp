#include "cli/libgit2_loader.h"

#include <dlfcn.h>

#include <string>

#ifndef FLOWC_LIBGIT2_SONAME
#define FLOWC_LIBGIT2_SONAME "libgit2.so"
#endif

namespace flowc::cli {

namespace {

std::string load_error;

template <typename F>
bool bind(void* handle, const char* name, F& out) {
  out = reinterpret_cast<F>(::dlsym(handle, name));
  if (!out && load_error.empty()) load_error = std::string("libgit2 has no ") + name;
  return out != nullptr;
}

const Libgit2* load() {
  void* h = ::dlopen(FLOWC_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char* e = ::dlerror();
    load_error = e ? e : "cannot load " FLOWC_LIBGIT2_SONAME;
    return nullptr;
  }
  static Libgit2 api;
  bool ok = bind(h, "git_libgit2_init", api.libgit2_init) &&
            bind(h, "git_repository_open_ext", api.repository_open_ext) &&
            bind(h, "git_repository_workdir", api.repository_workdir) &&
            bind(h, "git_repository_free", api.repository_free) &&
            bind(h, "git_ignore_path_is_ignored", api.ignore_path_is_ignored) &&
            bind(h, "git_patch_from_buffers", api.patch_from_buffers) &&
            bind(h, "git_patch_num_hunks", api.patch_num_hunks) &&
            bind(h, "git_patch_get_hunk", api.patch_get_hunk) &&
            bind(h, "git_patch_get_line_in_hunk", api.patch_get_line_in_hunk) &&
            bind(h, "git_patch_free", api.patch_free);
  if (!ok) return nullptr;
  api.libgit2_init();  // once per process; never shut down (the process ends)
  return &api;
}

}  // namespace

const Libgit2* libgit2() {
  static const Libgit2* api = load();
  return api;
}

const char* libgit2_error() { return load_error.c_str(); }

}  // namespace flowc::cli

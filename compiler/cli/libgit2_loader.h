// libgit2, loaded when first needed (dlopen) rather than linked: linking it
// pulls in Kerberos, mbedTLS, libssh2 and more at every start of `flowc`
// (measured: 2.8 ms of CPU per run, more than the rest of the start-up), while
// only a folder walk inside a git repository (.gitignore) and --diff use it.
// The headers are Debian's libgit2-dev; the library is the one they belong
// to (its soname is found at configure time, FLOWC_LIBGIT2_SONAME).
#pragma once
#include <git2.h>

namespace flowc::cli {

struct Libgit2 {
  decltype(&git_libgit2_init) libgit2_init;
  decltype(&git_repository_open_ext) repository_open_ext;
  decltype(&git_repository_workdir) repository_workdir;
  decltype(&git_repository_free) repository_free;
  decltype(&git_ignore_path_is_ignored) ignore_path_is_ignored;
  decltype(&git_patch_from_buffers) patch_from_buffers;
  decltype(&git_patch_num_hunks) patch_num_hunks;
  decltype(&git_patch_get_hunk) patch_get_hunk;
  decltype(&git_patch_get_line_in_hunk) patch_get_line_in_hunk;
  decltype(&git_patch_free) patch_free;
};

// The library, initialised once; null if it cannot be loaded (libgit2_error()
// says why).
const Libgit2* libgit2();
const char* libgit2_error();

}  // namespace flowc::cli

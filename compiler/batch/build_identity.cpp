#include "batch/build_identity.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>

#include "batch/content_hash.h"

namespace flowc {

namespace {

// The file this function's code was loaded from: the extension module when
// flowc runs inside Python, the executable otherwise (/proc/self/exe, which
// names it reliably, when dladdr cannot say).
bool own_object_stat(struct stat& st) {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&own_object_stat), &info) != 0 && info.dli_fname && *info.dli_fname &&
      ::stat(info.dli_fname, &st) == 0)
    return true;
  return ::stat("/proc/self/exe", &st) == 0;
}

std::string compute() {
  ContentHash h;
  struct stat st {};
  if (own_object_stat(st)) {
    // Its stamp, as git's index and the stat index read one: a rebuild
    // writes the file (a new mtime and ctime, most often a new size), so its
    // identity changes; reading the stamp costs one stat(), where hashing the
    // 5 MB file cost a warm run 100 ms.
    h.add_field("object");
    for (uint64_t v : {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                       static_cast<uint64_t>(st.st_size), static_cast<uint64_t>(st.st_mtim.tv_sec),
                       static_cast<uint64_t>(st.st_mtim.tv_nsec), static_cast<uint64_t>(st.st_ctim.tv_sec),
                       static_cast<uint64_t>(st.st_ctim.tv_nsec)})
      h.add_u64(v);
  } else {
    // Unknown build: an identity no other process shares, so nothing stored
    // by another build can be served.
    h.add_field("unknown");
    h.add_u64(static_cast<uint64_t>(getpid()));
    h.add_u64(static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  }
  return h.hex();
}

}  // namespace

const std::string& build_identity() {
  static const std::string id = compute();  // thread-safe initialisation (C++11)
  return id;
}

}  // namespace flowc

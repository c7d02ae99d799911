#include "batch/build_identity.h"

#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>

#include "batch/content_hash.h"

namespace flowc {

namespace {

// The bytes of the file at `path`, or nullopt.
std::optional<std::string> file_bytes(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || bytes.empty()) return std::nullopt;
  return bytes;
}

// The file this function's code was loaded from: the extension module when
// flowc runs inside Python, the executable otherwise (dladdr names the main
// program as the loader saw it, which /proc/self/exe names reliably).
std::optional<std::string> own_object_bytes() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&own_object_bytes), &info) != 0 && info.dli_fname && *info.dli_fname) {
    if (auto bytes = file_bytes(info.dli_fname)) return bytes;
  }
  return file_bytes("/proc/self/exe");
}

std::string compute() {
  ContentHash h;
  if (auto bytes = own_object_bytes()) {
    h.add_field("object");
    h.add(*bytes);
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

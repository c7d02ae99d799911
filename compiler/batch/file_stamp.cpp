#include "batch/file_stamp.h"

#include <sys/stat.h>
#include <time.h>

namespace flowc {

bool FileStamp::matches(const FileStamp& now) const {
  if (racy || now.racy) return false;
  return present == now.present && dev == now.dev && ino == now.ino && size == now.size &&
         mtime_ns == now.mtime_ns && ctime_ns == now.ctime_ns;
}

FileStamp stamp_file(const std::string& path, int64_t run_start_ns) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return FileStamp{};  // absent (or unreadable: never matches a present stamp)
  return stamp_of(st, run_start_ns);
}

FileStamp stamp_of(const struct stat& st, int64_t run_start_ns) {
  FileStamp s;
  s.present = true;
  s.dev = static_cast<uint64_t>(st.st_dev);
  s.ino = static_cast<uint64_t>(st.st_ino);
  s.size = static_cast<uint64_t>(st.st_size);
  s.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.ctime_ns = int64_t{st.st_ctim.tv_sec} * 1'000'000'000 + st.st_ctim.tv_nsec;
  int64_t trusted_before = run_start_ns - kRacyWindowNs;
  s.racy = s.mtime_ns >= trusted_before || s.ctime_ns >= trusted_before;
  return s;
}

int64_t wall_clock_ns() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace flowc

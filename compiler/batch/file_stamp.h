// FileStamp: what stat() says about a file, as git's index keeps it, so a
// later run can tell "unchanged" without reading the file: device, inode,
// size, mtime and ctime (nanoseconds). ctime cannot be set by a user
// (os.utime sets it to now), so an edit that keeps the size and restores the
// mtime still changes the stamp.
//
// Racy stamps (git's rule): a file changed within the file system's timestamp
// granularity of the moment it was stamped could change again with the same
// size and the same times. A stamp whose mtime or ctime is not older than the
// run's start minus kRacyWindowNs is marked racy and never counts as a match:
// the file is then checked by its content (the slow path) until it is old
// enough to be trusted.
#pragma once
#include <sys/stat.h>

#include <cstdint>
#include <string>

namespace flowc {

// Generous: covers coarse kernel clocks (a few ms), FAT's 2 s mtimes, and
// clocks of network file systems a little behind ours.
inline constexpr int64_t kRacyWindowNs = int64_t{2'000'000'000};

struct FileStamp {
  bool present = false;  // false: no file there (or stat failed); the other fields are 0
  bool racy = false;     // too new to trust (see above)
  uint64_t dev = 0, ino = 0, size = 0;
  int64_t mtime_ns = 0, ctime_ns = 0;

  // Same file state, and trustworthy: neither stamp is racy.
  bool matches(const FileStamp& now) const;
};

// stat() of `path` (following links, as reading it does); racy if its mtime or
// ctime is at or after run_start_ns - kRacyWindowNs.
FileStamp stamp_file(const std::string& path, int64_t run_start_ns);
// The same from a stat() already made (the input walk stats every input).
FileStamp stamp_of(const struct stat& st, int64_t run_start_ns);

// The wall clock now, in nanoseconds since the epoch (what file times use).
int64_t wall_clock_ns();

}  // namespace flowc

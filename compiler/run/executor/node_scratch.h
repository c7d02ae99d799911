// The run's node scratch: where each node's own files (its captured standard
// output and error, its init containers' and sidecars' logs, the mount point
// of its view) live while the run goes on — a size-limited tmpfs at
// `<work>/.scratch`, mounted in a mount namespace of flowc's own, so that a
// node costs no file created or deleted on the host's disk. On a
// journal-less ext4 (this machine's) every create soon after a delete scans
// the inode table past the recently deleted inodes: the node files on disk
// were ~18% of flowc run's CPU and made each run slower than the last
// (docs/run.md "Speed"). The mount is seen by flowc and the keepers it
// forks, never by the host (the namespace is a slave of the host's: host
// mounts still reach flowc, its own do not leave), and it vanishes with
// flowc, even if flowc is killed. With `--keep` the files are copied into
// the work folder on disk at the end.
#pragma once

#include <cstdint>
#include <string>

namespace flowc::run::executor {

// The threads of this process (-1 if unknown): unshare(CLONE_NEWNS) moves
// only the calling thread, and a fork of a threaded process must not
// allocate; both need one.
int thread_count();

class NodeScratch {
 public:
  // The folder's name in the work folder (a node's folder never starts with '.').
  static constexpr const char* kFolder = ".scratch";
  // What the tmpfs may hold, all nodes together: the bound on the RAM the
  // run's node files take. A stream that would overflow it goes on to the
  // node's folder on disk instead (stream_capture.h), so no node fails for it.
  static constexpr uint64_t kDefaultSize = 64ull << 20;

  // Moves this process into a mount namespace of its own (a slave of the
  // host's) and mounts the tmpfs on `<work_dir>/.scratch`. Only a process
  // with one thread can change its mount namespace, and only as root:
  // otherwise (or on any error) it returns why, nothing changed, and the
  // node files stay on disk as before.
  std::string open(const std::string& work_dir, uint64_t size_bytes = kDefaultSize);
  bool active() const { return !path_.empty(); }
  // `<work_dir>/.scratch`, or empty when not active.
  const std::string& path() const { return path_; }
  // Copies each node's files into the work folder (`.scratch/<node>/x` to
  // `<node>/x`), leaving out the views' mount points; for `--keep`.
  void copy_out() const;
  // Unmounts the tmpfs and removes its mount point.
  void close();
  ~NodeScratch() { close(); }

 private:
  std::string work_dir_, path_;
};

}  // namespace flowc::run::executor

// The run's node scratch (node_scratch.h).
#include "run/executor/node_scratch.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace flowc::run::executor {

int thread_count() {
  int n = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator("/proc/self/task", ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    ++n;
  return ec ? -1 : n;
}

std::string NodeScratch::open(const std::string& work_dir, uint64_t size_bytes) {
  if (active()) return "";
  if (geteuid() != 0) return "not root";
  // unshare(CLONE_NEWNS) moves only the calling thread: every other thread
  // (and what it forks) would stay in the old namespace, without the scratch.
  if (thread_count() != 1) return "the process has several threads";
  if (unshare(CLONE_NEWNS) != 0) return std::string("cannot make a mount namespace: ") + strerror(errno);
  // A slave: the host's later mounts still reach flowc; ours never reach the host.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) != 0)
    return std::string("cannot make the mount namespace a slave: ") + strerror(errno);
  const std::string path = (fs::path(work_dir) / kFolder).string();
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) return "cannot create " + path + ": " + ec.message();
  const std::string options = "size=" + std::to_string(size_bytes) + ",mode=700";
  if (mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    std::string why = std::string("cannot mount a tmpfs on ") + path + ": " + strerror(errno);
    fs::remove(path, ec);
    return why;
  }
  work_dir_ = work_dir;
  path_ = path;
  return "";
}

void NodeScratch::copy_out() const {
  if (!active()) return;
  std::error_code ec;
  for (const fs::directory_entry& node : fs::directory_iterator(path_, ec)) {
    const fs::path to = fs::path(work_dir_) / node.path().filename();
    for (const fs::directory_entry& entry : fs::directory_iterator(node.path(), ec)) {
      if (entry.path().filename() == "view") continue;  // an empty mount point: the view lived in its keeper
      std::error_code ignored;
      fs::create_directories(to, ignored);
      fs::copy(entry.path(), to / entry.path().filename(),
               fs::copy_options::recursive | fs::copy_options::overwrite_existing | fs::copy_options::copy_symlinks,
               ignored);
    }
  }
}

void NodeScratch::close() {
  if (!active()) return;
  umount2(path_.c_str(), MNT_DETACH);
  rmdir(path_.c_str());
  path_.clear();
}

}  // namespace flowc::run::executor

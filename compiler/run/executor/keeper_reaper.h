// Reaps the keepers (sandbox_child.h) that run() has released, off the
// caller's path: a keeper's exit unmounts its view, and unmounting overlays
// waits for the kernel (an RCU grace period per overlay), which need not
// delay the node's result. Once a keeper is gone its overlayfs scratch
// folder is removed. The node's processes are all gone before a keeper is
// released (they end with their PID namespace); only the keeper remains.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace flowc::run::executor {

// Removes an overlayfs work folder (the kernel leaves mode-000 folders in it).
void remove_scratch(const std::string& path);

class KeeperReaper {
 public:
  KeeperReaper() = default;
  ~KeeperReaper();  // waits for every keeper handed over
  KeeperReaper(const KeeperReaper&) = delete;
  KeeperReaper& operator=(const KeeperReaper&) = delete;

  // Waits for `keeper` in the background, then removes `scratch`.
  void adopt(pid_t keeper, std::string scratch);

 private:
  void loop();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<pid_t, std::string>> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace flowc::run::executor

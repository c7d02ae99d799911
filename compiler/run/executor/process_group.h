// Ending a node's processes as kubelet ends a pod's: SIGTERM, which the
// container init passes to the command's whole process group, then SIGKILL
// once a grace period has passed. The init is PID 1 of its own PID
// namespace, so killing it kills every process of the node, even one that
// left the group (setsid, a daemon).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>

namespace flowc::run::executor {

using Clock = std::chrono::steady_clock;

// A container's exit code: the process's own, or 128 + the signal that ended it.
int container_exit_code(int wait_status);

class GroupTermination {
 public:
  // Sends SIGTERM to `init` (passed on to the command's group); SIGKILL
  // follows after `grace`.
  void begin(pid_t init, Clock::time_point now, std::chrono::milliseconds grace);
  bool begun() const { return begun_; }
  // Sends SIGKILL when the grace period has passed; returns how long until
  // it will (nothing when it has been sent or termination has not begun).
  std::optional<std::chrono::milliseconds> tick(Clock::time_point now);

 private:
  pid_t init_ = -1;
  bool begun_ = false, killed_ = false;
  Clock::time_point kill_at_{};
};

}  // namespace flowc::run::executor

#include "run/executor/process_group.h"

#include <signal.h>
#include <sys/wait.h>

namespace flowc::run::executor {

int container_exit_code(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

namespace {
// Only the init is signalled, as kubelet signals a container's PID 1: the
// init passes SIGTERM on to the command's process group (sandbox_child.cpp),
// and its SIGKILL ends the whole PID namespace, every process in it.
void signal_all(pid_t init, int sig) { kill(init, sig); }
}  // namespace

void GroupTermination::begin(pid_t init, Clock::time_point now, std::chrono::milliseconds grace) {
  if (begun_ || init <= 0) return;
  begun_ = true;
  init_ = init;
  kill_at_ = now + grace;
  if (grace.count() <= 0) {
    signal_all(init_, SIGKILL);
    killed_ = true;
    return;
  }
  signal_all(init_, SIGTERM);
}

std::optional<std::chrono::milliseconds> GroupTermination::tick(Clock::time_point now) {
  if (!begun_ || killed_) return std::nullopt;
  if (now >= kill_at_) {
    signal_all(init_, SIGKILL);
    killed_ = true;
    return std::nullopt;
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(kill_at_ - now) + std::chrono::milliseconds(1);
}

}  // namespace flowc::run::executor

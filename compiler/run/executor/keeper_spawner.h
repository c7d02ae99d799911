// Starts keepers from a small helper process instead of forking flowc.
//
// A fork copies the forking process's page tables. flowc runs a thread per
// running node, each with its stack and allocator heap, so with many nodes
// at once every keeper's fork copied hundreds of MB of mappings (1,000
// independent tasks: 76 s of system time; docs/run.md "Speed"). The helper
// is forked once, while flowc is still small and has one thread; it
// receives each keeper's ChildPlan (flattened, its pipes passed as
// SCM_RIGHTS) over a socket and forks the keeper from its own small image
// with CLONE_PARENT, so the keeper is still flowc's child: flowc waits for
// it, reads /proc/<keeper>/root and signals it exactly as before
// (sandbox_child.h). The helper dies with flowc (PR_SET_PDEATHSIG, and end
// of file on its socket).
#pragma once

#include <sys/types.h>

#include <mutex>
#include <string>

#include "run/executor/sandbox_child.h"

namespace flowc::run::executor {

class KeeperSpawner {
 public:
  // Forks the helper. Only from a process with one thread (the helper
  // allocates, which a fork of a threaded process must not); empty, or why
  // not (the caller then forks keepers itself, as spawn_keeper does).
  std::string start();
  bool running() const { return helper_ > 0; }
  pid_t helper() const { return helper_; }
  // spawn_keeper(plan), through the helper: the keeper's PID (this process's
  // child), or -1 with errno. Safe from several threads.
  pid_t spawn(const ChildPlan& plan);
  ~KeeperSpawner();

 private:
  std::mutex mutex_;
  int socket_ = -1;
  pid_t helper_ = -1;
};

}  // namespace flowc::run::executor

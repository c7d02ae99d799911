// The scheduler: Argo's controller in miniature (workflow/controller/
// operator.go, steps.go, dag.go, exit_handler.go at v4.1.2). It moves node
// states in a WorkflowStatus and asks an Executor to run each Pod node's
// process; it never starts a process itself. Each semantic decision cites the
// controller function it follows.
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "run/executor.h"
#include "run/plan.h"
#include "run/status.h"

namespace flowc::run {

struct RunOptions {
  int parallelism = 0;                                 // --parallelism; 0: spec.parallelism (0: no limit)
  std::optional<std::chrono::milliseconds> timeout;    // --timeout, the whole run
  std::string work_dir;                                // the run's folder (node folders, scripts)
  std::string artifact_dir;                            // the local artifact store; empty: <work_dir>/artifacts
  std::string python;                                  // what `python`/`python3` as a command runs
  // --logs: a node's output as it arrives (display name, chunk, stderr?).
  std::function<void(const std::string&, std::string_view, bool)> on_output;
};

class Scheduler {
 public:
  Scheduler(const Plan& plan, Executor& executor, RunOptions options, WorkflowStatus& status);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs the workflow to its end; the phase is also in status.phase.
  // `interrupt` (Ctrl-C) stops it: running processes are killed.
  Phase run(const std::atomic<bool>& interrupt);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flowc::run

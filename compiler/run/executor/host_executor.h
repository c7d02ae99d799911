// The host executor (compiler/run/executor.h): each process runs with the
// host's programs, in a private filesystem view (namespace_sandbox.h), its
// own PID, mount and UTS namespaces and its own process group. This header
// adds the knobs the tests need; `flowc run` uses make_host_executor(work_dir).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "run/executor.h"
#include "run/executor/namespace_sandbox.h"
#include "run/executor/node_scratch.h"

namespace flowc::run::executor {

struct HostExecutorOptions {
  // The view strategy; default: the best one this machine can mount.
  std::optional<ViewStrategy> strategy;
  // Between SIGTERM and SIGKILL when a deadline passes or the run is
  // cancelled. kubelet's default (terminationGracePeriodSeconds) is 30 s,
  // far too long for a local run that a user interrupts; 1 s lets a process
  // that handles SIGTERM clean up.
  std::chrono::milliseconds grace{1000};
  // Hold the nodes' own files (standard output and error, logs, the views'
  // mount points) in the run's node scratch, a bounded tmpfs of flowc's own
  // mount namespace (node_scratch.h), when this process can make one.
  bool scratch_in_memory = true;
  uint64_t scratch_size = NodeScratch::kDefaultSize;
  // Start keepers from a small helper forked at check() (keeper_spawner.h),
  // when this process has one thread then; else each is a fork of flowc.
  bool keeper_spawner = true;
  // Copy them into `<work>/<node>/` when the executor is destroyed (--keep).
  bool keep_node_files = true;
};

std::unique_ptr<Executor> make_host_executor(const std::string& work_dir, const HostExecutorOptions& options);

// Where the host executor holds its nodes' own files: the node scratch's
// folder, or empty when they are on disk in the node folders. For tests.
std::string node_scratch_path(Executor& executor);

// The PID of the helper that starts the host executor's keepers
// (keeper_spawner.h), or -1 when each is a fork of flowc. For tests.
pid_t keeper_spawner_pid(Executor& executor);

// The strategy a host executor chose (after check()); nothing before or when
// none works. For messages and tests.
std::optional<ViewStrategy> chosen_strategy(Executor& executor);

}  // namespace flowc::run::executor

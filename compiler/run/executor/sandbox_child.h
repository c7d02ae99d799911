// What runs between fork() and exec(): the two processes that make a node's
// private filesystem view and start the node's command in it.
//
//   flowc thread ── fork ──> keeper ── fork ──> container init (PID 1) ── fork ──> command ── exec ──> argv
//
// (The keeper's fork is usually the keeper spawner's, keeper_spawner.h: a
// clone with CLONE_PARENT from a small helper, so that it does not copy
// flowc; the keeper is flowc's child either way.)
// The *keeper* leaves the host's mount (and, not as root, user) namespace,
// mounts the view (a MountStep list the parent built), creates a PID and a
// UTS namespace for its child, and reports over a pipe. Once the parent has
// placed the inputs (through /proc/<keeper>/root, which sees the keeper's
// mounts) it says "go"; the keeper forks the *container init*, which mounts
// /proc, enters the view (chroot), and starts the command as Argo's emissary
// does (its own process group, signals passed on, exit code or 128 + signal).
// When the init exits the kernel kills every other process of its PID
// namespace; the keeper
// reports the wait status and holds the namespace open until the parent has
// copied the outputs out, then exits, and the mounts vanish with it.
//
// flowc is multi-threaded, so after fork() only async-signal-safe calls are
// allowed (another thread may have held malloc's lock): this code allocates
// nothing. Every string and array it uses is prepared by the parent, before
// fork, in a ChildPlan.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>

namespace flowc::run::executor {

// One step of making the view, relative to the view folder (the keeper's
// working directory).
struct MountStep {
  enum Kind : uint8_t {
    kMount,        // mount(source, target, fstype, flags, data)
    kReadOnlyRec,  // mount_setattr(target, AT_RECURSIVE, MOUNT_ATTR_RDONLY)
    kMkdir,        // mkdir(target, 0755); an existing folder is fine
    kTouch,        // creates an empty file (a bind target); an existing one is fine
    kSymlink,      // symlink(source, target)
  };
  Kind kind;
  const char* source = nullptr;
  const char* target = nullptr;
  const char* fstype = nullptr;
  unsigned long flags = 0;
  const char* data = nullptr;
  bool optional = false;  // a failure is ignored (the host lacks that device, say)
};

// Messages from the keeper to the parent, over the status pipe.
struct KeeperMessage {
  enum Kind : int32_t {
    kReady = 1,       // the view is mounted; waiting for "go"
    kStarted = 2,     // value: the container init's PID (as the host sees it)
    kExited = 3,      // value: its wait status
    kSetupFailed = 4,  // value: the failing step (see ChildPlan::setup_step_*), err: errno
    // From the container init (it holds the status pipe too; its messages
    // come before the keeper's kExited, which waits for the init's end):
    kInitExited = 5,     // value: the init container's index, err: its exit code (0 or the failure that stops the pod)
    kSidecarExited = 6,  // value: the sidecar's index (| kSidecarStopped when terminated after main), err: its exit code
  };
  static constexpr int32_t kSidecarStopped = 0x10000;
  int32_t kind;
  int32_t value;
  int32_t err;
};

// The container init's report when exec failed, over the exec-error pipe
// (close-on-exec: end of file without a message means exec succeeded).
struct ExecFailure {
  int32_t err;        // errno of the most telling candidate
  int32_t candidate;  // which entry of ChildPlan::exec_candidates; -1: before exec
  int32_t stage;      // ExecStage
};
enum ExecStage : int32_t {
  kStageLookPath = 0,  // the command was not found (candidate: 0 when it names a path, else -1)
  kStageExec = 1,      // found, but execve() failed
  kStageProc = 2,
  kStageChroot = 3,
  kStageWorkdir = 4,
  kStageStdio = 5,
  kStageFork = 6,
};

// Steps before the MountStep list (their numbers in kSetupFailed).
enum SetupStep : int32_t {
  kStepUserNamespace = -1,
  kStepIdMaps = -2,
  kStepNamespaces = -3,
  kStepPrivate = -4,
  kStepChdir = -5,
  kStepHostname = -6,
  kStepFork = -7,
};

// An init container or a sidecar (run.h's PodContainer), prepared for the
// init. The init fills `log_fd` and `pid` in its own copy of the memory.
struct ChildContainer {
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* const* exec_candidates = nullptr;
  size_t exec_candidate_count = 0;
  char* working_dir = nullptr;  // absolute, inside the view; created if missing (writable copy)
  const char* log_path = nullptr;  // relative to work_dir: opened before the init enters the view
  int log_fd = -1;
  pid_t pid = 0;
};

struct ChildPlan {
  // Pipes (the child's ends).
  int status_w = -1, go_r = -1, release_r = -1, out_w = -1, err_w = -1, exec_err_w = -1;
  pid_t parent_pid = 0;

  bool user_namespace = false;  // not root: map our uid/gid to root in a new user namespace
  const char* uid_map = nullptr;
  const char* gid_map = nullptr;

  const char* work_dir = nullptr;  // absolute; the keeper's working directory (the steps' paths are relative)
  const MountStep* steps = nullptr;
  size_t step_count = 0;
  const char* hostname = nullptr;
  size_t hostname_len = 0;

  // The container init, relative to work_dir before chroot.
  const char* root = nullptr;       // the view's root ("<view>/root")
  const char* proc = nullptr;       // "<view>/root/proc"
  char* working_dir = nullptr;      // absolute, inside the view; created if missing (writable copy)
  const unsigned long* dropped_caps = nullptr;  // capabilities removed from the bounding set
  size_t dropped_cap_count = 0;
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* const* exec_candidates = nullptr;  // argv[0] resolved against the container's PATH
  size_t exec_candidate_count = 0;
  bool probe = false;  // check(): make the view and the init, then exit 0 instead of exec
  // The pod's other containers (ProcessSpec::init_containers / sidecars).
  ChildContainer* init_containers = nullptr;
  size_t init_container_count = 0;
  ChildContainer* sidecars = nullptr;
  size_t sidecar_count = 0;
  long sidecar_grace_ms = 1000;  // between SIGTERM to the sidecars (main ended) and the namespace's end
};

// Forks the keeper; returns its PID (or -1 with errno). Never returns in the child.
pid_t spawn_keeper(const ChildPlan& plan);
// The same, from a helper (keeper_spawner.h): the keeper becomes the child
// of the caller's parent (CLONE_PARENT). Only from a process with one thread.
pid_t spawn_keeper_for_parent(const ChildPlan& plan);

}  // namespace flowc::run::executor

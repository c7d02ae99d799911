// The keeper and the container init (sandbox_child.h). Everything here runs
// in a child forked from a multi-threaded process: system calls only, no
// allocation, no locks, no C++ library calls that might take one.
#include "run/executor/sandbox_child.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <climits>

namespace flowc::run::executor {
namespace {

void send(int fd, KeeperMessage::Kind kind, int32_t value, int32_t err) {
  KeeperMessage m{kind, value, err};
  // A pipe write of a few bytes is atomic; the parent reads whole messages.
  while (write(fd, &m, sizeof m) < 0 && errno == EINTR) {
  }
}

[[noreturn]] void setup_failed(const ChildPlan& p, int32_t step) {
  send(p.status_w, KeeperMessage::kSetupFailed, step, errno);
  _exit(125);
}

[[noreturn]] void exec_failed(const ChildPlan& p, int err, int32_t candidate, ExecStage stage) {
  ExecFailure f{err, candidate, stage};
  while (write(p.exec_err_w, &f, sizeof f) < 0 && errno == EINTR) {
  }
  _exit(127);
}

// Closes every descriptor but stdio and the plan's pipes: another thread of
// flowc may have had its own pipes open when we forked, and a keeper holding
// their write ends would keep that node's output from ever ending.
void close_other_descriptors(const ChildPlan& p) {
  int keep[] = {p.status_w, p.go_r, p.release_r, p.out_w, p.err_w, p.exec_err_w};
  const int n = sizeof keep / sizeof keep[0];
  for (int i = 1; i < n; ++i)  // insertion sort: no library calls
    for (int j = i; j > 0 && keep[j - 1] > keep[j]; --j) {
      int t = keep[j];
      keep[j] = keep[j - 1];
      keep[j - 1] = t;
    }
  unsigned next = 3;
  for (int fd : keep) {
    if (fd < 0 || static_cast<unsigned>(fd) < next) continue;
    if (static_cast<unsigned>(fd) > next) close_range(next, fd - 1, 0);
    next = fd + 1;
  }
  close_range(next, UINT_MAX, 0);
}

// The command's signals as a container's: nothing blocked, nothing ignored.
// execve() resets the init's handlers (inherited by the command) to the
// default; what flowc ignores (SIGPIPE, under Python) would stay ignored,
// so every signal is reset.
void default_signals() {
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &sa, nullptr);  // SIGKILL/SIGSTOP just fail
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

// The keeper's: every signal blocked (a handler of flowc's must never run
// in it; SIGKILL, its parent-death signal, cannot be blocked), SIGCHLD not
// ignored (waitid() would find no child). Two calls instead of 64.
void keeper_signals() {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_SETMASK, &all, nullptr);
  struct sigaction sa {};
  sa.sa_handler = SIG_DFL;
  sigaction(SIGCHLD, &sa, nullptr);
}

bool write_file(const char* path, const char* text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  size_t len = 0;
  while (text[len]) ++len;
  bool ok = write(fd, text, len) == static_cast<ssize_t>(len);
  close(fd);
  return ok;
}

bool run_step(const MountStep& s) {
  switch (s.kind) {
    case MountStep::kMount:
      return mount(s.source, s.target, s.fstype, s.flags, s.data) == 0;
    case MountStep::kReadOnlyRec: {
      struct mount_attr attr {};
      attr.attr_set = MOUNT_ATTR_RDONLY;
      return syscall(SYS_mount_setattr, AT_FDCWD, s.target, AT_RECURSIVE, &attr, sizeof attr) == 0;
    }
    case MountStep::kMkdir:
      return mkdir(s.target, 0755) == 0 || errno == EEXIST;
    case MountStep::kTouch: {
      int fd = open(s.target, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) return false;
      close(fd);
      return true;
    }
    case MountStep::kSymlink:
      return symlink(s.source, s.target) == 0 || errno == EEXIST;
  }
  return false;
}

// mkdir -p on a writable absolute path, as a container runtime creates a
// missing workingDir.
bool make_folders(char* path) {
  for (char* c = path + 1;; ++c) {
    if (*c == '/' || *c == '\0') {
      char saved = *c;
      *c = '\0';
      bool ok = mkdir(path, 0755) == 0 || errno == EEXIST;
      *c = saved;
      if (!ok) return false;
      if (saved == '\0') return true;
    }
  }
}

// The command's process group, for the init's signal handler.
volatile pid_t g_command = 0;

// Signals the init passes on: every one a process may catch, but SIGCHLD
// and SIGURG (Argo's emissary, osspecific.CanIgnoreSignal).
bool forwarded(int sig) { return sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD && sig != SIGURG; }

void forward(int sig) {
  if (g_command > 0) kill(-g_command, sig);
}

// exec.LookPath of Go (what Argo's emissary calls): the first candidate that
// is a file with an x bit; a command naming a path is checked with stat.
// -1 when none is, with the most telling errno in `err`.
int32_t look_path(const char* const* candidates, size_t count, int& err) {
  for (size_t i = 0; i < count; ++i) {
    struct stat st;
    if (stat(candidates[i], &st) != 0) {
      err = errno;
      continue;
    }
    if (!S_ISDIR(st.st_mode) && (st.st_mode & 0111)) return static_cast<int32_t>(i);
    err = EACCES;
  }
  return -1;
}

void write_text(int fd, const char* text) {
  size_t len = 0;
  while (text[len]) ++len;
  while (len > 0) {
    ssize_t n = write(fd, text, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text += n;
    len -= static_cast<size_t>(n);
  }
}

// An init container or a sidecar: started as the main command is (its own
// process group, default signals), its output to its own log. A failure to
// start is printed as argoexec prints it (cmd/argoexec/main.go: the error on
// standard error, exit code 64): the pod's status, not flowc, decides what
// it means.
[[noreturn]] void pod_container_main(ChildContainer& c) {
  setpgid(0, 0);
  default_signals();
  if (dup2(c.log_fd, 1) < 0 || dup2(c.log_fd, 2) < 0) _exit(128);
  close_range(3, UINT_MAX, CLOSE_RANGE_CLOEXEC);
  if (!make_folders(c.working_dir) || chdir(c.working_dir) != 0) {
    write_text(2, "cannot create or enter the working directory ");
    write_text(2, c.working_dir);
    write_text(2, "\n");
    _exit(128);
  }
  int look_err = ENOENT;
  int32_t found = look_path(c.exec_candidates, c.exec_candidate_count, look_err);
  if (found < 0) {
    write_text(2, "failed to find name in PATH: exec: \"");
    write_text(2, c.argv[0]);
    write_text(2, c.exec_candidate_count == 1 && look_err == EACCES ? "\": permission denied\n"
                  : c.exec_candidate_count == 1                      ? "\": no such file or directory\n"
                                                                     : "\": executable file not found in $PATH\n");
    _exit(64);
  }
  execve(c.exec_candidates[found], c.argv, c.envp);
  write_text(2, "failed to start command: fork/exec ");
  write_text(2, c.exec_candidates[found]);
  write_text(2, "\n");
  _exit(64);
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

// Waits for `pid`, reaping whatever else ends meanwhile (sidecars reported).
int wait_for(const ChildPlan& p, pid_t pid);

// A sidecar that ended: its exit reported once.
void note_sidecar(const ChildPlan& p, pid_t pid, int status, bool stopping) {
  for (size_t i = 0; i < p.sidecar_count; ++i)
    if (p.sidecars[i].pid == pid) {
      p.sidecars[i].pid = 0;
      send(p.status_w, KeeperMessage::kSidecarExited,
           static_cast<int32_t>(i) | (stopping ? KeeperMessage::kSidecarStopped : 0), exit_code_of(status));
    }
}

int wait_for(const ChildPlan& p, pid_t pid) {
  int status = 0;
  for (;;) {
    pid_t w = waitpid(-1, &status, 0);
    if (w == pid) return exit_code_of(status);
    if (w > 0) note_sidecar(p, w, status, false);
    if (w < 0 && errno != EINTR) _exit(127);
  }
}

long monotonic_ms() {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

// The main container has ended: the sidecars get SIGTERM, as Argo's wait
// container kills them once main is done (workflow/executor/executor.go
// KillSidecars, called by cmd/argoexec/commands/wait.go), and a grace
// period to end; whatever still runs then dies with the namespace (SIGKILL,
// exit code 137, which inferFailedReason ignores for a sidecar).
void stop_sidecars(const ChildPlan& p) {
  bool live = false;
  for (size_t i = 0; i < p.sidecar_count; ++i)
    if (p.sidecars[i].pid > 0) {
      kill(-p.sidecars[i].pid, SIGTERM);
      live = true;
    }
  const long until = monotonic_ms() + p.sidecar_grace_ms;
  while (live && monotonic_ms() < until) {
    int status = 0;
    pid_t w = waitpid(-1, &status, WNOHANG);
    if (w > 0) {
      note_sidecar(p, w, status, true);
    } else if (w < 0 && errno != EINTR) {
      break;
    } else if (w == 0) {
      struct timespec pause = {0, 2 * 1000 * 1000};
      nanosleep(&pause, nullptr);
    }
    live = false;
    for (size_t i = 0; i < p.sidecar_count; ++i) live = live || p.sidecars[i].pid > 0;
  }
}

[[noreturn]] void command_main(const ChildPlan& p) {
  setpgid(0, 0);  // its own process group, as the emissary starts it (Setpgid)
  default_signals();
  // Whatever else is open (only our pipes by now) must not reach the command.
  close_range(3, UINT_MAX, CLOSE_RANGE_CLOEXEC);
  if (p.probe) _exit(0);
  int look_err = ENOENT;
  int32_t found = look_path(p.exec_candidates, p.exec_candidate_count, look_err);
  if (found < 0) exec_failed(p, look_err, p.exec_candidate_count == 1 ? 0 : -1, kStageLookPath);
  execve(p.exec_candidates[found], p.argv, p.envp);
  exec_failed(p, errno, found, kStageExec);
}

// PID 1 of the node's PID namespace, doing what Argo's emissary (argoexec,
// PID 1 of an Argo pod's main container) does: start the command in a
// process group of its own, pass every signal it gets to that group, wait
// for it (reaping whatever else ends up its child), and exit with the
// command's exit code or 128 + the signal that ended it. So a SIGTERM from
// the parent reaches the command as in a pod; the command is not PID 1 and
// its default signal actions apply.
[[noreturn]] void init_main(const ChildPlan& p) {
  // The keeper's death (and so flowc's) ends the init, and with it every
  // process of the PID namespace.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  setsid();
  // A mount namespace of the init's own (a copy of the keeper's, which keeps
  // the whole view for the parent to place and collect files), where the
  // view becomes the root and the host's root is detached: unlike chroot,
  // nothing is left to climb back to (runc does the same).
  if (unshare(CLONE_NEWNS) != 0) exec_failed(p, errno, -1, kStageChroot);
  // The other containers' logs, in the node's folder (relative to the work
  // folder, the working directory until the view becomes the root).
  for (size_t i = 0; i < p.init_container_count + p.sidecar_count; ++i) {
    ChildContainer& c = i < p.init_container_count ? p.init_containers[i] : p.sidecars[i - p.init_container_count];
    c.log_fd = open(c.log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (c.log_fd < 0) exec_failed(p, errno, -1, kStageStdio);
  }
  if (mount("proc", p.proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    exec_failed(p, errno, -1, kStageProc);
  if (chdir(p.root) != 0 || syscall(SYS_pivot_root, ".", ".") != 0 || umount2(".", MNT_DETACH) != 0 ||
      chdir("/") != 0)
    exec_failed(p, errno, -1, kStageChroot);
  for (size_t i = 0; i < p.dropped_cap_count; ++i) prctl(PR_CAPBSET_DROP, p.dropped_caps[i], 0, 0, 0);
  if (!make_folders(p.working_dir) || chdir(p.working_dir) != 0) exec_failed(p, errno, -1, kStageWorkdir);
  int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(p.out_w, 1) < 0 || dup2(p.err_w, 2) < 0)
    exec_failed(p, errno, -1, kStageStdio);
  // Signals arriving before the command exists wait, blocked, until it does.
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &all, nullptr);
  struct sigaction sa {};
  sa.sa_handler = forward;
  sa.sa_flags = SA_RESTART;
  sigfillset(&sa.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig)
    if (forwarded(sig)) sigaction(sig, &sa, nullptr);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigaction(SIGURG, &dfl, nullptr);  // (SIGCHLD: already, by the keeper)
  // Init containers, in order, each to its end; one that fails stops the
  // pod before anything else starts (Kubernetes' init container rule).
  for (size_t i = 0; i < p.init_container_count; ++i) {
    pid_t pid = _Fork();
    if (pid < 0) exec_failed(p, errno, -1, kStageFork);
    if (pid == 0) pod_container_main(p.init_containers[i]);
    setpgid(pid, pid);
    g_command = pid;  // a deadline's SIGTERM reaches the init container running
    sigprocmask(SIG_SETMASK, &none, nullptr);
    int code = wait_for(p, pid);
    sigprocmask(SIG_SETMASK, &all, nullptr);
    send(p.status_w, KeeperMessage::kInitExited, static_cast<int32_t>(i), code);
    if (code != 0) _exit(code);
  }
  // Sidecars, started before the main container (they share its view, its
  // PID namespace and its network: localhost reaches them).
  for (size_t i = 0; i < p.sidecar_count; ++i) {
    pid_t pid = _Fork();
    if (pid < 0) exec_failed(p, errno, -1, kStageFork);
    if (pid == 0) pod_container_main(p.sidecars[i]);
    setpgid(pid, pid);
    p.sidecars[i].pid = pid;
  }
  pid_t command = _Fork();
  if (command < 0) exec_failed(p, errno, -1, kStageFork);
  if (command == 0) command_main(p);
  setpgid(command, command);  // (both sides: whichever runs first)
  g_command = command;
  close(p.exec_err_w);
  close(p.out_w);
  close(p.err_w);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  int code = wait_for(p, command);
  stop_sidecars(p);
  _exit(code);
}

[[noreturn]] void keeper_main(const ChildPlan& p) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != p.parent_pid) _exit(125);  // flowc died before the line above
  close_other_descriptors(p);
  // Out of flowc's session: Ctrl-C on the terminal reaches flowc, which
  // cancels the node gracefully, not the keeper, whose death would end it
  // abruptly.
  setsid();
  keeper_signals();
  if (p.user_namespace) {
    if (unshare(CLONE_NEWUSER) != 0) setup_failed(p, kStepUserNamespace);
    if (!write_file("/proc/self/setgroups", "deny") || !write_file("/proc/self/uid_map", p.uid_map) ||
        !write_file("/proc/self/gid_map", p.gid_map))
      setup_failed(p, kStepIdMaps);
  }
  // IPC too: a pod's System V and POSIX message queues are its own.
  if (unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC) != 0) setup_failed(p, kStepNamespaces);
  // Nothing mounted from here on propagates back to the host.
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) setup_failed(p, kStepPrivate);
  if (chdir(p.work_dir) != 0) setup_failed(p, kStepChdir);
  for (size_t i = 0; i < p.step_count; ++i)
    if (!run_step(p.steps[i]) && !p.steps[i].optional) setup_failed(p, static_cast<int32_t>(i));
  if (sethostname(p.hostname, p.hostname_len) != 0) setup_failed(p, kStepHostname);
  send(p.status_w, KeeperMessage::kReady, 0, 0);
  char go = 0;
  ssize_t n;
  while ((n = read(p.go_r, &go, 1)) < 0 && errno == EINTR) {
  }
  if (n != 1) _exit(0);  // the parent gave up (cancelled, or an input could not be placed)
  pid_t init = _Fork();
  if (init < 0) setup_failed(p, kStepFork);
  if (init == 0) init_main(p);
  // Only the init may hold the output pipes: they end when its namespace does.
  close(p.out_w);
  close(p.err_w);
  close(p.exec_err_w);
  send(p.status_w, KeeperMessage::kStarted, init, 0);
  // Wait without reaping: while the init is a zombie its PID (and group ID)
  // cannot be reused, so the parent's kill(-init) never hits a stranger.
  // Every other process of the namespace is gone by now (the kernel kills
  // them when the init exits).
  siginfo_t info{};
  while (waitid(P_PID, init, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  int status = info.si_code == CLD_EXITED ? (info.si_status & 0xff) << 8
                                           : (info.si_status & 0x7f) | (info.si_code == CLD_DUMPED ? 0x80 : 0);
  send(p.status_w, KeeperMessage::kExited, status, 0);
  // Hold the namespace (its mounts) until the parent has copied the outputs.
  while ((n = read(p.release_r, &go, 1)) != 0 && (n > 0 || errno == EINTR)) {
  }
  waitpid(init, nullptr, 0);
  _exit(0);
}

}  // namespace

pid_t spawn_keeper_for_parent(const ChildPlan& plan) {
  // The raw clone(), as fork() but with CLONE_PARENT, which glibc's fork has
  // no way to ask for; the child goes on on a copy of this stack. glibc's
  // cached thread ID in the child is still the helper's: harmless here, as
  // the keeper makes only system calls and _Fork (which sets its children's
  // right).
  pid_t pid = static_cast<pid_t>(syscall(SYS_clone, CLONE_PARENT | SIGCHLD, nullptr, nullptr, nullptr, nullptr));
  if (pid == 0) keeper_main(plan);
  return pid;
}

pid_t spawn_keeper(const ChildPlan& plan) {
  // _Fork: fork without the atfork handlers, async-signal-safe (glibc 2.34).
  pid_t pid = _Fork();
  if (pid == 0) keeper_main(plan);
  return pid;
}

}  // namespace flowc::run::executor

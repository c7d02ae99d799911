// The host executor: prepares a node's folder, view and pipes, starts the
// keeper (sandbox_child.h), and supervises it: inputs placed when the view is
// ready, output captured as it comes, deadline and cancel enforced, outputs
// collected once the process has exited, everything reaped before run()
// returns.
#include "run/executor/host_executor.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "run/executor/file_transfer.h"
#include "run/executor/keeper_reaper.h"
#include "run/executor/keeper_spawner.h"
#include "run/executor/node_scratch.h"
#include "run/executor/process_group.h"
#include "run/executor/sandbox_child.h"
#include "run/executor/stream_capture.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace flowc::run {
namespace executor {
namespace {

// A pipe's two ends, closed when it goes out of scope.
struct Pipe {
  int r = -1, w = -1;
  bool open() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return false;
    r = fds[0];
    w = fds[1];
    return true;
  }
  // A socket pair instead, for a channel flowc writes to: send() with
  // MSG_NOSIGNAL cannot raise SIGPIPE (which would end flowc) when the keeper
  // has died.
  bool open_socket() {
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return false;
    r = fds[0];
    w = fds[1];
    return true;
  }
  static void shut(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
  ~Pipe() {
    shut(r);
    shut(w);
  }
};

// A node ID or pod key as a folder name: Argo's IDs are already safe; anything
// else is made so, and can never be "." or ".." or climb out of the work folder.
std::string folder_name(const std::string& key) {
  std::string out;
  for (char c : key) out += (isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (out.empty() || out[0] == '.') out = "_" + out;
  return out;
}

// The capabilities a process keeps: Docker's default set (moby's
// oci/caps/defaults.go), so a node runs as root as it would in a pod but
// cannot mount, load modules or reach the host's devices.
std::vector<unsigned long> dropped_capabilities() {
  const unsigned long kept[] = {0 /*CHOWN*/,  1 /*DAC_OVERRIDE*/, 3 /*FOWNER*/,   4 /*FSETID*/,
                                5 /*KILL*/,   6 /*SETGID*/,       7 /*SETUID*/,   8 /*SETPCAP*/,
                                10 /*NET_BIND_SERVICE*/, 13 /*NET_RAW*/, 18 /*SYS_CHROOT*/, 27 /*MKNOD*/,
                                29 /*AUDIT_WRITE*/, 31 /*SETFCAP*/};
  unsigned long last = 40;
  std::ifstream("/proc/sys/kernel/cap_last_cap") >> last;
  std::vector<unsigned long> dropped;
  for (unsigned long cap = 0; cap <= last; ++cap)
    if (std::find(std::begin(kept), std::end(kept), cap) == std::end(kept)) dropped.push_back(cap);
  return dropped;
}

// The environment: a small base (what a container image and kubelet give
// every container, with the host's PATH so that the host's programs are
// found), then the spec's variables in order; a variable set twice keeps its
// first place and its last value.
std::vector<std::string> environment(const std::vector<std::pair<std::string, std::string>>& variables,
                                     const std::string& hostname) {
  const char* host_path = getenv("PATH");
  std::vector<std::pair<std::string, std::string>> env = {
      {"PATH", host_path && *host_path ? host_path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
      {"HOSTNAME", hostname},
      {"HOME", "/root"}};
  for (const auto& variable : variables) {
    auto it = std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == variable.first; });
    if (it != env.end())
      it->second = variable.second;
    else
      env.push_back(variable);
  }
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

std::string env_value(const std::vector<std::string>& env, const std::string& name) {
  for (const std::string& e : env)
    if (e.compare(0, name.size() + 1, name + "=") == 0) return e.substr(name.size() + 1);
  return "";
}

// Where argv[0] may be, in order: itself when it names a path, else each
// folder of the container's PATH (an empty entry is the working directory).
std::vector<std::string> exec_candidates(const std::string& command, const std::string& path) {
  if (command.find('/') != std::string::npos) return {command};
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = path.find(':', start);
    std::string dir = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out.push_back((dir.empty() ? "." : dir) + "/" + command);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// A C array of pointers into `strings`, null-terminated.
std::vector<char*> c_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// What a failure to start means. The command's own failures are worded as
// Argo's emissary words them (cmd/argoexec/commands/emissary.go: "failed to
// find name in PATH: " + Go's exec.LookPath error, "failed to start command:
// fork/exec ..."); the view's are ours.
std::string exec_error(const ExecFailure& f, const std::string& command, const std::vector<std::string>& candidates,
                       const std::string& working_dir) {
  std::string why = strerror(f.err);
  why[0] = static_cast<char>(tolower(static_cast<unsigned char>(why[0])));  // Go's wording: "permission denied"
  switch (f.stage) {
    case kStageProc: return "cannot mount /proc in the node's view: " + why;
    case kStageChroot: return "cannot enter the node's view: " + why;
    case kStageWorkdir: return "cannot create or enter the working directory " + working_dir + ": " + why;
    case kStageStdio: return "cannot set up standard input and output: " + why;
    case kStageFork: return "cannot start the command: " + why;
    case kStageExec: {
      const std::string& path = f.candidate >= 0 && static_cast<size_t>(f.candidate) < candidates.size()
                                    ? candidates[f.candidate]
                                    : command;
      return "failed to start command: fork/exec " + path + ": " + why;
    }
    default: break;
  }
  std::string look = "exec: \"" + command + "\": ";
  if (command.find('/') == std::string::npos)
    look += "executable file not found in $PATH";
  else if (f.err == EACCES)
    look += "permission denied";
  else
    look += "stat " + command + ": " + why;
  return "failed to find name in PATH: " + look;
}

std::string setup_error(const KeeperMessage& m, const ViewPlan& plan) {
  std::string what;
  switch (m.value) {
    case kStepUserNamespace: what = "create a user namespace"; break;
    case kStepIdMaps: what = "map the user and group IDs of the user namespace"; break;
    case kStepNamespaces: what = "create mount, PID, UTS and IPC namespaces"; break;
    case kStepPrivate: what = "make the mount namespace private"; break;
    case kStepChdir: what = "enter the view folder"; break;
    case kStepHostname: what = "set the host name"; break;
    case kStepFork: what = "start the container init"; break;
    default: what = plan.describe(static_cast<size_t>(m.value));
  }
  return "cannot " + what + ": " + strerror(m.err);
}

// Reads whole keeper messages from the status pipe; false at end of file.
class StatusReader {
 public:
  explicit StatusReader(int fd) : fd_(fd) {}
  int fd() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  template <typename F>
  void pump(F&& on_message) {
    char buffer[sizeof(KeeperMessage) * 8];
    ssize_t n = read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) return;
    if (n <= 0) {
      close(fd_);
      fd_ = -1;
      return;
    }
    pending_.append(buffer, static_cast<size_t>(n));
    while (pending_.size() >= sizeof(KeeperMessage)) {
      KeeperMessage m;
      memcpy(&m, pending_.data(), sizeof m);
      pending_.erase(0, sizeof m);
      on_message(m);
    }
  }
  ~StatusReader() {
    if (fd_ >= 0) close(fd_);
  }

 private:
  int fd_;
  std::string pending_;
};

// An init container or a sidecar, prepared for the init (its strings live
// here, the ChildContainer points into them).
struct PodContainerLaunch {
  std::vector<std::string> argv, env, candidates;
  std::vector<char*> argv_c, env_c;
  std::vector<const char*> candidates_c;
  std::string working_dir, log_rel, log_path;
};

// One process through its life: the state run() needs between the keeper's
// messages.
struct Launch {
  ChildPlan child;
  std::vector<std::string> argv, env, candidates;
  std::vector<char*> argv_c, env_c;
  std::vector<const char*> candidates_c;
  std::string working_dir;
  std::vector<unsigned long> dropped_caps;
  std::string uid_map, gid_map, hostname, root, proc;
  std::vector<PodContainerLaunch> pod;         // init containers, then sidecars
  std::vector<ChildContainer> pod_children;    // the same, for the child
};

// Prepares the pod's other containers (the node folder's log files named
// after them) for the child.
void prepare_pod_containers(const ProcessSpec& spec, const std::string& files_rel, Launch& l) {
  const size_t n = spec.init_containers.size() + spec.sidecars.size();
  l.pod.resize(n);
  l.pod_children.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const bool init = i < spec.init_containers.size();
    const PodContainer& c = init ? spec.init_containers[i] : spec.sidecars[i - spec.init_containers.size()];
    PodContainerLaunch& pl = l.pod[i];
    pl.argv = c.argv;
    pl.env = environment(c.env, l.hostname);
    pl.candidates = exec_candidates(c.argv[0], env_value(pl.env, "PATH"));
    pl.argv_c = c_array(pl.argv);
    pl.env_c = c_array(pl.env);
    for (const std::string& x : pl.candidates) pl.candidates_c.push_back(x.c_str());
    pl.working_dir = c.working_dir.empty() ? "/" : c.working_dir;
    pl.log_rel = files_rel + "/" + std::string(init ? "init-" : "sidecar-") + folder_name(c.name) + ".log";
    ChildContainer& cc = l.pod_children[i];
    cc.argv = pl.argv_c.data();
    cc.envp = pl.env_c.data();
    cc.exec_candidates = pl.candidates_c.data();
    cc.exec_candidate_count = pl.candidates_c.size();
    cc.working_dir = pl.working_dir.data();
    cc.log_path = pl.log_rel.c_str();
  }
}

}  // namespace

class HostExecutor : public Executor {
 public:
  HostExecutor(std::string work_dir, HostExecutorOptions options)
      : work_dir_(std::move(work_dir)), options_(options), reaper_(std::make_unique<KeeperReaper>()) {}
  ~HostExecutor() override {
    reaper_.reset();  // every keeper gone, every scratch folder removed
    if (options_.keep_node_files) node_scratch_.copy_out();
    node_scratch_.close();
    if (check_result_ && check_result_->empty()) remove_scratch((fs::path(work_dir_) / ".executor").string());
  }

  std::string check() override;
  ProcessResult run(const ProcessSpec& spec, const std::atomic<bool>& cancel, const OutputSink& on_output) override;
  std::string node_scratch_path() {
    std::lock_guard<std::mutex> lock(check_mutex_);
    return node_scratch_.path();
  }
  pid_t spawner_pid() {
    std::lock_guard<std::mutex> lock(check_mutex_);
    return spawner_.running() ? spawner_.helper() : -1;
  }
  std::optional<ViewStrategy> strategy() {
    std::lock_guard<std::mutex> lock(check_mutex_);
    if (!check_result_ || !check_result_->empty()) return std::nullopt;
    return strategy_;
  }

 private:
  // Runs `spec` in the view folder `view` (relative to the work folder)
  // with `strategy`, capturing into `files_rel` (the node's own files,
  // relative to the work folder), spilling to the node folder `node_dir` and
  // collecting outputs there. probe: check()'s trial
  // (no command). reap_later: the keeper's exit (the view's unmounting) is
  // left to the reaper.
  ProcessResult launch(const ProcessSpec& spec, const std::string& node_dir, const std::string& files_rel,
                       const std::string& view, ViewStrategy strategy, bool probe, bool reap_later, const std::atomic<bool>& cancel,
                       const OutputSink& on_output);
  std::shared_ptr<std::mutex> pod_lock(const std::string& pod);

  std::string work_dir_;
  HostExecutorOptions options_;
  std::mutex check_mutex_;
  std::optional<std::string> check_result_;
  ViewStrategy strategy_ = ViewStrategy::kOverlayRoot;
  std::vector<HostMount> host_mounts_;
  std::vector<unsigned long> dropped_caps_;
  std::mutex pods_mutex_;
  std::map<std::string, std::shared_ptr<std::mutex>> pods_;
  std::atomic<unsigned> launches_{0};
  NodeScratch node_scratch_;
  KeeperSpawner spawner_;  // (destroyed after the reaper: no keeper left to start)
  std::unique_ptr<KeeperReaper> reaper_;
};

std::string HostExecutor::check() {
  std::lock_guard<std::mutex> lock(check_mutex_);
  if (check_result_) return *check_result_;
  std::error_code ec;
  fs::create_directories(work_dir_, ec);
  fs::path absolute;
  if (!ec) absolute = fs::weakly_canonical(fs::absolute(work_dir_, ec), ec);
  if (ec) {
    check_result_ = "cannot create the run's work folder " + work_dir_ + ": " + ec.message();
    return *check_result_;
  }
  work_dir_ = absolute.string();
  host_mounts_ = read_host_mounts();
  dropped_caps_ = dropped_capabilities();
  std::vector<ViewStrategy> candidates;
  if (options_.strategy)
    candidates = {*options_.strategy};
  else if (geteuid() == 0)
    candidates = {ViewStrategy::kOverlayRoot, ViewStrategy::kOverlayPerFolder, ViewStrategy::kReadOnlyHost};
  else
    candidates = {ViewStrategy::kOverlayPerFolder, ViewStrategy::kReadOnlyHost};
  std::string reasons;
  for (ViewStrategy s : candidates) {
    const std::string probe = ".probe-" + std::to_string(getpid());
    const std::string probe_dir = (fs::path(work_dir_) / probe).string();
    ProcessSpec spec;
    spec.node_id = probe;
    spec.argv = {"true"};
    std::atomic<bool> never{false};
    ProcessResult r = launch(spec, probe_dir, probe, probe + "/view", s, true, false, never, {});
    fs::remove_all(probe_dir, ec);
    if (r.error.empty() && r.exit_code == 0) {
      strategy_ = s;
      check_result_ = "";
      // After the host's mounts were read (the views must not bind it) and
      // only once the run will go on. Where it cannot be made, the node
      // files stay on disk: slower, the same otherwise.
      if (options_.scratch_in_memory) node_scratch_.open(work_dir_, options_.scratch_size);
      // After the scratch (its keepers must see it), before any thread.
      // Where it cannot start, keepers are forked from flowc as before.
      if (options_.keeper_spawner) spawner_.start();
      return "";
    }
    reasons += std::string(reasons.empty() ? "" : "; ") + strategy_name(s) + ": " +
               (r.error.empty() ? "the trial process exited with " + std::to_string(r.exit_code) : r.error);
  }
  std::string hint;
  if (geteuid() != 0) {
    int n = -1;
    std::ifstream("/proc/sys/user/max_user_namespaces") >> n;
    int restricted = 0;
    std::ifstream("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") >> restricted;
    if (n == 0) hint = " (user namespaces are disabled: /proc/sys/user/max_user_namespaces is 0)";
    else if (restricted == 1)
      hint = " (AppArmor forbids unprivileged user namespaces: kernel.apparmor_restrict_unprivileged_userns = 1)";
  }
  check_result_ = "cannot run a node's processes isolated on this machine, so nothing is run: " + reasons + hint;
  return *check_result_;
}

std::shared_ptr<std::mutex> HostExecutor::pod_lock(const std::string& pod) {
  std::lock_guard<std::mutex> lock(pods_mutex_);
  auto& m = pods_[pod];
  if (!m) m = std::make_shared<std::mutex>();
  return m;
}

ProcessResult HostExecutor::run(const ProcessSpec& spec, const std::atomic<bool>& cancel,
                                const OutputSink& on_output) {
  ProcessResult result;
  result.started_at = std::chrono::system_clock::now();
  auto fail = [&](std::string why) {
    result.error = std::move(why);
    result.finished_at = std::chrono::system_clock::now();
    for (const std::string& p : spec.output_paths) result.outputs.push_back({p, "", false, false});
    return result;
  };
  std::string why = check();
  if (!why.empty()) return fail(why);
  if (spec.argv.empty() || spec.argv[0].empty()) return fail("the container has no command to run");
  if (!spec.working_dir.empty() && spec.working_dir[0] != '/')
    return fail("the working directory \"" + spec.working_dir + "\" is not an absolute path");
  for (const auto* list : {&spec.init_containers, &spec.sidecars})
    for (const PodContainer& c : *list) {
      if (c.argv.empty() || c.argv[0].empty()) return fail("container '" + c.name + "' has no command to run");
      if (!c.working_dir.empty() && c.working_dir[0] != '/')
        return fail("the working directory \"" + c.working_dir + "\" of container '" + c.name + "' is not an absolute path");
    }
  const std::string node_name = folder_name(spec.node_id.empty() ? "node" : spec.node_id);
  const fs::path node_dir = fs::path(work_dir_) / node_name;
  // The node's own files: in the node scratch (memory) when there is one,
  // else in its folder on disk. Its outputs always go to the disk folder.
  const std::string files_rel = node_scratch_.active() ? std::string(NodeScratch::kFolder) + "/" + node_name : node_name;
  const fs::path files_dir = fs::path(work_dir_) / files_rel;
  std::error_code ec;
  fs::create_directories(files_dir, ec);
  if (ec) return fail("cannot create the node's folder " + files_dir.string() + ": " + ec.message());
  // The view's mount point with the node's files when the view is a tmpfs
  // of its keeper (the overlay of /); the other strategies' views are
  // overlays whose upper and work folders must share one filesystem (the
  // disk: the launch's scratch is there) and stay in the node's folder.
  const std::string view_base = strategy_ == ViewStrategy::kOverlayRoot ? files_rel : node_name;
  std::string view = view_base + "/view";
  fs::remove_all(fs::path(work_dir_) / view, ec);  // a node run again starts from a clean view, as a new pod would
  std::shared_ptr<std::mutex> pod;
  std::unique_lock<std::mutex> pod_guard;
  if (!spec.pod.empty()) {
    // A pod's containers share one view; they run one after another (the
    // header's contract), and the lock makes sure of it.
    view = ".pods/" + folder_name(spec.pod);  // (a node's folder never starts with '.')
    pod = pod_lock(spec.pod);
    pod_guard = std::unique_lock<std::mutex>(*pod);
  }
  // A pod's next container reuses the view: its keeper must be gone first.
  ProcessResult r =
      launch(spec, node_dir.string(), files_rel, view, strategy_, false, spec.pod.empty(), cancel, on_output);
  r.started_at = std::min(r.started_at, result.started_at);
  return r;
}

ProcessResult HostExecutor::launch(const ProcessSpec& spec, const std::string& node_dir, const std::string& files_rel,
                                   const std::string& view, ViewStrategy strategy, bool probe, bool reap_later, const std::atomic<bool>& cancel,
                                   const OutputSink& on_output) {
  ProcessResult result;
  result.started_at = std::chrono::system_clock::now();
  const auto start = Clock::now();
  auto finish = [&](std::string error) {
    result.error = std::move(error);
    if (result.outputs.empty())
      for (const std::string& p : spec.output_paths) result.outputs.push_back({p, "", false, false});
    result.finished_at = std::chrono::system_clock::now();
    return result;
  };
  // The node's capture files.
  const fs::path files_dir = fs::path(work_dir_) / files_rel;
  std::error_code ec;
  fs::create_directories(files_dir, ec);
  result.stdout_path = (files_dir / "stdout").string();
  result.stderr_path = (files_dir / "stderr").string();
  // Spilling to disk: only from the node scratch (a bounded tmpfs).
  const bool spills = files_dir != fs::path(node_dir);
  int out_file = open(result.stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err_file = open(result.stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  Pipe out, err, status, go, release, exec_err;
  if (out_file < 0 || err_file < 0 || !out.open() || !err.open() || !status.open() || !go.open_socket() ||
      !release.open() || !exec_err.open()) {
    int e = errno;
    if (out_file >= 0) close(out_file);
    if (err_file >= 0) close(err_file);
    return finish(std::string("cannot create the node's output files and pipes: ") + strerror(e));
  }
  StreamCapture out_capture(out.r, out_file, false, result.stdout_path, spills ? node_dir + "/stdout" : ""),
      err_capture(err.r, err_file, true, result.stderr_path, spills ? node_dir + "/stderr" : "");
  out.r = err.r = -1;  // owned by the captures now

  ViewPlan plan;
  std::string error;
  const bool user_ns = geteuid() != 0;
  const std::string scratch = ".executor/" + std::to_string(getpid()) + "-" + std::to_string(++launches_);
  // A pod's view is read again by its next container: on disk. A node's own
  // view lives only as long as its keeper: in memory.
  if (!plan.build(strategy, work_dir_, view, scratch, host_mounts_, user_ns, spec.pod.empty(), error)) {
    remove_scratch((fs::path(work_dir_) / scratch).string());
    return finish(error);
  }
  for (const VolumeMount& m : spec.mounts) plan.bind_volume(m.host_path, m.container_path, m.read_only);

  Launch l;
  l.root = view + "/root";
  l.proc = view + "/root/proc";
  for (const auto& [name, value] : spec.env)
    if (name == "HOSTNAME") l.hostname = value;
  if (l.hostname.empty()) l.hostname = spec.pod.empty() ? spec.node_id : spec.pod;
  if (l.hostname.size() > HOST_NAME_MAX) l.hostname.resize(HOST_NAME_MAX);
  l.argv = spec.argv;
  l.env = environment(spec.env, l.hostname);
  l.candidates = exec_candidates(spec.argv[0], env_value(l.env, "PATH"));
  l.argv_c = c_array(l.argv);
  l.env_c = c_array(l.env);
  for (const std::string& c : l.candidates) l.candidates_c.push_back(c.c_str());
  l.working_dir = spec.working_dir.empty() ? "/" : spec.working_dir;
  l.uid_map = "0 " + std::to_string(geteuid()) + " 1";
  l.gid_map = "0 " + std::to_string(getegid()) + " 1";
  ChildPlan& c = l.child;
  c.status_w = status.w;
  c.go_r = go.r;
  c.release_r = release.r;
  c.out_w = out.w;
  c.err_w = err.w;
  c.exec_err_w = exec_err.w;
  c.parent_pid = getpid();
  c.user_namespace = user_ns;
  c.uid_map = l.uid_map.c_str();
  c.gid_map = l.gid_map.c_str();
  c.work_dir = work_dir_.c_str();
  c.steps = plan.steps().data();
  c.step_count = plan.steps().size();
  c.hostname = l.hostname.c_str();
  c.hostname_len = l.hostname.size();
  c.root = l.root.c_str();
  c.proc = l.proc.c_str();
  c.working_dir = l.working_dir.data();
  c.dropped_caps = dropped_caps_.data();
  c.dropped_cap_count = dropped_caps_.size();
  c.argv = l.argv_c.data();
  c.envp = l.env_c.data();
  c.exec_candidates = l.candidates_c.data();
  c.exec_candidate_count = l.candidates_c.size();
  c.probe = probe;
  if (!probe) {
    prepare_pod_containers(spec, files_rel, l);
    c.init_containers = l.pod_children.data();
    c.init_container_count = spec.init_containers.size();
    c.sidecars = l.pod_children.data() + spec.init_containers.size();
    c.sidecar_count = spec.sidecars.size();
    c.sidecar_grace_ms = static_cast<long>(options_.grace.count());
  }

  pid_t keeper = spawner_.running() ? spawner_.spawn(c) : spawn_keeper(c);
  if (keeper < 0 && errno == EPIPE) keeper = spawn_keeper(c);  // the helper is gone (killed): fork as before
  if (keeper < 0) {
    remove_scratch((fs::path(work_dir_) / scratch).string());
    return finish(std::string("cannot start a process: ") + strerror(errno));
  }
  // The view as this process reaches it: through the keeper's mount namespace.
  const std::string view_path = "/proc/" + std::to_string(keeper) + "/root" + work_dir_ + "/" + view + "/root";
  // The child's ends: only the keeper (and the init) may hold them.
  Pipe::shut(status.w);
  Pipe::shut(go.r);
  Pipe::shut(release.r);
  Pipe::shut(out.w);
  Pipe::shut(err.w);
  Pipe::shut(exec_err.w);

  StatusReader keeper_status(status.r);
  status.r = -1;
  pid_t init = -1;
  bool exited = false;
  int wait_status = 0;
  GroupTermination termination;
  std::optional<ExecFailure> exec_failure;
  const bool has_deadline = spec.deadline.has_value();
  const Clock::time_point deadline = has_deadline ? start + *spec.deadline : Clock::time_point::max();

  auto stop = [&](bool timed_out) {
    if (result.timed_out || result.cancelled || exited) return;
    (timed_out ? result.timed_out : result.cancelled) = true;
    if (init > 0)
      termination.begin(init, Clock::now(), options_.grace);
    else
      Pipe::shut(go.w);  // not started yet: the keeper gives up
  };
  auto on_message = [&](const KeeperMessage& m) {
    switch (m.kind) {
      case KeeperMessage::kReady: {
        if (result.timed_out || result.cancelled) break;
        if (!probe) {
          ViewAccess access(view_path);
          error = access.error();
          for (size_t i = 0; error.empty() && i < spec.inputs.size(); ++i) error = access.place(spec.inputs[i]);
        }
        if (error.empty() && go.w >= 0) {
          char byte = 1;
          if (send(go.w, &byte, 1, MSG_NOSIGNAL) != 1) error = std::string("cannot start the node's process: ") + strerror(errno);
        }
        if (!error.empty()) Pipe::shut(go.w);
        break;
      }
      case KeeperMessage::kStarted:
        init = m.value;
        if (!probe && spec.on_started) spec.on_started();
        if (result.timed_out || result.cancelled) termination.begin(init, Clock::now(), options_.grace);
        break;
      case KeeperMessage::kExited:
        exited = true;
        wait_status = m.value;
        break;
      case KeeperMessage::kSetupFailed:
        error = setup_error(m, plan);
        break;
      case KeeperMessage::kInitExited:
      case KeeperMessage::kSidecarExited: {
        const bool init = m.kind == KeeperMessage::kInitExited;
        const size_t index = static_cast<size_t>(m.value & ~KeeperMessage::kSidecarStopped);
        const auto& list = init ? spec.init_containers : spec.sidecars;
        if (index >= list.size()) break;
        const size_t at = init ? index : spec.init_containers.size() + index;
        result.pod_containers.push_back({list[index].name, m.err, init,
                                         !init && (m.value & KeeperMessage::kSidecarStopped) != 0,
                                         (fs::path(work_dir_) / l.pod[at].log_rel).string()});
        break;
      }
    }
  };

  // Until the keeper has said all it will and both streams have ended (the
  // init's exit ends its namespace, and with it every writer).
  int exec_err_fd = exec_err.r;
  while ((keeper_status.open() && !exited) || out_capture.open() || err_capture.open() || exec_err_fd >= 0) {
    const auto now = Clock::now();
    if (cancel.load()) stop(false);
    if (has_deadline && now >= deadline) stop(true);
    // Wake up for cancel (an atomic flag, not a descriptor: every 20 ms),
    // the deadline, and the SIGKILL after the grace period.
    auto wait = std::chrono::milliseconds(20);
    if (has_deadline && !result.timed_out)
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) + 1ms);
    // (The init is not reaped before the keeper is released, so its PID
    // cannot be another process's while this may still signal it.)
    if (auto t = termination.tick(now)) wait = std::min(wait, *t);
    pollfd fds[4];
    int n = 0;
    auto watch = [&](int fd) {
      if (fd >= 0) fds[n++] = {fd, POLLIN, 0};
    };
    watch(keeper_status.open() && !exited ? keeper_status.fd() : -1);
    watch(out_capture.fd());
    watch(err_capture.fd());
    watch(exec_err_fd);
    if (poll(fds, n, static_cast<int>(std::max<long>(0, wait.count()))) <= 0) continue;
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == keeper_status.fd()) {
        keeper_status.pump(on_message);
      } else if (fds[i].fd == out_capture.fd()) {
        out_capture.pump(on_output);
      } else if (fds[i].fd == err_capture.fd()) {
        err_capture.pump(on_output);
      } else if (fds[i].fd == exec_err_fd) {
        ExecFailure f;
        if (read(exec_err_fd, &f, sizeof f) == sizeof f) exec_failure = f;
        close(exec_err_fd);
        exec_err_fd = -1;
        exec_err.r = -1;
      }
    }
  }

  // Collect the outputs while the keeper still holds the view.
  if (exited && !probe) {
    ViewAccess access(view_path);
    for (const std::string& p : spec.output_paths) {
      std::string collect_error;
      std::string rel = view_relative(p);
      const std::string host = (fs::path(node_dir) / "outputs" / (rel == "!" ? "_" : rel)).string();
      if (access.ok())
        result.outputs.push_back(access.collect(p, host, collect_error));
      else
        result.outputs.push_back({p, "", false, false});
      if (error.empty() && !access.ok()) error = access.error();
      if (error.empty() && !collect_error.empty()) error = collect_error;
    }
  }
  Pipe::shut(release.w);
  Pipe::shut(go.w);
  const std::string scratch_path = (fs::path(work_dir_) / scratch).string();
  if (reap_later) {
    reaper_->adopt(keeper, scratch_path);
  } else {
    while (waitpid(keeper, nullptr, 0) < 0 && errno == EINTR) {
    }
    remove_scratch(scratch_path);
  }

  result.stdout_path = out_capture.path();
  result.stderr_path = err_capture.path();
  if (exec_failure) {
    // The command's own failure: exit code 64 and the message on standard
    // error, as argoexec (cmd/argoexec/main.go) exits and prints. A failure
    // to make the view is ours: 128, as Kubernetes reports a container that
    // could not start (StartError).
    const bool command_failed = exec_failure->stage == kStageLookPath || exec_failure->stage == kStageExec;
    result.exit_code = command_failed ? 64 : 128;
    std::string message = exec_error(*exec_failure, spec.argv[0], l.candidates, l.working_dir);
    if (command_failed) err_capture.append(message + "\n", on_output);
    result.stderr_path = err_capture.path();  // (the append may have spilled it)
    return finish(message);
  }
  if (exited) result.exit_code = container_exit_code(wait_status);
  // An init container failed: the main container never started.
  if (!result.pod_containers.empty() && result.pod_containers.back().init && result.pod_containers.back().exit_code != 0)
    result.exit_code = -1;
  if (error.empty() && !out_capture.error().empty()) error = out_capture.error();
  if (error.empty() && !err_capture.error().empty()) error = err_capture.error();
  if (error.empty() && !exited && !result.cancelled && !result.timed_out)
    error = "the node's process ended without an exit status";
  return finish(error);
}

std::string node_scratch_path(Executor& executor) {
  if (auto* host = dynamic_cast<HostExecutor*>(&executor)) return host->node_scratch_path();
  return "";
}

pid_t keeper_spawner_pid(Executor& executor) {
  if (auto* host = dynamic_cast<HostExecutor*>(&executor)) return host->spawner_pid();
  return -1;
}

std::optional<ViewStrategy> chosen_strategy(Executor& executor) {
  if (auto* host = dynamic_cast<HostExecutor*>(&executor)) return host->strategy();
  return std::nullopt;
}

std::unique_ptr<Executor> make_host_executor(const std::string& work_dir, const HostExecutorOptions& options) {
  return std::make_unique<HostExecutor>(work_dir, options);
}

}  // namespace executor

std::unique_ptr<Executor> make_host_executor(const std::string& work_dir, bool keep_node_files) {
  executor::HostExecutorOptions options;
  options.keep_node_files = keep_node_files;
  return executor::make_host_executor(work_dir, options);
}

}  // namespace flowc::run

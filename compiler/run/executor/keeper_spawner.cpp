// The keeper spawner (keeper_spawner.h): a ChildPlan flattened into bytes
// and its pipes as SCM_RIGHTS, one request at a time over a socket pair.
#include "run/executor/keeper_spawner.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <deque>
#include <vector>

#include "run/executor/node_scratch.h"

namespace flowc::run::executor {
namespace {

constexpr int kPipes = 6;  // status_w, go_r, release_r, out_w, err_w, exec_err_w

// ---- the plan as bytes ----------------------------------------------------

struct Writer {
  std::string out;
  void u64(uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const char* s) {  // null stays null
    u64(s ? strlen(s) + 1 : 0);
    if (s) out.append(s, strlen(s));
  }
  void strv(const char* const* v) {  // a null-terminated array
    size_t n = 0;
    while (v && v[n]) ++n;
    u64(v ? n + 1 : 0);
    for (size_t i = 0; i < n; ++i) str(v[i]);
  }
  void list(const char* const* v, size_t n) {
    u64(n);
    for (size_t i = 0; i < n; ++i) str(v[i]);
  }
  void container(const ChildContainer& c) {
    strv(c.argv);
    strv(c.envp);
    list(c.exec_candidates, c.exec_candidate_count);
    str(c.working_dir);
    str(c.log_path);
  }
};

// The plan rebuilt in the helper; every pointer into this object's storage.
struct Reader {
  const std::string& in;
  size_t at = 0;
  bool ok = true;
  std::deque<std::string> strings;          // deque: elements never move
  std::deque<std::vector<char*>> arrays;
  std::deque<std::vector<const char*>> const_arrays;
  std::vector<MountStep> steps;
  std::vector<unsigned long> caps;
  std::vector<ChildContainer> containers;
  ChildPlan plan;

  uint64_t u64() {
    uint64_t v = 0;
    if (at + sizeof v > in.size()) {
      ok = false;
      return 0;
    }
    memcpy(&v, in.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  char* str() {
    uint64_t n = u64();
    if (n == 0) return nullptr;
    if (at + n - 1 > in.size()) {
      ok = false;
      return nullptr;
    }
    strings.emplace_back(in.data() + at, n - 1);
    at += n - 1;
    return strings.back().data();
  }
  char* const* strv() {
    uint64_t n = u64();
    if (n == 0 || !ok) return nullptr;
    auto& v = arrays.emplace_back();
    for (uint64_t i = 0; ok && i + 1 < n; ++i) v.push_back(str());
    v.push_back(nullptr);
    return v.data();
  }
  const char* const* list(size_t& count) {
    count = u64();
    auto& v = const_arrays.emplace_back();
    for (size_t i = 0; ok && i < count; ++i) v.push_back(str());
    return v.data();
  }
  void container(ChildContainer& c) {
    c.argv = strv();
    c.envp = strv();
    c.exec_candidates = list(c.exec_candidate_count);
    c.working_dir = str();
    c.log_path = str();
  }
};

std::string flatten(const ChildPlan& p) {
  Writer w;
  w.u64(static_cast<uint64_t>(p.parent_pid));
  w.u64(p.user_namespace);
  w.str(p.uid_map);
  w.str(p.gid_map);
  w.str(p.work_dir);
  w.u64(p.step_count);
  for (size_t i = 0; i < p.step_count; ++i) {
    const MountStep& s = p.steps[i];
    w.u64(s.kind);
    w.str(s.source);
    w.str(s.target);
    w.str(s.fstype);
    w.u64(s.flags);
    w.str(s.data);
    w.u64(s.optional);
  }
  w.out.append(reinterpret_cast<const char*>(&p.hostname_len), sizeof p.hostname_len);
  w.out.append(p.hostname ? p.hostname : "", p.hostname ? p.hostname_len : 0);
  w.str(p.root);
  w.str(p.proc);
  w.str(p.working_dir);
  w.u64(p.dropped_cap_count);
  for (size_t i = 0; i < p.dropped_cap_count; ++i) w.u64(p.dropped_caps[i]);
  w.strv(p.argv);
  w.strv(p.envp);
  w.list(p.exec_candidates, p.exec_candidate_count);
  w.u64(p.probe);
  w.u64(p.init_container_count);
  for (size_t i = 0; i < p.init_container_count; ++i) w.container(p.init_containers[i]);
  w.u64(p.sidecar_count);
  for (size_t i = 0; i < p.sidecar_count; ++i) w.container(p.sidecars[i]);
  w.u64(static_cast<uint64_t>(p.sidecar_grace_ms));
  return w.out;
}

bool rebuild(Reader& r) {
  ChildPlan& p = r.plan;
  p.parent_pid = static_cast<pid_t>(r.u64());
  p.user_namespace = r.u64() != 0;
  p.uid_map = r.str();
  p.gid_map = r.str();
  p.work_dir = r.str();
  const uint64_t steps = r.u64();
  for (uint64_t i = 0; r.ok && i < steps; ++i) {
    MountStep s;
    s.kind = static_cast<MountStep::Kind>(r.u64());
    s.source = r.str();
    s.target = r.str();
    s.fstype = r.str();
    s.flags = r.u64();
    s.data = r.str();
    s.optional = r.u64() != 0;
    r.steps.push_back(s);
  }
  p.steps = r.steps.data();
  p.step_count = r.steps.size();
  p.hostname_len = r.u64();
  if (!r.ok || r.at + p.hostname_len > r.in.size()) return false;
  r.strings.emplace_back(r.in.data() + r.at, p.hostname_len);
  r.at += p.hostname_len;
  p.hostname = r.strings.back().c_str();
  p.root = r.str();
  p.proc = r.str();
  p.working_dir = r.str();
  const uint64_t caps = r.u64();
  for (uint64_t i = 0; r.ok && i < caps; ++i) r.caps.push_back(r.u64());
  p.dropped_caps = r.caps.data();
  p.dropped_cap_count = r.caps.size();
  p.argv = r.strv();
  p.envp = r.strv();
  p.exec_candidates = r.list(p.exec_candidate_count);
  p.probe = r.u64() != 0;
  const uint64_t inits = r.u64();
  if (!r.ok || inits > r.in.size()) return false;
  r.containers.resize(inits);
  for (auto& c : r.containers) r.container(c);
  const uint64_t sidecars = r.u64();
  if (!r.ok || sidecars > r.in.size()) return false;
  r.containers.resize(inits + sidecars);  // (the init containers' pointers are into other storage: safe)
  for (uint64_t i = 0; i < sidecars; ++i) r.container(r.containers[inits + i]);
  p.init_containers = r.containers.data();
  p.init_container_count = inits;
  p.sidecars = r.containers.data() + inits;
  p.sidecar_count = sidecars;
  p.sidecar_grace_ms = static_cast<long>(r.u64());
  return r.ok && r.at == r.in.size();
}

// ---- the socket -----------------------------------------------------------

bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, size_t size) {
  while (size > 0) {
    ssize_t n = read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The request's header: the plan's size, with the pipes attached.
bool send_header(int fd, uint64_t size, const int (&pipes)[kPipes]) {
  char control[CMSG_SPACE(sizeof pipes)] = {};
  iovec iov{&size, sizeof size};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof pipes);
  memcpy(CMSG_DATA(c), pipes, sizeof pipes);
  ssize_t n;
  while ((n = sendmsg(fd, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
  }
  return n == static_cast<ssize_t>(sizeof size);
}

bool receive_header(int fd, uint64_t& size, int (&pipes)[kPipes]) {
  char control[CMSG_SPACE(sizeof pipes)] = {};
  iovec iov{&size, sizeof size};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  while ((n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC | MSG_WAITALL)) < 0 && errno == EINTR) {
  }
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  if (n != static_cast<ssize_t>(sizeof size) || !c || c->cmsg_type != SCM_RIGHTS ||
      c->cmsg_len != CMSG_LEN(sizeof pipes))
    return false;
  memcpy(pipes, CMSG_DATA(c), sizeof pipes);
  return true;
}

// The helper: one keeper per request, until flowc closes the socket.
[[noreturn]] void helper_main(int fd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // Out of flowc's session: Ctrl-C on the terminal is flowc's to handle (it
  // cancels the nodes and may still start exit handlers' nodes).
  setsid();
  while (true) {
    uint64_t size = 0;
    int pipes[kPipes];
    if (!receive_header(fd, size, pipes)) _exit(0);
    std::string bytes(size, '\0');
    int32_t reply[2] = {-1, EINVAL};
    if (read_all(fd, bytes.data(), size)) {
      Reader r{bytes};
      if (rebuild(r)) {
        ChildPlan& p = r.plan;
        p.status_w = pipes[0];
        p.go_r = pipes[1];
        p.release_r = pipes[2];
        p.out_w = pipes[3];
        p.err_w = pipes[4];
        p.exec_err_w = pipes[5];
        reply[0] = spawn_keeper_for_parent(p);
        reply[1] = reply[0] < 0 ? errno : 0;
      }
    } else {
      _exit(0);
    }
    for (int p : pipes) close(p);
    if (!write_all(fd, reinterpret_cast<const char*>(reply), sizeof reply)) _exit(0);
  }
}

}  // namespace

std::string KeeperSpawner::start() {
  if (running()) return "";
  if (thread_count() != 1) return "the process has several threads";
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return strerror(errno);
  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    close(fds[0]);
    close(fds[1]);
    return strerror(e);
  }
  if (pid == 0) {
    close(fds[0]);
    helper_main(fds[1]);
  }
  close(fds[1]);
  socket_ = fds[0];
  helper_ = pid;
  return "";
}

pid_t KeeperSpawner::spawn(const ChildPlan& plan) {
  const std::string bytes = flatten(plan);
  const int pipes[kPipes] = {plan.status_w, plan.go_r, plan.release_r, plan.out_w, plan.err_w, plan.exec_err_w};
  std::lock_guard<std::mutex> lock(mutex_);
  int32_t reply[2] = {-1, EPIPE};
  if (socket_ < 0 || !send_header(socket_, bytes.size(), pipes) || !write_all(socket_, bytes.data(), bytes.size()) ||
      !read_all(socket_, reinterpret_cast<char*>(reply), sizeof reply)) {
    errno = EPIPE;  // the helper is gone
    return -1;
  }
  if (reply[0] < 0) errno = reply[1];
  return reply[0];
}

KeeperSpawner::~KeeperSpawner() {
  if (socket_ >= 0) close(socket_);  // the helper reads end of file and exits
  if (helper_ > 0)
    while (waitpid(helper_, nullptr, 0) < 0 && errno == EINTR) {
    }
}

}  // namespace flowc::run::executor

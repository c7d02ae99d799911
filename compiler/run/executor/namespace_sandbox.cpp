#include "run/executor/namespace_sandbox.h"

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace flowc::run::executor {
namespace {

// Filesystems that hold no programs or data a process would need from the
// host: kernel interfaces the view makes for itself (/proc, /sys, /dev), and
// scratch space (tmpfs) that a pod would not see either.
bool is_virtual(const std::string& fstype) {
  static const char* const kVirtual[] = {"proc",     "sysfs",    "devtmpfs",  "devpts",    "tmpfs",    "ramfs",
                                         "cgroup",   "cgroup2",  "mqueue",    "debugfs",   "tracefs",  "securityfs",
                                         "pstore",   "bpf",      "configfs",  "fusectl",   "hugetlbfs", "autofs",
                                         "binfmt_misc", "efivarfs", "nsfs",   "rpc_pipefs", "selinuxfs"};
  return std::find(std::begin(kVirtual), std::end(kVirtual), fstype) != std::end(kVirtual);
}

bool under(const std::string& path, const std::string& folder) {
  if (folder == "/") return true;
  return path == folder || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
                            path[folder.size()] == '/');
}

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size()) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Characters overlayfs's option string gives a meaning to.
bool overlay_safe(const std::string& s) { return s.find_first_of(",:\\=") == std::string::npos; }

}  // namespace

const char* strategy_name(ViewStrategy s) {
  switch (s) {
    case ViewStrategy::kOverlayRoot: return "overlay of /";
    case ViewStrategy::kOverlayPerFolder: return "an overlay per top-level folder";
    case ViewStrategy::kReadOnlyHost: return "the host read-only, /tmp writable";
  }
  return "?";
}

std::vector<HostMount> read_host_mounts() {
  std::vector<HostMount> mounts;
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, parent, dev, root, mount_point, word;
    fields >> id >> parent >> dev >> root >> mount_point;
    while (fields >> word && word != "-") {
    }
    std::string fstype;
    fields >> fstype;
    mounts.push_back({unescape(mount_point), fstype});
  }
  return mounts;
}

const char* ViewPlan::keep(std::string s) {
  strings_.push_back(std::move(s));
  return strings_.back().c_str();
}

void ViewPlan::mount(const std::string& source, const std::string& target, const char* fstype, unsigned long flags,
                     const std::string& data, bool optional) {
  MountStep s{MountStep::kMount};
  s.source = keep(source);
  s.target = keep(target);
  s.fstype = fstype;
  s.flags = flags;
  s.data = data.empty() ? nullptr : keep(data);
  s.optional = optional;
  add(s);
}

void ViewPlan::bind_read_only(const std::string& host_path, const std::string& target, bool optional) {
  mount(host_path, target, nullptr, MS_BIND | MS_REC, "", optional);
  MountStep ro{MountStep::kReadOnlyRec};
  ro.target = keep(target);
  ro.optional = optional;
  add(ro);
}

void ViewPlan::bind_volume(const std::string& host_path, const std::string& container_path, bool read_only) {
  // Each missing folder of the mount path is made in the view (it lands in
  // the node's layer, never on the host), then the volume is bound on it.
  std::string target = in_view("root");
  size_t start = 1;
  while (start <= container_path.size()) {
    size_t slash = container_path.find('/', start);
    std::string part = container_path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!part.empty() && part != "." && part != "..") {
      target += "/" + part;
      add({MountStep::kMkdir, nullptr, keep(target), nullptr, 0, nullptr, false});
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (read_only) bind_read_only(host_path, target, false);
  else mount(host_path, target, nullptr, MS_BIND | MS_REC, "", false);
}

// A /dev of its own, as a container runtime makes one: the process cannot
// write to the host's devices or create nodes there.
void ViewPlan::private_dev() {
  mount("tmpfs", in_view("root/dev"), "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=1024k", false);
  for (const char* dev : {"null", "zero", "full", "random", "urandom", "tty"}) {
    std::string target = in_view(std::string("root/dev/") + dev);
    add({MountStep::kTouch, nullptr, keep(target), nullptr, 0, nullptr, true});
    mount(std::string("/dev/") + dev, target, nullptr, MS_BIND, "", true);
  }
  const char* links[][2] = {{"/proc/self/fd", "root/dev/fd"},
                            {"/proc/self/fd/0", "root/dev/stdin"},
                            {"/proc/self/fd/1", "root/dev/stdout"},
                            {"/proc/self/fd/2", "root/dev/stderr"}};
  for (auto& l : links) add({MountStep::kSymlink, l[0], keep(in_view(l[1])), nullptr, 0, nullptr, true});
  add({MountStep::kMkdir, nullptr, keep(in_view("root/dev/shm")), nullptr, 0, nullptr, true});
  mount("tmpfs", in_view("root/dev/shm"), "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", true);
}

// The host's other real filesystems (a /work or /home of their own: where
// the programs a node runs may live), read-only at the same path. Scratch
// and kernel filesystems are not carried over. `skip_top_level`: mounts on
// a top-level folder are handled by the per-folder strategies themselves.
void ViewPlan::host_submounts(const std::vector<HostMount>& host_mounts, bool skip_top_level) {
  std::vector<std::string> covered = {"/proc", "/sys", "/dev"};
  for (const HostMount& m : host_mounts) {
    if (m.path == "/" || m.path.empty() || m.path[0] != '/') continue;
    bool skip = std::any_of(covered.begin(), covered.end(), [&](const std::string& c) { return under(m.path, c); });
    if (skip) continue;
    covered.push_back(m.path);  // a recursive bind brings what is mounted below it
    if (is_virtual(m.fstype)) continue;
    if (skip_top_level && m.path.find('/', 1) == std::string::npos) continue;
    bind_read_only(m.path, in_view("root" + m.path), true);
  }
}

bool ViewPlan::make_folder(const std::string& relative, std::string& error) {
  std::error_code ec;
  fs::create_directories(fs::path(work_dir_) / relative, ec);
  if (ec) error = "cannot create " + (fs::path(work_dir_) / relative).string() + ": " + ec.message();
  return !ec;
}

// An overlay of the host folder `lower` onto upper/<rel>, with its kernel
// scratch in the launch's scratch folder (work/ of the view when in memory). volatile: no sync of the upper
// layer at unmount (it is scratch; a sync per node would cost more than the
// node). Relative paths (from the keeper's working directory, the work
// folder) keep the work folder's own path out of the option string.
bool ViewPlan::overlay(const std::string& lower, const std::string& rel, const std::string& target,
                       bool user_namespace, std::string& error) {
  const std::string upper = in_view(rel.empty() ? "upper" : "upper/" + rel);
  const std::string work = (in_memory_ ? in_view("work") : scratch_) + (rel.empty() ? "" : "/" + rel);
  if (!view_folder(upper, error) || !view_folder(work, error)) return false;
  mount("overlay", target, "overlay", 0,
        "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work + ",volatile" +
            (user_namespace ? ",userxattr" : ""),
        false);
  return true;
}

bool ViewPlan::build(ViewStrategy strategy, const std::string& work_dir, const std::string& view, const std::string& scratch,
                     const std::vector<HostMount>& host_mounts, bool user_namespace, bool in_memory, std::string& error) {
  strings_.clear();
  steps_.clear();
  work_dir_ = work_dir;
  view_ = view;
  scratch_ = scratch;
  // Only the overlay of / (root): a user namespace's overlay on a tmpfs
  // needs user xattrs there (kernel 6.6+), which the per-folder strategy
  // cannot count on.
  in_memory_ = in_memory && strategy == ViewStrategy::kOverlayRoot;
  if (in_memory_) {
    // The view folder (the writable layer: upper, overlayfs's work folder,
    // /tmp, /var/tmp) a tmpfs of the keeper's mount namespace, as a
    // container's writable layer: nothing of it is made or deleted on the
    // host's disk. On a journal-less ext4 (this machine's) every folder
    // created soon after another was deleted costs a scan of the inode
    // table (ext4 find_inode_bit / recently_deleted), and overlayfs creates
    // and deletes its probe files at every mount: that was 40% of flowc
    // run's CPU and grew with the run's length (docs/run.md "Speed").
    if (!make_folder(view_, error)) return false;
    mount("tmpfs", view_, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755", false);
  }
  if (!view_folder(in_view("root"), error)) return false;
  if (strategy == ViewStrategy::kOverlayRoot) {
    if (!overlay("/", "", in_view("root"), user_namespace, error)) return false;
    host_submounts(host_mounts, false);
    private_tmp();
    private_var_tmp();
  } else if (!per_folder(strategy, host_mounts, user_namespace, error)) {
    return false;
  }
  bind_read_only("/sys", in_view("root/sys"), true);
  private_dev();
  // Other nodes' folders (and this one's upper layer) are none of its business.
  mount("tmpfs", in_view("root") + work_dir_, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
        "size=4k,mode=755", true);
  return true;
}

bool ViewPlan::per_folder(ViewStrategy strategy, const std::vector<HostMount>& host_mounts, bool user_namespace,
                          std::string& error) {
  if (!make_folder(in_view("base"), error)) return false;
  mount(in_view("base"), in_view("root"), nullptr, MS_BIND, "", false);
  for (const char* sub : {"var-tmp"}) {
    if (!make_folder(in_view(sub), error)) return false;
  }
  return per_folder_tree("", strategy, host_mounts, user_namespace, error);
}

// The entries of the host folder `host_dir` ("" for /), each made in base/:
// a link as a link, a file bound read-only, a mount point bound read-only
// (or, scratch, left an empty folder), /tmp and /var/tmp private and empty,
// a folder with mounts below it (or the user's home below it) walked in
// turn (a user namespace may not overlay a folder with mounts under it: the
// kernel refuses to clone a mount with locked children), an empty folder
// left empty in base/ (the same, for free), and any other folder an overlay
// onto upper/<path> -- unless writes there would fail anyway, and it is
// bound read-only: the read-only strategy, or a user namespace and a folder
// the user cannot write (the kernel checks the host owner through the
// overlay: root's folders stay root's).
bool ViewPlan::per_folder_tree(const std::string& host_dir, ViewStrategy strategy,
                               const std::vector<HostMount>& host_mounts, bool user_namespace, std::string& error) {
  const fs::path base = fs::path(work_dir_) / in_view("base");
  auto mounted_at = [&](const std::string& path) -> const HostMount* {
    const HostMount* found = nullptr;
    for (const HostMount& m : host_mounts)
      if (m.path == path) found = &m;  // the last one is on top
    return found;
  };
  auto mounts_below = [&](const std::string& path) {
    return std::any_of(host_mounts.begin(), host_mounts.end(),
                       [&](const HostMount& m) { return m.path != path && under(m.path, path); });
  };
  const char* home = getenv("HOME");
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (const auto& e : fs::directory_iterator(host_dir.empty() ? "/" : host_dir, ec)) entries.push_back(e);
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    const std::string name = e.path().filename().string();
    const std::string host = host_dir + "/" + name, rel = host.substr(1), target = in_view("root/" + rel);
    std::error_code ignored;
    if (e.is_symlink(ignored)) {
      fs::path link = base / rel;
      if (!fs::is_symlink(fs::symlink_status(link, ignored)))
        fs::create_symlink(fs::read_symlink(e.path(), ignored), link, ignored);
      continue;
    }
    if (!e.is_directory(ignored)) {  // a file (/container_info.json): read-only
      std::ofstream(base / rel, std::ios::app);
      bind_read_only(host, target, true);
      continue;
    }
    fs::create_directories(base / rel, ignored);
    if (rel == "proc" || rel == "sys" || rel == "dev" || rel == "tmp" || rel == "var/tmp") continue;
    if (const HostMount* m = mounted_at(host)) {
      if (!is_virtual(m->fstype)) bind_read_only(host, target, true);
      continue;  // scratch (tmpfs): an empty, writable folder of base/
    }
    const bool holds_home = user_namespace && home && *home && under(home, host) && host != home;
    if (mounts_below(host) || holds_home) {
      if (!per_folder_tree(host, strategy, host_mounts, user_namespace, error)) return false;
      continue;
    }
    if (fs::is_empty(e.path(), ignored) && !ignored) continue;
    const bool writable = !user_namespace || access(host.c_str(), W_OK) == 0;
    if (strategy == ViewStrategy::kReadOnlyHost || !overlay_safe(rel) || !writable) {
      bind_read_only(host, target, true);
    } else if (!overlay(host, rel, target, user_namespace, error)) {
      return false;
    }
    if (rel == "var") private_var_tmp();
  }
  return true;
}

// /tmp and /var/tmp: empty and the node's own, as in a container (the
// host's temporary files, other users' included, are not its business).
void ViewPlan::private_tmp() {
  for (const char* sub : {"tmp", "var-tmp"}) {
    std::string ignored;
    view_folder(in_view(sub), ignored);
  }
  mount(in_view("tmp"), in_view("root/tmp"), nullptr, MS_BIND, "", true);
}

void ViewPlan::private_var_tmp() { mount(in_view("var-tmp"), in_view("root/var/tmp"), nullptr, MS_BIND, "", true); }

// A folder of the view folder: made by the keeper inside its tmpfs (each
// parent first), or here on the host's disk.
bool ViewPlan::view_folder(const std::string& relative, std::string& error) {
  if (!in_memory_) return make_folder(relative, error);
  size_t slash = view_.size();  // the '/' after the view folder
  while (slash != std::string::npos) {
    slash = relative.find('/', slash + 1);
    add({MountStep::kMkdir, nullptr, keep(relative.substr(0, slash)), nullptr, 0, nullptr, false});
  }
  return true;
}

std::string ViewPlan::describe(size_t i) const {
  if (i >= steps_.size()) return "step " + std::to_string(i);
  const MountStep& s = steps_[i];
  switch (s.kind) {
    case MountStep::kMount: {
      std::string what = s.fstype ? std::string("mount ") + s.fstype : std::string("bind ") + s.source;
      return what + " on " + s.target + (s.data ? std::string(" (") + s.data + ")" : "");
    }
    case MountStep::kReadOnlyRec: return std::string("make ") + s.target + " read-only";
    case MountStep::kMkdir: return std::string("create folder ") + s.target;
    case MountStep::kTouch: return std::string("create file ") + s.target;
    case MountStep::kSymlink: return std::string("create symbolic link ") + s.target;
  }
  return "?";
}

}  // namespace flowc::run::executor

// A node's private filesystem view: which mounts make it, decided in the
// parent (this file, ordinary C++) and performed by the keeper after fork
// (sandbox_child.h, system calls only).
//
// The view lives in a *view folder* in the run's work folder (the node's own,
// or the pod's when several processes share one):
//   root/    the view's root once mounted (the init chroots into it)
//   upper/   overlay upper layers: every file the process writes lands here
//   base/    (per-folder strategies) the view's top level, bind-mounted on root/
//   var-tmp/ (read-only strategy) the writable folder bound over /var/tmp
// For the overlay of / and a view of one process (not a pod's), the view
// folder is a tmpfs of the keeper's mount namespace holding the same
// folders and overlayfs's work/: nothing of it touches the host's disk.
// overlayfs's own work folders go to a scratch folder of the executor's
// (<work>/.executor/), outside the node's folder, and are removed once the
// view is unmounted.
// Three strategies, best first; HostExecutor::check() picks the first this
// machine can mount (docs/run_isolation.md):
//   kOverlayRoot     (root only) one overlay of the host's / onto upper/;
//                    the whole host is visible and writable, writes land in
//                    upper/.
//   kOverlayPerFolder (root or a user namespace) base/ as the root, each
//                    top-level folder of the host an overlay onto
//                    upper/<folder>; new top-level paths (/data, /inputs) are
//                    created in base/. Used where an overlay of / itself is
//                    refused (in a user namespace the kernel will not clone a
//                    mount with locked submounts, and / has them).
//   kReadOnlyHost    no overlay at all: the host's folders bound read-only;
//                    /tmp, /var/tmp and new top-level paths writable (in the
//                    view folder); any other write fails with EROFS.
// In all three: a private /dev (tmpfs with null, zero, full, random, urandom,
// tty bound from the host, and /dev/shm), /sys read-only, a fresh /proc of
// the node's PID namespace, the host's other real filesystems bound
// read-only, and the run's work folder hidden under an empty tmpfs.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "run/executor/sandbox_child.h"

namespace flowc::run::executor {

enum class ViewStrategy { kOverlayRoot, kOverlayPerFolder, kReadOnlyHost };
const char* strategy_name(ViewStrategy s);

// A mount of the host, from /proc/self/mountinfo.
struct HostMount {
  std::string path;
  std::string fstype;
};
std::vector<HostMount> read_host_mounts();

class ViewPlan {
 public:
  // Creates the view's host-side folders and lists the mount steps. Every
  // path is relative to `work_dir` (the keeper's working directory): `view`
  // is the view folder, `scratch` a fresh folder for overlayfs's work
  // folders (the kernel's, removed after the keeper is gone). False, with
  // `error`, when a folder cannot be created.
  // `in_memory`: the view folder a tmpfs of the keeper's (the overlay of /
  // only), for a view nothing reads again after the keeper is gone.
  bool build(ViewStrategy strategy, const std::string& work_dir, const std::string& view, const std::string& scratch,
             const std::vector<HostMount>& host_mounts, bool user_namespace, bool in_memory, std::string& error);

  // After build(): binds the host folder `host_path` at `container_path` in
  // the view (its missing folders created in the view's own layer), as a
  // volumeMount does in a pod.
  void bind_volume(const std::string& host_path, const std::string& container_path, bool read_only);

  const std::vector<MountStep>& steps() const { return steps_; }
  // What step i does, for an error message ("mount overlay on <view>/root/usr").
  std::string describe(size_t i) const;

 private:
  std::string in_view(const std::string& sub) const { return view_ + "/" + sub; }
  const char* keep(std::string s);
  void add(MountStep step) { steps_.push_back(step); }
  bool make_folder(const std::string& relative, std::string& error);
  bool view_folder(const std::string& relative, std::string& error);
  void mount(const std::string& source, const std::string& target, const char* fstype, unsigned long flags,
             const std::string& data, bool optional);
  bool overlay(const std::string& lower, const std::string& rel, const std::string& target, bool user_namespace,
               std::string& error);
  void bind_read_only(const std::string& host_path, const std::string& target, bool optional);
  void private_dev();
  void private_tmp();
  void private_var_tmp();
  void host_submounts(const std::vector<HostMount>& host_mounts, bool skip_top_level);
  bool per_folder(ViewStrategy strategy, const std::vector<HostMount>& host_mounts, bool user_namespace,
                  std::string& error);
  bool per_folder_tree(const std::string& host_dir, ViewStrategy strategy, const std::vector<HostMount>& host_mounts,
                       bool user_namespace, std::string& error);

  std::string work_dir_, view_, scratch_;
  bool in_memory_ = false;
  std::deque<std::string> strings_;  // a deque: the steps point into it
  std::vector<MountStep> steps_;
};

}  // namespace flowc::run::executor

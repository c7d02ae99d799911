// Files crossing the view's boundary: inputs copied in before the process
// starts, outputs copied out after it exits. Both go through the view as the
// keeper's mount namespace shows it (/proc/<keeper>/root/<view>/root), and
// every container path is resolved *inside* the view (openat2's
// RESOLVE_IN_ROOT): a symbolic link in the view such as /var/run -> /run
// leads to the view's /run, never to the host's.
#pragma once

#include <string>

#include "run/executor.h"

namespace flowc::run::executor {

class ViewAccess {
 public:
  // `view_root`: the view's root as this process can reach it.
  explicit ViewAccess(const std::string& view_root);
  ~ViewAccess();
  ViewAccess(const ViewAccess&) = delete;
  ViewAccess& operator=(const ViewAccess&) = delete;
  bool ok() const { return root_fd_ >= 0; }
  const std::string& error() const { return error_; }

  // Copies a file or folder to its container path, creating the folders on
  // the way; empty, or why not.
  std::string place(const PlacedFile& file);
  // Copies a container path (file or folder; a symbolic link at the path is
  // followed, links inside a folder are copied as links) to `host_path`.
  CollectedPath collect(const std::string& container_path, const std::string& host_path, std::string& error);

 private:
  int open_in_view(const std::string& relative, int flags, bool create_folders);
  int root_fd_ = -1;
  std::string error_;
};

// The container path's parts under the view's root ("/a/b/../c" -> "a/c");
// empty for "/", nullopt-like "!" when not absolute.
std::string view_relative(const std::string& container_path);

}  // namespace flowc::run::executor

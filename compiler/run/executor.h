// The one interface between `flowc run`'s scheduler and what runs a node's
// process (issue 21). The scheduler (compiler/run/) decides what runs when
// and never touches a process; an Executor starts, isolates, times out and
// collects one process, and knows nothing of Argo. Today there is one
// executor, the host executor (compiler/run/executor/): each process runs
// with the host's programs in a private Linux mount namespace. A container
// engine could be another implementation behind this same interface.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowc::run {

// A file or folder put into a process's filesystem view before it starts:
// an input artifact, a script's source, a mapped envFrom file.
struct PlacedFile {
  std::string container_path;  // absolute, as the template names it (/inputs/message.txt)
  std::string host_path;       // a file or folder on the host, in the run's work folder
  // When set, the file's bytes (a script's source), written straight into
  // the view: no file on the host at all; host_path is then unused.
  std::optional<std::string> content;
};

// A volume mounted into a process's view (a volumeMount of its container):
// a folder of the run's work folder (a PVC's, an emptyDir's) or one the
// user mapped with --volume, bound at the mount path.
struct VolumeMount {
  std::string container_path;  // absolute (the volumeMount's mountPath)
  std::string host_path;       // an existing folder on the host
  bool read_only = false;
};

// A container of the pod beside the main one: an init container (run to its
// end, in order, before the main container starts) or a sidecar (started
// before the main container, terminated when it ends). Both run in the main
// container's view, PID namespace and network, as the containers of one pod
// share volumes and localhost. Their standard output and error go to
// `<node folder>/<log_name>`, never into the main container's result.
struct PodContainer {
  std::string name;                                       // as the template names it
  std::vector<std::string> argv;                          // command + args, substituted
  std::vector<std::pair<std::string, std::string>> env;   // in order, over the base environment
  std::string working_dir;                                // empty: "/"
};

// One process to run: the main container of a container or script
// template, or one container of a containerSet.
struct ProcessSpec {
  std::string node_id;  // Argo's node ID; names the node's folder under the run's work folder
  // Processes with the same pod key share one filesystem view (the
  // containers of one containerSet pod, run one after another); empty: the
  // node's own view.
  std::string pod;
  std::vector<std::string> argv;                          // command + args, substituted; argv[0] found on the host PATH
  std::vector<std::pair<std::string, std::string>> env;   // in order, over a small base environment
  std::string working_dir;                                // the container's workingDir; empty: "/"
  std::vector<PlacedFile> inputs;                         // placed before the process starts
  std::vector<VolumeMount> mounts;                        // bound into the view, in order, before inputs are placed
  std::vector<std::string> output_paths;                  // absolute container paths copied out after it exits
  std::optional<std::chrono::milliseconds> deadline;      // the whole process group is killed when it passes
  std::vector<PodContainer> init_containers;              // run in order before argv; one failing stops the pod
  std::vector<PodContainer> sidecars;                     // started before argv, terminated after it ends
  // Called (on run()'s thread) once the pod's containers have started: a
  // daemon's node is daemoned from then on. May be empty.
  std::function<void()> on_started;
};

// How an init container or a sidecar ended (what the pod's container
// statuses say; the scheduler turns them into the node's phase).
struct PodContainerExit {
  std::string name;
  int exit_code = 0;     // as a container's: 128 + signal number when a signal ended it
  bool init = false;     // an init container (else a sidecar)
  bool stopped = false;  // a sidecar that flowc terminated because the main container ended
  std::string log_path;  // its standard output and error, in the node's folder
};

// Where a process's output path ended up on the host, after it exited.
struct CollectedPath {
  std::string container_path;
  std::string host_path;  // a copy in the node's folder; empty when the path did not exist
  bool exists = false;
  bool is_dir = false;
};

struct ProcessResult {
  int exit_code = -1;         // as a container's: 128 + signal number when a signal ended it
  bool timed_out = false;     // killed because the deadline passed
  bool cancelled = false;     // killed because `cancel` became true
  std::string error;          // why it could not start (empty when it ran)
  std::string stdout_path;    // the captured standard output, a file in the node's folder
  std::string stderr_path;    // the captured standard error
  std::vector<CollectedPath> outputs;  // one per ProcessSpec::output_paths, in order
  // The init containers that ran and the sidecars that ended, in the order
  // they ended. When an init container failed, it is the last entry and the
  // main container never started (exit_code is then -1).
  std::vector<PodContainerExit> pod_containers;
  std::chrono::system_clock::time_point started_at, finished_at;
};

using OutputSink = std::function<void(std::string_view chunk, bool is_stderr)>;

class Executor {
 public:
  virtual ~Executor() = default;
  // Empty when this machine can run processes isolated; otherwise why not
  // (the run is refused: flowc never runs a node without isolation).
  virtual std::string check() = 0;
  // Runs one process to its end, blocking the calling thread. Safe to call
  // from several threads at once. When `cancel` becomes true (Ctrl-C, the
  // run's --timeout), the whole process group is killed and the result says
  // cancelled. `on_output` (may be empty) receives standard output and error
  // as they arrive (for --logs), besides the files.
  virtual ProcessResult run(const ProcessSpec& spec, const std::atomic<bool>& cancel, const OutputSink& on_output) = 0;
};

// The host executor; node folders go under `work_dir` (the run's work folder),
// and nothing is written outside it. Its nodes' files (standard output and
// error, logs) are held in memory while it lives when it can (as root, from
// a process with one thread: the host executor's node scratch); with
// `keep_node_files` they are copied into `<work_dir>/<node>/` when it is
// destroyed, else they vanish with it: destroy it before reading the work
// folder or removing it.
std::unique_ptr<Executor> make_host_executor(const std::string& work_dir, bool keep_node_files = true);

}  // namespace flowc::run

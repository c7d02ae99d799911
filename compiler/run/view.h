// What a user sees while `flowc run` runs: on a terminal, the node tree
// redrawn as nodes change (like `argo watch`); otherwise one plain line per
// node that starts or finishes. At the end: the workflow's phase and
// duration, and each failed node with its message and its output's last lines.
#pragma once
#include <cstdio>
#include <map>
#include <mutex>
#include <string>

#include "run/status.h"

namespace flowc::run {

class View {
 public:
  // `live`: redraw a tree (a terminal); else plain lines. `quiet`: nothing
  // but the summary's failures; `verbose`: also steps/DAG nodes in plain mode.
  View(const WorkflowStatus& status, FILE* out, bool live, bool quiet, bool verbose, bool color);
  // Called on every change (from the scheduler's threads).
  void changed();
  // The final tree (live) and the summary.
  void finish(const std::string& report_path, const std::string& kept_dir);

 private:
  std::string tree() const;
  void plain_lines();

  const WorkflowStatus& status_;
  FILE* out_;
  bool live_, quiet_, verbose_, color_;
  std::mutex mu_;
  std::map<std::string, Phase> shown_;  // plain mode: the phase last printed per node
  size_t drawn_lines_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

// "1.2s", "2m3s" — as argo prints durations.
std::string human_duration(double seconds);
// The last `n` lines of a file.
std::string last_lines(const std::string& path, size_t n);

}  // namespace flowc::run

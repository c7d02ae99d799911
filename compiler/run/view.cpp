#include "run/view.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <vector>

namespace flowc::run {

std::string human_duration(double s) {
  char buf[64];
  if (s < 60) std::snprintf(buf, sizeof buf, "%.1fs", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%dm%ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  else std::snprintf(buf, sizeof buf, "%dh%dm", static_cast<int>(s) / 3600, (static_cast<int>(s) % 3600) / 60);
  return buf;
}

std::string last_lines(const std::string& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  // Only the file's last 64 kB: a node's output may be gigabytes, and a
  // summary shows a few lines of it.
  constexpr std::streamoff kTail = 64 * 1024;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size > kTail) {
    in.seekg(size - kTail, std::ios::beg);
    std::string partial;
    std::getline(in, partial);  // a line cut by the seek is not shown
  } else {
    in.seekg(0, std::ios::beg);
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > n) lines.erase(lines.begin());
  }
  std::string out;
  for (auto& l : lines) out += l + "\n";
  return out;
}

namespace {

const char* symbol(Phase p) {
  switch (p) {
    case Phase::Succeeded: return "✔";
    case Phase::Failed:
    case Phase::Error: return "✖";
    case Phase::Skipped:
    case Phase::Omitted: return "○";
    case Phase::Running: return "●";
    default: return "◷";
  }
}

const char* colour(Phase p) {
  switch (p) {
    case Phase::Succeeded: return "\x1b[32m";
    case Phase::Failed:
    case Phase::Error: return "\x1b[31m";
    case Phase::Running: return "\x1b[36m";
    default: return "\x1b[2m";
  }
}

double seconds(const Node& n) {
  if (!n.started_at) return 0;
  auto end = n.finished_at ? *n.finished_at : Clock::now();
  return std::chrono::duration<double>(end - *n.started_at).count();
}

bool is_leaf(const Node& n) {
  return n.type == "Pod" || n.type == "Suspend" || n.type == "Skipped" || n.type == "Container" || n.type == "HTTP";
}

}  // namespace

View::View(const WorkflowStatus& status, FILE* out, bool live, bool quiet, bool verbose, bool color)
    : status_(status), out_(out), live_(live), quiet_(quiet), verbose_(verbose), color_(color) {}

std::string View::tree() const {
  std::vector<Node> nodes = status_.nodes();
  std::map<std::string, const Node*> by_id;
  for (auto& n : nodes) by_id[n.id] = &n;
  // The display parent: a StepGroup under its Steps node, anything else under
  // the first node listing it as a child (steps' groups chain through the
  // previous group's steps in Argo's graph; the tree shows them flat).
  std::map<std::string, std::vector<std::string>> kids;
  std::set<std::string> placed;
  for (auto& n : nodes)
    for (auto& c : n.children) {
      auto it = by_id.find(c);
      if (it == by_id.end()) continue;
      const Node& child = *it->second;
      if (child.type == "StepGroup") continue;  // placed below, under their Steps node
      if (placed.insert(c).second) kids[n.id].push_back(c);
    }
  // Argo lists group [i+1] as a child of group [i]'s steps, not of the Steps
  // node; the tree hangs every group from its boundary (the Steps node), in
  // group order.
  std::map<std::string, std::map<long, std::string>> groups;
  for (auto& n : nodes)
    if (n.type == "StepGroup" && by_id.count(n.boundary_id))
      groups[n.boundary_id][std::strtol(n.display_name.c_str() + (n.display_name.empty() ? 0 : 1), nullptr, 10)] = n.id;
  for (auto& [boundary, by_index] : groups)
    for (auto& [index, id] : by_index) kids[boundary].push_back(id);
  std::string out;
  std::function<void(const std::string&, const std::string&, bool, bool)> draw = [&](const std::string& id,
                                                                                      const std::string& prefix,
                                                                                      bool last, bool root) {
    auto it = by_id.find(id);
    if (it == by_id.end()) return;
    const Node& n = *it->second;
    std::string line = root ? "" : prefix + (last ? "└─ " : "├─ ");
    std::string name = root ? n.name : n.display_name;
    if (color_) line += colour(n.phase);
    line += symbol(n.phase);
    if (color_) line += "\x1b[0m";
    line += " " + name;
    if (!n.template_name.empty() && n.type != "StepGroup") line += "  " + n.template_name;
    if (n.started_at && n.type != "StepGroup") line += "  " + human_duration(seconds(n));
    if (!n.message.empty()) line += "  " + n.message;
    out += line + "\n";
    auto k = kids.find(id);
    if (k == kids.end()) return;
    std::string next = root ? "" : prefix + (last ? "   " : "│  ");
    for (size_t i = 0; i < k->second.size(); ++i) draw(k->second[i], next, i + 1 == k->second.size(), false);
  };
  draw(status_.workflow_name(), "", true, true);
  // The exit handler's node hangs from no parent.
  auto exit_it = status_.find_by_name(status_.workflow_name() + ".onExit");
  if (exit_it) draw(exit_it->id, "", true, false);
  return out;
}

// Called after every change: the nodes are visited in place (a copy of
// every node after every change made a 1,000-node run's view cost 5 ms of
// CPU a node), and only a node whose phase changed makes a line.
void View::plain_lines() {
  std::string text;
  status_.visit([&](const Node& n) {
    if (n.phase == Phase::Pending) return;
    auto it = shown_.find(n.id);
    if (it != shown_.end() && it->second == n.phase) return;
    bool interesting = is_leaf(n) || verbose_ || n.name == status_.workflow_name();
    if (!interesting) return;
    shown_[n.id] = n.phase;
    if (n.phase == Phase::Running && !verbose_) return;
    std::string line = std::string(symbol(n.phase)) + " " + n.name + "  " + phase_name(n.phase);
    if (fulfilled(n.phase) && n.started_at) line += "  " + human_duration(seconds(n));
    if (!n.message.empty()) line += "  " + n.message;
    text += line + "\n";
  });
  std::fputs(text.c_str(), out_);
  std::fflush(out_);
}

void View::changed() {
  if (quiet_) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (!live_) {
    plain_lines();
    return;
  }
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  std::string text = tree();
  std::string out;
  if (drawn_lines_) out += "\x1b[" + std::to_string(drawn_lines_) + "F\x1b[J";
  out += text;
  drawn_lines_ = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  std::fputs(out.c_str(), out_);
  std::fflush(out_);
}

void View::finish(const std::string& report_path, const std::string& kept_dir) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  if (!quiet_) {
    if (live_) {
      if (drawn_lines_) out += "\x1b[" + std::to_string(drawn_lines_) + "F\x1b[J";
      out += tree();
    } else {
      std::fputs("", out_);
      plain_lines();
    }
  }
  double total = status_.finished_at ? std::chrono::duration<double>(*status_.finished_at - status_.started_at).count() : 0;
  std::string phase = phase_name(status_.phase);
  if (color_) phase = std::string(colour(status_.phase)) + phase + "\x1b[0m";
  out += "\nWorkflow " + status_.workflow_name() + " " + phase + " in " + human_duration(total);
  if (!status_.message.empty()) out += ": " + status_.message;
  out += "\n";
  for (auto& n : status_.nodes()) {
    if (!failed_or_error(n.phase) || !(is_leaf(n) || n.type == "Retry")) continue;
    if (n.type == "Retry") continue;
    out += "  " + std::string(symbol(n.phase)) + " " + n.name + ": " + (n.message.empty() ? phase_name(n.phase) : n.message) + "\n";
    std::string tail = last_lines(n.stderr_path, 5);
    if (tail.empty()) tail = last_lines(n.stdout_path, 5);
    std::istringstream lines(tail);
    for (std::string l; std::getline(lines, l);)  // a line of a megabyte is not printed whole
      out += "      | " + (l.size() > 400 ? l.substr(0, 400) + " [" + std::to_string(l.size() - 400) + " more bytes]" : l) + "\n";
  }
  if (!report_path.empty()) out += "Report: " + report_path + "\n";
  if (!kept_dir.empty()) out += "Work folder kept: " + kept_dir + "\n";
  std::fputs(out.c_str(), out_);
  std::fflush(out_);
}

}  // namespace flowc::run

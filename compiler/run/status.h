// The run's state as Argo's Workflow status (pkg/apis/workflow/v1alpha1/
// workflow_types.go, v4.1.2): nodes keyed by ID, each a NodeStatus with
// Argo's field names, types and phases; the whole written as `argo get -o
// json` prints a Workflow. The scheduler moves node states here; the view
// and the report read them. Thread-safe: every access takes the mutex.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run {

enum class Phase { Pending, Running, Succeeded, Skipped, Failed, Error, Omitted };
const char* phase_name(Phase p);
// NodeStatus.Fulfilled: the node will not change any more.
bool fulfilled(Phase p);
// NodeStatus.Completed: Succeeded, Failed or Error (Skipped/Omitted are not).
bool completed(Phase p);
// NodeStatus.Successful: Succeeded or Skipped.
bool successful(Phase p);
bool failed_or_error(Phase p);
// The workflow phase a node phase stands for, as `workflow.status` shows it
// (operator.go operate: Skipped and Omitted are "Succeeded").
const char* workflow_status_name(Phase p);

using Clock = std::chrono::system_clock;

struct Node {
  std::string id, name, display_name, type, template_name, boundary_id;
  nlohmann::ordered_json template_ref;  // {name, template} for a templateRef, else null
  std::string template_scope;           // "local/<workflow>" or "namespaced/<WorkflowTemplate>"
  Phase phase = Phase::Pending;
  std::string message;
  std::optional<Clock::time_point> started_at, finished_at;
  nlohmann::ordered_json inputs, outputs;  // Argo's Inputs / Outputs, null when none
  std::vector<std::string> children, outbound_nodes;
  bool hooked = false;  // nodeFlag.hooked (an exit handler / hook node)
  bool retried = false; // nodeFlag.retried (an attempt of a Retry node)
  std::string memoization_key;  // memoizationStatus, when memoized
  bool memoization_hit = false;
  std::string memoization_cache;  // memoize.cache.configMap.name
  // A daemon's node (daemon: true) once its pod runs: Running and daemoned,
  // with the pod's IP (operator.go assessNodeStatus); unset when it ends.
  bool daemoned = false;
  std::string pod_ip;
  // Not in Argo's status: where the node's process output is, for the view.
  std::string stdout_path, stderr_path, work_dir;
};

class WorkflowStatus {
 public:
  explicit WorkflowStatus(std::string workflow_name) : workflow_name_(std::move(workflow_name)) {}

  const std::string& workflow_name() const { return workflow_name_; }
  // workflow_types.go Workflow.NodeID: the workflow's name for the root,
  // else "<workflow>-<fnv32a(name)>".
  std::string node_id(const std::string& node_name) const;

  // Creates a node (Pending) and returns its ID; an existing name is reused.
  std::string add_node(const std::string& name, const std::string& display_name, const std::string& type,
                       const std::string& template_name, const std::string& boundary_id);
  void add_child(const std::string& parent_id, const std::string& child_id);
  // Runs `f` on the node under the lock.
  void update(const std::string& id, const std::function<void(Node&)>& f);
  Node get(const std::string& id) const;
  std::optional<Node> find_by_name(const std::string& name) const;
  std::vector<Node> nodes() const;
  // Calls `f` on each node, in ID order, under the lock and without a copy
  // (`f` must not call back into the status): for a reader that looks at
  // every node after every change (the plain view).
  void visit(const std::function<void(const Node&)>& f) const;
  // markNodePhase: sets the phase (and message unless empty), the start and,
  // for a fulfilled phase, the finish time.
  void mark(const std::string& id, Phase phase, const std::string& message = {});
  // Called after every change a viewer may want to see.
  void set_listener(std::function<void()> f);
  void notify() const;

  // The workflow itself.
  Phase phase = Phase::Running;
  std::string message;
  Clock::time_point started_at = Clock::now();
  std::optional<Clock::time_point> finished_at;
  nlohmann::ordered_json outputs;  // {parameters: [...]} from globalName outputs
  std::string entry_node_id;

  // The Workflow object as `argo get -o json` prints it: metadata, spec, status.
  nlohmann::ordered_json to_json(const nlohmann::ordered_json& workflow) const;

 private:
  std::string workflow_name_;
  mutable std::mutex mu_;
  std::map<std::string, Node> nodes_;  // by ID (Go writes map keys sorted)
  std::map<std::string, std::string> by_name_;
  std::function<void()> listener_;
};

// metav1.Time: RFC 3339 in UTC, seconds.
std::string rfc3339(Clock::time_point t);

uint32_t fnv32a(const std::string& s);

}  // namespace flowc::run

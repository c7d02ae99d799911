#include "run/status.h"

#include <ctime>

namespace flowc::run {

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::Pending: return "Pending";
    case Phase::Running: return "Running";
    case Phase::Succeeded: return "Succeeded";
    case Phase::Skipped: return "Skipped";
    case Phase::Failed: return "Failed";
    case Phase::Error: return "Error";
    case Phase::Omitted: return "Omitted";
  }
  return "Unknown";
}

const char* workflow_status_name(Phase p) {
  return p == Phase::Skipped || p == Phase::Omitted ? "Succeeded" : phase_name(p);
}

bool fulfilled(Phase p) { return p != Phase::Pending && p != Phase::Running; }
bool completed(Phase p) { return p == Phase::Succeeded || p == Phase::Failed || p == Phase::Error; }
bool successful(Phase p) { return p == Phase::Succeeded || p == Phase::Skipped; }
bool failed_or_error(Phase p) { return p == Phase::Failed || p == Phase::Error; }

uint32_t fnv32a(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string WorkflowStatus::node_id(const std::string& node_name) const {
  if (node_name == workflow_name_) return workflow_name_;
  return workflow_name_ + "-" + std::to_string(fnv32a(node_name));
}

std::string WorkflowStatus::add_node(const std::string& name, const std::string& display_name, const std::string& type,
                                     const std::string& template_name, const std::string& boundary_id) {
  std::string id = node_id(name);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, inserted] = nodes_.try_emplace(id);
    if (inserted) {
      Node& n = it->second;
      n.id = id;
      n.name = name;
      n.display_name = display_name;
      n.type = type;
      n.template_name = template_name;
      n.boundary_id = boundary_id;
      by_name_[name] = id;
    }
  }
  notify();
  return id;
}

void WorkflowStatus::add_child(const std::string& parent_id, const std::string& child_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = nodes_.find(parent_id);
  if (it == nodes_.end()) return;
  for (auto& c : it->second.children)
    if (c == child_id) return;
  it->second.children.push_back(child_id);
}

void WorkflowStatus::update(const std::string& id, const std::function<void(Node&)>& f) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = nodes_.find(id);
    if (it != nodes_.end()) f(it->second);
  }
  notify();
}

Node WorkflowStatus::get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = nodes_.find(id);
  return it == nodes_.end() ? Node{} : it->second;
}

std::optional<Node> WorkflowStatus::find_by_name(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return nodes_.at(it->second);
}

std::vector<Node> WorkflowStatus::nodes() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Node> out;
  out.reserve(nodes_.size());
  for (auto& [id, n] : nodes_) out.push_back(n);
  return out;
}

void WorkflowStatus::visit(const std::function<void(const Node&)>& f) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [id, n] : nodes_) f(n);
}

void WorkflowStatus::mark(const std::string& id, Phase phase, const std::string& message) {
  update(id, [&](Node& n) {
    n.phase = phase;
    if (!message.empty()) n.message = message;
    auto now = Clock::now();
    if (!n.started_at) n.started_at = now;
    if (fulfilled(phase) && !n.finished_at) n.finished_at = now;
  });
}

void WorkflowStatus::set_listener(std::function<void()> f) {
  std::lock_guard<std::mutex> lock(mu_);
  listener_ = std::move(f);
}

void WorkflowStatus::notify() const {
  std::function<void()> f;
  {
    std::lock_guard<std::mutex> lock(mu_);
    f = listener_;
  }
  if (f) f();
}

std::string rfc3339(Clock::time_point t) {
  std::time_t tt = Clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// NodeStatus's JSON, fields in the struct's order (workflow_types.go).
nlohmann::ordered_json node_json(const Node& n) {
  nlohmann::ordered_json j;
  j["id"] = n.id;
  j["name"] = n.name;
  j["displayName"] = n.display_name;
  j["type"] = n.type;
  if (!n.template_name.empty()) j["templateName"] = n.template_name;
  if (!n.template_ref.is_null()) j["templateRef"] = n.template_ref;
  if (!n.template_scope.empty()) j["templateScope"] = n.template_scope;
  j["phase"] = phase_name(n.phase);
  if (!n.boundary_id.empty()) j["boundaryID"] = n.boundary_id;
  if (!n.pod_ip.empty()) j["podIP"] = n.pod_ip;
  if (n.daemoned) j["daemoned"] = true;
  if (!n.message.empty()) j["message"] = n.message;
  j["startedAt"] = n.started_at ? nlohmann::ordered_json(rfc3339(*n.started_at)) : nlohmann::ordered_json(nullptr);
  j["finishedAt"] = n.finished_at ? nlohmann::ordered_json(rfc3339(*n.finished_at)) : nlohmann::ordered_json(nullptr);
  if (n.hooked || n.retried) {
    nlohmann::ordered_json flag = nlohmann::ordered_json::object();
    if (n.hooked) flag["hooked"] = true;
    if (n.retried) flag["retried"] = true;
    j["nodeFlag"] = flag;
  }
  if (!n.inputs.is_null() && !n.inputs.empty()) j["inputs"] = n.inputs;
  if (!n.outputs.is_null() && !n.outputs.empty()) j["outputs"] = n.outputs;
  if (!n.children.empty()) j["children"] = n.children;
  if (!n.outbound_nodes.empty()) j["outboundNodes"] = n.outbound_nodes;
  if (!n.memoization_key.empty())
    j["memoizationStatus"] = {{"hit", n.memoization_hit}, {"key", n.memoization_key}, {"cacheName", n.memoization_cache}};
  return j;
}

}  // namespace

nlohmann::ordered_json WorkflowStatus::to_json(const nlohmann::ordered_json& workflow) const {
  nlohmann::ordered_json out;
  out["apiVersion"] = "argoproj.io/v1alpha1";
  out["kind"] = "Workflow";
  nlohmann::ordered_json meta = workflow.contains("metadata") && workflow["metadata"].is_object()
                                    ? workflow["metadata"]
                                    : nlohmann::ordered_json::object();
  meta["name"] = workflow_name_;
  if (!meta.contains("namespace")) meta["namespace"] = "default";
  out["metadata"] = meta;
  out["spec"] = workflow.contains("spec") ? workflow["spec"] : nlohmann::ordered_json::object();
  nlohmann::ordered_json st;
  st["phase"] = phase_name(phase);
  st["startedAt"] = rfc3339(started_at);
  st["finishedAt"] = finished_at ? nlohmann::ordered_json(rfc3339(*finished_at)) : nlohmann::ordered_json(nullptr);
  if (!message.empty()) st["message"] = message;
  nlohmann::ordered_json nodes = nlohmann::ordered_json::object();
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [id, n] : nodes_) nodes[id] = node_json(n);
  }
  st["nodes"] = nodes;
  if (!outputs.is_null() && !outputs.empty()) st["outputs"] = outputs;
  out["status"] = st;
  return out;
}

}  // namespace flowc::run

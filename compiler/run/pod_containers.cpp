#include "run/pod_containers.h"

#include "run/variables.h"

namespace flowc::run {

using ojson = nlohmann::ordered_json;

namespace {

std::string text(const ojson& v) { return value_text(nlohmann::json::parse(v.dump())); }

}  // namespace

std::vector<PodContainer> pod_containers(const ojson& list, const std::function<std::string(const std::string&)>& argv0,
                                         std::string& error) {
  std::vector<PodContainer> out;
  if (!list.is_array()) return out;
  for (const ojson& c : list) {
    PodContainer pc;
    pc.name = c.contains("name") ? text(c["name"]) : "";
    if (c.contains("command"))
      for (const ojson& x : c["command"]) pc.argv.push_back(text(x));
    if (!pc.argv.empty()) pc.argv[0] = argv0(pc.argv[0]);
    if (c.contains("args"))
      for (const ojson& x : c["args"]) pc.argv.push_back(text(x));
    if (c.contains("env"))
      for (const ojson& e : c["env"]) {
        std::string name = e.contains("name") ? text(e["name"]) : "";
        if (e.contains("valueFrom")) {
          error = "env '" + name + "' of container '" + pc.name +
                  "' takes its value from the cluster (valueFrom), which flowc run cannot read";
          return {};
        }
        pc.env.emplace_back(name, e.contains("value") ? text(e["value"]) : "");
      }
    if (c.contains("workingDir")) pc.working_dir = text(c["workingDir"]);
    out.push_back(std::move(pc));
  }
  return out;
}

void classify_pod_containers(const ProcessResult& result, Phase& phase, std::string& message) {
  for (const PodContainerExit& c : result.pod_containers)
    if (c.init && c.exit_code != 0) {
      // operator.go inferFailedReason: "failed to load artifacts" (+ the
      // executor's annotation or the container's termination message, which
      // a user's init container does not write), NodeError.
      phase = Phase::Error;
      message = "failed to load artifacts";
      return;
    }
  if (phase != Phase::Succeeded) return;  // the main container's failure is the message
  for (const PodContainerExit& c : result.pod_containers) {
    if (c.init || c.exit_code == 0 || c.exit_code == 137 || c.exit_code == 143) continue;
    phase = Phase::Failed;
    message = "sidecar '" + c.name + "' failed with exit code " + std::to_string(c.exit_code);
    return;
  }
}

}  // namespace flowc::run

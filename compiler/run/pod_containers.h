// The containers of a pod beside its main one: `initContainers` and
// `sidecars` of a container or script template (issue 21). Argo puts them in
// the node's pod (workflow/controller/workflowpod.go createWorkflowPod): init
// containers run in order before the main container, sidecars start beside
// it and are killed once it has ended (workflow/executor/executor.go
// KillSidecars). The host executor runs them in the main container's view
// (executor.h PodContainer); this file turns the template's lists into
// executor specs, and the containers' ends into the node's phase.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/executor.h"
#include "run/status.h"

namespace flowc::run {

// The PodContainers of `list` (a template's substituted `initContainers` or
// `sidecars`): command + args as strings, env in order, workingDir.
// `argv0` maps the command (python -> the run's interpreter). Empty `error`
// when every container could be made; else why not (an env valueFrom).
std::vector<PodContainer> pod_containers(const nlohmann::ordered_json& list,
                                         const std::function<std::string(const std::string&)>& argv0,
                                         std::string& error);

// The node's phase and message once the main container's are known (`phase`,
// `message` in and out), as operator.go inferFailedReason reads a failed
// pod's container statuses: a failed init container makes the node Error
// ("failed to load artifacts"; Argo reads every init container's failure as
// its own artifact loading's), the main container's failure wins over the
// sidecars', and a sidecar that exited non-zero fails a node whose main
// container succeeded ("sidecar 'NAME' failed with exit code N") unless the
// code is 137 or 143 (killed when main ended, which Argo ignores).
void classify_pod_containers(const ProcessResult& result, Phase& phase, std::string& message);

}  // namespace flowc::run

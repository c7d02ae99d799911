// Volumes (issue 21): what a container's volumeMounts mount, on this
// machine. A pod's volumes come from the workflow (spec.volumes,
// spec.volumeClaimTemplates) and the template (volumes); flowc gives each
// a folder the node's view binds at the mount path:
//   - a claim (volumeClaimTemplates, persistentVolumeClaim): one folder of
//     the run's work folder, shared by every node that mounts it, for the
//     whole run (operator.go createPVCs: the claims are made once, before
//     the first pod, and every pod mounts the same claim);
//   - emptyDir: a fresh folder per pod, shared by its containers (the
//     containers of a containerSet), gone with the pod;
//   - anything else (configMap, secret, hostPath, nfs, ...): the cluster's
//     or the node's data, which flowc cannot read — refused before running
//     unless the user maps a local folder to it with --volume NAME=PATH
//     (bound read-only: nothing is written outside the run's work folder).
// A claim mapped with --volume starts as a copy of that folder.
#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "run/executor.h"

namespace flowc::run {

// What a volume of a pod is, to flowc.
enum class VolumeKind { kClaim, kEmptyDir, kMapped, kUnavailable };

struct VolumeInfo {
  VolumeKind kind = VolumeKind::kUnavailable;
  std::string source;  // "persistentVolumeClaim", "configMap", "volumeClaimTemplates", ...
};

// The volume `name` as a pod of `tmpl` sees it: the template's own volumes
// first, then the workflow's (workflow/controller/workflowpod.go
// createWorkflowPod: wf volumes, then template volumes, by name), then its
// claim templates. False when no volume has that name.
bool find_volume(const nlohmann::ordered_json& workflow_spec, const nlohmann::ordered_json& tmpl,
                 const std::string& name, const std::map<std::string, std::string>& mapped, VolumeInfo& out);

// The run's volume folders, made as nodes first mount them.
class Volumes {
 public:
  Volumes(std::string work_dir, std::map<std::string, std::string> mapped)
      : work_dir_(std::move(work_dir)), mapped_(std::move(mapped)) {}

  // The mounts of `container` (its volumeMounts) for the pod `pod_key`;
  // empty `error` when all resolved.
  std::vector<VolumeMount> mounts(const nlohmann::ordered_json& workflow_spec, const nlohmann::ordered_json& tmpl,
                                  const nlohmann::ordered_json& container, const std::string& pod_key,
                                  std::string& error);

 private:
  std::string claim_folder(const std::string& name, std::string& error);

  std::string work_dir_;
  std::map<std::string, std::string> mapped_;  // --volume NAME=PATH
  std::mutex mu_;
  std::map<std::string, std::string> claims_;  // made claim folders
};

}  // namespace flowc::run

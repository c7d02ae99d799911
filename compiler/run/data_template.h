// `data` templates (issue 21), run in-process as Argo's workflow/data does
// (data.go ProcessData, v4.1.2): the source's artifactPaths listed
// (executor ProcessArtifactPaths: the artifact driver's ListObjects), then
// each transformation's `expression` (expr, with the environment
// {"data": <the data so far>}) applied in order; the node's outputs.result
// is the final data as JSON. The artifact is in a remote store flowc cannot
// list, so its files come from a local folder mapped with --artifact
// NAME=PATH (the plan refuses the run otherwise).
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace flowc::run {

struct DataOutcome {
  bool ok = false;
  std::string result;  // outputs.result
  std::string error;   // the node's message when !ok
};

// `data` is the template's `data` object; `mapped` the --artifact map.
DataOutcome run_data_template(const nlohmann::ordered_json& data, const std::map<std::string, std::string>& mapped);

}  // namespace flowc::run

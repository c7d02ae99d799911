#include "run/data_template.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "run/expression/expr.h"

namespace flowc::run {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

namespace {

// The artifact's key prefix (s3/gcs/oss/azure/... `key`, or an artifactory/
// http url's path is not a listable prefix: none).
std::string key_prefix(const ojson& art) {
  for (const char* store : {"s3", "gcs", "oss", "azure", "hdfs"})
    if (art.contains(store) && art[store].is_object()) {
      const ojson& s = art[store];
      for (const char* k : {"key", "blob", "path"})
        if (s.contains(k) && s[k].is_string()) return s[k].get<std::string>();
    }
  return {};
}

}  // namespace

DataOutcome run_data_template(const ojson& data, const std::map<std::string, std::string>& mapped) {
  DataOutcome out;
  // data.go processSource: artifactPaths is the one source. Messages as
  // executor/data.go Data wraps them ("unable to process data template: ...").
  if (!data.contains("source") || !data["source"].contains("artifactPaths")) {
    out.error = "unable to process data template: unable to process data source: no valid source is used for data template";
    return out;
  }
  const ojson& art = data["source"]["artifactPaths"];
  std::string name = art.value("name", "");
  auto it = mapped.find(name);
  if (it == mapped.end()) {
    out.error = "unable to process data template: unable to process data source: artifact '" + name + "' is not mapped to a local folder (--artifact " + name + "=PATH)";
    return out;
  }
  // ListObjects: every file under the artifact, as keys under its prefix,
  // in key order (object stores list lexicographically).
  std::string prefix = key_prefix(art);
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  std::vector<std::string> keys;
  std::error_code ec;
  fs::path root(it->second);
  if (fs::is_regular_file(root, ec)) {
    keys.push_back(prefix.empty() ? root.filename().string() : prefix + root.filename().string());
  } else {
    for (auto e = fs::recursive_directory_iterator(root, ec); !ec && e != fs::recursive_directory_iterator(); e.increment(ec))
      if (e->is_regular_file()) keys.push_back(prefix + fs::relative(e->path(), root).generic_string());
  }
  if (ec) {
    out.error = "unable to process data template: unable to process data source: unable to source artifact paths: " + ec.message();
    return out;
  }
  std::sort(keys.begin(), keys.end());
  json value = keys;
  // data.go processTransformation: each step's expression over {"data": ...}.
  if (data.contains("transformation") && data["transformation"].is_array()) {
    const ojson& steps = data["transformation"];
    for (size_t i = 0; i < steps.size(); ++i) {
      if (!steps[i].contains("expression")) continue;
      ExprResult r = evaluate_expr(steps[i].value("expression", ""), json{{"data", value}});
      if (!r.ok) {
        out.error = "unable to process data template: unable to process data transformation: error processing data step " + std::to_string(i) + ": " + r.error;
        return out;
      }
      value = r.value;
    }
  }
  out.ok = true;
  out.result = go_json(value);
  return out;
}

}  // namespace flowc::run

#include "run/volumes.h"

#include <filesystem>

namespace flowc::run {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

std::string name_of(const ojson& v) { return v.is_object() && v.contains("name") && v["name"].is_string() ? v["name"].get<std::string>() : ""; }

// The volume source of a core/v1 Volume: its one key besides "name".
std::string source_of(const ojson& volume) {
  for (auto& [k, v] : volume.items())
    if (k != "name") return k;
  return "";
}

VolumeInfo classify(const std::string& source, const std::string& name, const std::map<std::string, std::string>& mapped) {
  VolumeInfo info;
  info.source = source;
  if (source == "persistentVolumeClaim" || source == "volumeClaimTemplates") info.kind = VolumeKind::kClaim;
  else if (source == "emptyDir") info.kind = VolumeKind::kEmptyDir;
  else if (mapped.count(name)) info.kind = VolumeKind::kMapped;
  return info;
}

}  // namespace

bool find_volume(const ojson& spec, const ojson& tmpl, const std::string& name,
                 const std::map<std::string, std::string>& mapped, VolumeInfo& out) {
  for (const ojson* list : {tmpl.contains("volumes") ? &tmpl["volumes"] : nullptr,
                            spec.contains("volumes") ? &spec["volumes"] : nullptr})
    if (list && list->is_array())
      for (auto& v : *list)
        if (name_of(v) == name) {
          out = classify(source_of(v), name, mapped);
          return true;
        }
  if (spec.contains("volumeClaimTemplates") && spec["volumeClaimTemplates"].is_array())
    for (auto& c : spec["volumeClaimTemplates"])
      if (c.contains("metadata") && name_of(c["metadata"]) == name) {
        out = classify("volumeClaimTemplates", name, mapped);
        return true;
      }
  return false;
}

std::string Volumes::claim_folder(const std::string& name, std::string& error) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = claims_.find(name);
  if (it != claims_.end()) return it->second;
  fs::path dir = fs::path(work_dir_) / "volumes" / name;
  std::error_code ec;
  fs::create_directories(dir, ec);
  auto m = mapped_.find(name);
  if (!ec && m != mapped_.end())
    fs::copy(m->second, dir, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec) {
    error = "cannot make the folder of volume '" + name + "' (" + dir.string() + "): " + ec.message();
    return {};
  }
  claims_[name] = dir.string();
  return dir.string();
}

std::vector<VolumeMount> Volumes::mounts(const ojson& spec, const ojson& tmpl, const ojson& container,
                                         const std::string& pod_key, std::string& error) {
  std::vector<VolumeMount> out;
  if (!container.contains("volumeMounts") || !container["volumeMounts"].is_array()) return out;
  for (auto& vm : container["volumeMounts"]) {
    std::string name = name_of(vm);
    std::string path = vm.value("mountPath", "");
    VolumeInfo info;
    if (!find_volume(spec, tmpl, name, mapped_, info)) {
      error = "volumeMount '" + name + "': no volume of the pod has this name";
      return {};
    }
    std::string host;
    if (info.kind == VolumeKind::kClaim) {
      host = claim_folder(name, error);
    } else if (info.kind == VolumeKind::kEmptyDir) {
      fs::path dir = fs::path(work_dir_) / "emptydir" / pod_key / name;
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) error = "cannot make the emptyDir folder " + dir.string() + ": " + ec.message();
      host = dir.string();
    } else if (info.kind == VolumeKind::kMapped) {
      host = mapped_.at(name);
    } else {
      error = "volume '" + name + "' is a " + info.source + ", which flowc run cannot read; map a local folder to it with --volume " + name + "=PATH";
    }
    if (!error.empty()) return {};
    // volumeMount.subPath: a folder inside the volume (kubelet creates it).
    std::string sub = vm.value("subPath", "");
    if (!sub.empty() && info.kind != VolumeKind::kMapped) {
      std::error_code ec;
      fs::create_directories(fs::path(host) / sub, ec);
    }
    if (!sub.empty()) host = (fs::path(host) / sub).string();
    bool ro = vm.value("readOnly", false) || info.kind == VolumeKind::kMapped;
    out.push_back({path, host, ro});
  }
  return out;
}

}  // namespace flowc::run

// The scheduler's helpers (declared in run/scheduler/impl.h): files, durations,
// output entries, loop labels.
#include "run/scheduler/impl.h"

#include <cmath>
#include <limits>

#include "run/go_numbers.h"

namespace flowc::run {

std::string read_file(const std::string& path, size_t limit, bool tail) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  if (limit) {
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0) return {};
    size_t n = std::min(static_cast<size_t>(size), limit);
    in.seekg(tail ? size - static_cast<std::streamoff>(n) : 0, std::ios::beg);
    std::string s(n, '\0');
    in.read(s.data(), static_cast<std::streamsize>(n));
    s.resize(static_cast<size_t>(in.gcount()));
    return s;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string trim_one_newline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
  std::string error;
  auto d = argo_duration(text, error);
  if (!d) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*d);
}

int clamp_to_int(const ojson& v) {
  if (!v.is_number()) return 0;
  double d = v.get<double>();
  if (!(d > 0)) return 0;
  return d >= std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : static_cast<int>(d);
}

std::optional<std::chrono::milliseconds> json_duration(const ojson& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) {
    std::string error;
    auto n = int_or_string(json::parse(v.dump()), error);
    if (!n || *n > std::numeric_limits<int64_t>::max() / 1000 || *n < std::numeric_limits<int64_t>::min() / 1000)
      return std::nullopt;
    return std::chrono::milliseconds(*n * 1000);
  }
  if (v.is_number()) {
    double s = v.get<double>();
    if (!std::isfinite(s) || std::abs(s) > 9e15) return std::nullopt;
    return std::chrono::milliseconds(static_cast<int64_t>(s * 1000));
  }
  if (v.is_string()) return parse_duration(v.get<std::string>());
  return std::nullopt;
}

std::string str(const ojson& v, const char* key) {
  if (!v.is_object()) return {};
  auto it = v.find(key);
  if (it == v.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return value_text(json::parse(it->dump()));
}

ojson output_parameter(const ojson& declared, const std::optional<std::string>& value) {
  ojson out = {{"name", str(declared, "name")}};
  if (value) out["value"] = *value;
  if (declared.contains("globalName")) out["globalName"] = declared["globalName"];
  ojson vf = declared.value("valueFrom", ojson::object());
  if (!vf.empty()) out["valueFrom"] = vf;
  return out;
}

ojson output_artifact(const ojson& declared, const std::string& local_path, bool with_path) {
  ojson out = {{"name", str(declared, "name")}};
  if (with_path) out["path"] = declared["path"];
  out["localPath"] = local_path;
  if (declared.contains("globalName")) out["globalName"] = declared["globalName"];
  return out;
}

std::string item_label(const json& item) {
  if (item.is_string()) return item.get<std::string>();
  return go_json(item);
}

}  // namespace flowc::run

// The scheduler's helpers (declared in run/scheduler/impl.h): files, durations,
// output entries, loop labels.
#include "run/scheduler/impl.h"

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
  if (text.empty()) return std::nullopt;
  bool digits_only = std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (digits_only) return std::chrono::milliseconds(std::stoll(text) * 1000);
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    if (j == i) return std::nullopt;
    double v = std::stod(text.substr(i, j - i));
    size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    std::string unit = text.substr(j, k - j);
    if (unit == "ms") total_ms += v;
    else if (unit == "s") total_ms += v * 1000;
    else if (unit == "m") total_ms += v * 60000;
    else if (unit == "h") total_ms += v * 3600000;
    else return std::nullopt;
    i = k;
  }
  return std::chrono::milliseconds(static_cast<int64_t>(total_ms));
}

std::optional<std::chrono::milliseconds> json_duration(const ojson& v) {
  if (v.is_number()) return std::chrono::milliseconds(static_cast<int64_t>(v.get<double>() * 1000));
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

#include "validate/rules.h"

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace flowc::rules {

namespace {

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

// One DNS-1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool dns_label(std::string_view s) {
  if (s.empty() || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s)
    if (!lower_alnum(c) && c != '-') return false;
  return true;
}

bool parse_uint(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::string workflow_field_name_error(std::string_view name) {
  std::string why;
  if (name.size() > 128) why = "must be no more than 128 characters";
  bool ok = !name.empty() && alnum(name.front());
  for (char c : name)
    if (!alnum(c) && c != '-') ok = false;
  if (!ok) {
    if (!why.empty()) why += "; ";
    why += "name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character";
  }
  return why;
}

bool is_param_or_artifact_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!alnum(c) && c != '-' && c != '_') return false;
  return true;
}

std::string dns1123_subdomain_error(std::string_view name) {
  if (name.size() > 253) return "must be no more than 253 characters";
  for (auto part : split(name, '.'))
    if (!dns_label(part))
      return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
             "and must start and end with an alphanumeric character";
  return "";
}

std::string label_value_error(std::string_view v) {
  if (v.size() > 63) return "must be no more than 63 characters";
  if (v.empty()) return "";
  bool ok = alnum(v.front()) && alnum(v.back());
  for (char c : v)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') ok = false;
  if (!ok)
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
           "and must start and end with an alphanumeric character";
  return "";
}

std::string qualified_name_error(std::string_view key) {
  auto parts = split(key, '/');
  if (parts.size() > 2) return "a qualified name must have at most one '/'";
  std::string_view name = parts.back();
  if (parts.size() == 2) {
    if (parts[0].empty()) return "prefix part must be non-empty";
    if (auto e = dns1123_subdomain_error(parts[0]); !e.empty()) return "prefix part " + e;
  }
  if (name.empty()) return "name part must be non-empty";
  if (name.size() > 63) return "name part must be no more than 63 characters";
  if (!label_value_error(name).empty())
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
           "alphanumeric character";
  return "";
}

bool has_parameter(std::string_view text) {
  // {{[-a-zA-Z0-9]+(\.[-a-zA-Z0-9_]+)*}}
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    size_t i = pos + 2;
    auto segment = [&](bool first) {
      size_t start = i;
      while (i < text.size() && (alnum(text[i]) || text[i] == '-' || (!first && text[i] == '_'))) ++i;
      return i > start;
    };
    if (segment(true)) {
      bool ok = true;
      while (ok && i < text.size() && text[i] == '.') {
        ++i;
        ok = segment(false);
      }
      if (ok && text.substr(i, 2) == "}}") return true;
    }
    pos += 2;
  }
  return false;
}

std::string go_duration_error(std::string_view s) {
  std::string_view orig = s;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == "0") return "";
  if (s.empty()) return "invalid duration \"" + std::string(orig) + "\"";
  while (!s.empty()) {
    size_t i = 0;
    bool digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, digits = true;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, digits = true;
    }
    if (!digits) return "invalid duration \"" + std::string(orig) + "\"";
    s.remove_prefix(i);
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !std::isdigit(static_cast<unsigned char>(s[u]))) ++u;
    std::string_view unit = s.substr(0, u);
    if (unit.empty()) return "missing unit in duration \"" + std::string(orig) + "\"";
    if (unit != "ns" && unit != "us" && unit != "\xC2\xB5s" && unit != "\xCE\xBCs" && unit != "ms" && unit != "s" &&
        unit != "m" && unit != "h")
      return "unknown unit \"" + std::string(unit) + "\" in duration \"" + std::string(orig) + "\"";
    s.remove_prefix(u);
  }
  return "";
}

namespace {

struct FieldSpec {
  const char* what;
  int min, max;
  const char* const* names;  // three-letter names (jan, sun), or null
};
const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", nullptr};
const char* const kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", nullptr};

bool cron_value(std::string_view s, const FieldSpec& f, int& out) {
  if (f.names) {
    std::string low;
    for (char c : s) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int i = 0; f.names[i]; ++i)
      if (low == f.names[i]) {
        out = i + (f.min == 1 ? 1 : 0);
        return true;
      }
  }
  return parse_uint(s, out);
}

// One field of a cron spec, as robfig/cron's getRange() reads it.
std::string cron_field(std::string_view field, const FieldSpec& f) {
  for (auto expr : split(field, ',')) {
    auto step_parts = split(expr, '/');
    if (step_parts.size() > 2) return "too many slashes: " + std::string(expr);
    auto range = split(step_parts[0], '-');
    int lo = f.min, hi = f.max;
    bool star = range.size() == 1 && (range[0] == "*" || range[0] == "?");
    if (!star) {
      if (range.size() > 2) return "too many hyphens: " + std::string(expr);
      if (!cron_value(range[0], f, lo)) return "failed to parse " + std::string(f.what) + " '" + std::string(range[0]) + "'";
      hi = lo;
      if (range.size() == 2 && !cron_value(range[1], f, hi))
        return "failed to parse " + std::string(f.what) + " '" + std::string(range[1]) + "'";
    }
    if (step_parts.size() == 2) {
      int step = 0;
      if (!parse_uint(step_parts[1], step)) return "failed to parse step '" + std::string(step_parts[1]) + "'";
      if (step == 0) return "step of range should be a positive number: " + std::string(expr);
      if (!star && range.size() == 1) hi = f.max;  // "N/step" means N-max/step
    }
    if (lo < f.min) return "beginning of range (" + std::to_string(lo) + ") below minimum (" + std::to_string(f.min) + "): " + std::string(expr);
    if (hi > f.max) return "end of range (" + std::to_string(hi) + ") above maximum (" + std::to_string(f.max) + "): " + std::string(expr);
    if (lo > hi) return "beginning of range (" + std::to_string(lo) + ") beyond end of range (" + std::to_string(hi) + "): " + std::string(expr);
  }
  return "";
}

}  // namespace

bool is_time_zone(std::string_view tz) {
  if (tz == "UTC" || tz == "Local") return true;
  if (tz.empty() || tz.front() == '/' || tz.find("..") != std::string_view::npos) return false;
  for (char c : tz)
    if (!alnum(c) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / std::string(tz), ec);
}

std::string cron_schedule_error(std::string_view spec) {
  while (!spec.empty() && spec.front() == ' ') spec.remove_prefix(1);
  if (spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=")) {
    size_t eq = spec.find('='), sp = spec.find(' ');
    std::string_view tz = spec.substr(eq + 1, sp == std::string_view::npos ? std::string_view::npos : sp - eq - 1);
    if (!is_time_zone(tz)) return "provided bad location " + std::string(tz);
    if (sp == std::string_view::npos) return "empty spec string";
    spec.remove_prefix(sp + 1);
  }
  std::vector<std::string_view> fields;
  for (auto f : split(spec, ' '))
    if (!f.empty()) fields.push_back(f);
  // Go's strings.Fields also splits on tabs and newlines.
  std::vector<std::string_view> all;
  for (auto f : fields)
    for (auto g : split(f, '\t'))
      for (auto h : split(g, '\n'))
        if (!h.empty()) all.push_back(h);
  if (all.empty()) return "empty spec string";
  if (all[0].starts_with("@")) {
    std::string_view d = all[0];
    if (d == "@every") {
      if (all.size() != 2) return "failed to parse duration " + std::string(spec);
      if (auto e = go_duration_error(all[1]); !e.empty()) return "failed to parse duration " + std::string(spec) + ": " + e;
      return "";
    }
    if (all.size() == 1 && (d == "@yearly" || d == "@annually" || d == "@monthly" || d == "@weekly" || d == "@daily" ||
                            d == "@midnight" || d == "@hourly"))
      return "";
    return "unrecognized descriptor: " + std::string(spec);
  }
  if (all.size() != 5) return "expected exactly 5 fields, found " + std::to_string(all.size()) + ": " + std::string(spec);
  static const FieldSpec specs[5] = {{"minute", 0, 59, nullptr},
                                     {"hour", 0, 23, nullptr},
                                     {"day of month", 1, 31, nullptr},
                                     {"month", 1, 12, kMonths},
                                     {"day of week", 0, 6, kDays}};
  for (int i = 0; i < 5; ++i)
    if (auto e = cron_field(all[i], specs[i]); !e.empty()) return e;
  return "";
}

std::string yaml_error(std::string_view text) {
  try {
    (void)YAML::Load(std::string(text));
    return "";
  } catch (const YAML::Exception& e) {
    // yaml-cpp counts lines and columns from 0.
    return e.msg + " (line " + std::to_string(e.mark.line + 1) + ", column " + std::to_string(e.mark.column + 1) + ")";
  }
}

}  // namespace flowc::rules

// The argument checks sprig_dates.cpp and sprig_strings.cpp share: errors
// name the function as expr-lang's runtime does, `sprig.NAME` is looked up
// as NAME in each file's table.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run::sprig_args {

[[noreturn]] inline void fail(const std::string& name, const std::string& why) {
  throw std::runtime_error(name + ": " + why);
}

inline void arity(const std::string& name, const std::vector<nlohmann::json>& a, size_t n) {
  if (a.size() != n) fail(name, "takes " + std::to_string(n) + " argument(s), got " + std::to_string(a.size()));
}

inline const std::string& text(const std::string& name, const nlohmann::json& v) {
  if (!v.is_string()) fail(name, "needs a string, got " + v.dump().substr(0, 60));
  return v.get_ref<const std::string&>();
}

// "sprig.date" -> "date"; "" for a name outside sprig.
inline std::string bare(const std::string& name) { return name.rfind("sprig.", 0) == 0 ? name.substr(6) : ""; }

}  // namespace flowc::run::sprig_args

// sprig's date functions as Argo's expressions call them (`sprig.date`,
// `sprig.now`, ...: Masterminds/sprig v3 date.go and functions.go
// genericMap; util/expr/env/env.go exposes the whole map but `env` and
// `expandenv`). Times are Go time values (go_time.h); "Local" is UTC, the
// zone Argo's controller image runs in.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run {

bool sprig_date_known(const std::string& name);

// Throws std::runtime_error naming the function where Go would fail (a
// wrong argument type) or where flowc cannot give Go's value.
nlohmann::json call_sprig_date(const std::string& name, const std::vector<nlohmann::json>& args);

}  // namespace flowc::run

// Diagnostics as GitHub Actions workflow commands, which the runner shows as
// annotations on the pull request's files:
//   ::error file=w.py,line=5,col=5,endLine=5,endColumn=6,title=E0001::syntax error near 'x'
// (warning for warnings, notice for notes). Notes follow the message on lines
// of their own ("note: w.py:3:5: first defined here"). Escaped as GitHub's
// toolkit does (@actions/core, command.ts): in the message '%', CR and LF
// become %25, %0D and %0A; in a property also ':' and ',' (%3A, %2C), so a
// file name or message can never end the command or forge another.
#pragma once
#include <string>
#include <string_view>

#include "report/file_diagnostics.h"

namespace flowc {

std::string render_github(const Diagnostic& d, const SourceFile& file);
std::string render_github(const FileDiagnostics& input);

std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace flowc

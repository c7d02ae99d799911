// flowc explain CODE: the code's section of docs/diagnostics.md, embedded in
// the executable when it was built (report/diagnostics_doc.h).
#include "cli/cli_app.h"
#include "cli/commands.h"
#include "cli/file_io.h"
#include "report/diagnostics_doc.h"

namespace flowc::cli {

namespace {

const char* kFooter = R"(Exit codes:
  0  shown
  2  unknown code, or a usage error

Examples:
  flowc explain E0302        what "unknown dependency" means, with an example
  flowc explain w0201        codes are read in any case
)";

}  // namespace

int explain_command(const std::vector<std::string>& args) {
  std::string code;
  auto app = make_app("explain",
                      "Show the documentation of a diagnostic code: its section of docs/diagnostics.md, with what it "
                      "means and an example.");
  app->footer(kFooter);
  app->add_option("CODE", code, "a diagnostic code, e.g. E0302")->required();
  if (auto rc = parse(*app, args)) return *rc;
  auto section = diagnostic_section(code);
  if (!section) {
    emit(stderr, "flowc: error: unknown diagnostic code '" + printable(code) +
                     "'; the codes are listed in docs/diagnostics.md\n");
    return kExitUsage;
  }
  emit(stdout, *section);
  return kExitOk;
}

}  // namespace flowc::cli

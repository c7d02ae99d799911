#include "cli/cli_app.h"

#include <algorithm>
#include <cstdio>

#include "cli/file_io.h"
#include "diag/diagnostic.h"

namespace flowc::cli {

namespace {

// Help shows each option's text and a compact usage line; the footer (exit
// codes, examples) is set by each subcommand.
class Formatter : public CLI::Formatter {
 public:
  Formatter() { column_width(34); }
};

}  // namespace

std::string choice_list(const std::vector<std::string>& choices) {
  std::string out = "{";
  for (size_t i = 0; i < choices.size(); ++i) out += (i ? "," : "") + choices[i];
  return out + "}";
}

CLI::Validator choice(const std::vector<std::string>& choices, const std::string& name) {
  return CLI::Validator(
      [choices](std::string& value) -> std::string {
        if (std::find(choices.begin(), choices.end(), value) != choices.end()) return "";
        std::string list;
        for (size_t i = 0; i < choices.size(); ++i) list += (i ? ", '" : "'") + choices[i] + "'";
        return "invalid choice: '" + printable(value) + "' (choose from " + list + ")";
      },
      name.empty() ? choice_list(choices) : name);
}

std::unique_ptr<CLI::App> make_app(const std::string& name, const std::string& description) {
  auto app = std::make_unique<CLI::App>(description, "flowc " + name);
  app->formatter(std::make_shared<Formatter>());
  app->get_formatter()->label("REQUIRED", "");
  app->option_defaults()->always_capture_default(false);
  return app;
}

void add_verbosity(CLI::App& app, int& quiet, int& verbose) {
  app.add_flag("-q,--quiet", quiet, "print errors only (no warnings, no progress)");
  app.add_flag("-v,--verbose", verbose, "also say what was read, skipped and written");
}

Verbosity verbosity(int quiet, int verbose) {
  if (quiet > 0) return Verbosity::Quiet;
  if (verbose > 0) return Verbosity::Verbose;
  return Verbosity::Normal;
}

std::optional<int> parse(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    std::string help = app.help();
    emit(stdout, help);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    emit(stderr, "usage: " + app.get_name() + " [OPTIONS] ... (see '" + app.get_name() + " --help')\n" +
                     app.get_name() + ": error: " + printable(e.what()) + "\n");
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace flowc::cli

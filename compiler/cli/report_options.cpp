#include "cli/report_options.h"

#include "cli/cli_app.h"

namespace flowc::cli {

void add_report_options(CLI::App& app, ReportArgs& args) {
  app.add_option("--diagnostics-format", args.format,
                 "how diagnostics are written: text (clang's style, the default), json (one object per diagnostic), "
                 "sarif (SARIF 2.1.0, for code scanning), github (GitHub Actions annotations); to standard error, "
                 "which keeps standard output for YAML")
      ->type_name(choice_name({"text", "json", "sarif", "github"}))
      ->check(choice({"text", "json", "sarif", "github"}));
  app.add_option("--diagnostics-output", args.output,
                 "write the diagnostics to FILE instead of standard error (e.g. flowc.sarif, or /dev/stdout)")
      ->type_name("FILE");
  app.add_option("--color", args.color,
                 "colour text diagnostics: auto (the default: when standard error is a terminal and NO_COLOR is not "
                 "set), always, never")
      ->type_name(choice_name({"auto", "always", "never"}))
      ->check(choice({"auto", "always", "never"}));
}

ReportSettings report_settings(const ReportArgs& args) {
  ReportSettings s;
  s.format = parse_report_format(args.format).value_or(ReportFormat::Text);
  s.color = parse_color_mode(args.color).value_or(ColorMode::Auto);
  s.output = args.output;
  return s;
}

}  // namespace flowc::cli

// What every subcommand's argument parsing shares (CLI11): the choice
// validator with argparse's wording, -q/-v, and parsing with flowc's exit
// codes (usage errors exit 2; --help exits 0).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/reporter.h"

namespace flowc::cli {

// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // compile errors, invalid input, --check found changes
inline constexpr int kExitUsage = 2;   // usage or I/O errors

// A validator accepting one of `choices`: "invalid choice: 'x' (choose from 'a', 'b')".
CLI::Validator choice(const std::vector<std::string>& choices, const std::string& name = "");

// "{a,b,c}": the choices as the usage line shows them.
std::string choice_list(const std::vector<std::string>& choices);

// A new subcommand parser named "flowc NAME" with the shared look.
std::unique_ptr<CLI::App> make_app(const std::string& name, const std::string& description);

// -q/--quiet and -v/--verbose.
void add_verbosity(CLI::App& app, int& quiet, int& verbose);
Verbosity verbosity(int quiet, int verbose);

// Parses `args` (without the subcommand's name). nullopt: go on; else the
// exit code (help printed: 0; usage error printed: 2).
std::optional<int> parse(CLI::App& app, const std::vector<std::string>& args);

}  // namespace flowc::cli

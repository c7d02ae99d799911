// withSequence expanded into loop items, as Argo's expandSequence does
// (workflow/controller/steps.go): count (from start) or start..end, ascending
// or descending, each number written with the Go format (default "%d") and
// read back as a JSON string item.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowc::run {

// A run expands at most this many items from one withSequence: Argo sets no
// limit, but a count in the millions is a typo or a hostile file, and each
// item is a node held in memory.
constexpr int64_t kMaxSequenceItems = 100000;

// `seq` is the withSequence object after substitution. False with `error`
// set when a value is not an integer, both count and end are given, the
// sequence is longer than kMaxSequenceItems, or an item is not a JSON string.
bool expand_sequence(const nlohmann::json& seq, std::vector<nlohmann::json>& items, std::string& error);

// Go's fmt.Sprintf(format, n) for one int argument: the integer verbs
// (%d %v %b %o %O %x %X with flags "+- #0", width and precision) and %%; a
// verb Go has no integer form for is written "%!s(int=5)", a verb after the
// argument is used "%!d(MISSING)", no verb at all appends "%!(EXTRA int=5)",
// as Go writes them. False (with `error`) for what flowc does not write
// (%c %q %U, '*' widths, argument indexes).
bool go_sprintf_int(const std::string& format, int64_t n, std::string& out, std::string& error);

}  // namespace flowc::run

// Peak backend: a workflow -> the file `peak workflows create FILE` takes,
// {"body": <Peak workflow>}.
//
// It reads the workflow's Argo document (what the Argo backend made of the
// IR), so every Argo field the frontend learns to read reaches this backend
// without changes here: fields with a Peak equivalent are translated, every
// other one is a diagnostic naming it (E06xx), never dropped. The IR gives
// the places for diagnostics and the Peak-only settings (@peak.workflow,
// __peak__, @peak.step).
//
// The Peak file is a Jinja template. Strings in the document returned by
// to_peak() mark the placeholders the user meant (`{{ name }}`) with
// sentinels; peak_file_document() turns it into the file's content (every
// other Jinja delimiter escaped so that rendering gives the text back) and
// peak_dict_document() into the plain body for the SDK's create_workflow().
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostic.h"
#include "ir/workflow.h"

namespace flowc {

using Document = nlohmann::ordered_json;

Document to_peak(const Workflow& wf, const Document& argo, DiagnosticSink& sink);
// `raw` collects the placeholders of number and bool fields, which the file
// holds as markers until peak_restore_raw() writes them unquoted into its text.
Document peak_file_document(const Document& doc, std::vector<std::string>* raw);
std::string peak_restore_raw(const std::string& text, const std::vector<std::string>& raw);
Document peak_dict_document(const Document& doc);

// POSIX shell quoting: the word as is when it is made of safe characters,
// else in single quotes ('\'' for a quote). `sh` and Python's shlex.split
// read the joined words back as exactly the original list.
std::string shell_quote(std::string_view word);
std::string shell_join(const std::vector<std::string>& words);

// Jinja: text that renders as exactly `text` (`{{`, `{%`, `{#` wrapped in raw blocks).
std::string jinja_escape(std::string_view text);

// Argo `when` -> Peak executionParameters.conditional entries, or an error message.
struct PeakTranslation {
  Document value;          // the translated entries (an array)
  std::string error;       // non-empty: not expressible in Peak
  std::vector<std::string> parents;  // steps it names (for `depends`)
};
PeakTranslation when_to_peak(std::string_view expr);
// Argo `depends` -> parents and executionParameters.parentStatus entries
// (empty when every parent must simply succeed, Peak's default).
PeakTranslation depends_to_peak(std::string_view expr);

}  // namespace flowc

// Diagnostics as text: clang's style, "file:line:col: error: message [CODE]",
// the source line, a caret under the place, then the notes. Without colour the
// bytes are exactly diag's render(); with colour the same text carries ANSI
// SGR codes (bold place and message, red error, magenta warning, cyan note,
// green caret), so removing the codes gives the plain text back.
#pragma once
#include <string>

#include "report/file_diagnostics.h"

namespace flowc {

std::string render_text(const Diagnostic& d, const SourceFile& file, bool color);
// Every diagnostic of one input, in order.
std::string render_text(const FileDiagnostics& input, bool color);

}  // namespace flowc

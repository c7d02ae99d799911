#include "cli/unified_diff.h"

#include <git2.h>

namespace flowc::cli {

std::string unified_diff(std::string_view old_text, std::string_view new_text, const std::string& path,
                         bool old_exists) {
  if (old_exists && old_text == new_text) return "";
  git_libgit2_init();
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.context_lines = 3;
  opts.flags |= GIT_DIFF_FORCE_TEXT;  // YAML/JSON are text, whatever bytes they hold
  git_patch* patch = nullptr;
  if (git_patch_from_buffers(&patch, old_text.data(), old_text.size(), path.c_str(), new_text.data(), new_text.size(),
                             path.c_str(), &opts) != 0) {
    git_libgit2_shutdown();
    return "";
  }
  std::string out = (old_exists ? "--- a/" + path : std::string("--- /dev/null")) + "\n+++ b/" + path + "\n";
  size_t hunks = git_patch_num_hunks(patch);
  for (size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    size_t lines = 0;
    if (git_patch_get_hunk(&hunk, &lines, patch, h) != 0) break;
    out.append(hunk->header, hunk->header_len);
    for (size_t l = 0; l < lines; ++l) {
      const git_diff_line* line = nullptr;
      if (git_patch_get_line_in_hunk(&line, patch, h, l) != 0) break;
      // Context, added and removed lines carry their origin; the
      // "\ No newline at end of file" markers are whole lines of their own.
      if (line->origin == GIT_DIFF_LINE_CONTEXT || line->origin == GIT_DIFF_LINE_ADDITION ||
          line->origin == GIT_DIFF_LINE_DELETION)
        out += line->origin;
      out.append(line->content, line->content_len);
    }
  }
  git_patch_free(patch);
  git_libgit2_shutdown();
  return out;
}

}  // namespace flowc::cli

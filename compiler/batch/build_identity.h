// build_identity(): which build of flowc is running, for the compile cache's
// key (compile_cache.cpp) and the stat index's (stat_index.cpp).
//
// flowc's version alone is not enough: two development builds of 0.1.0 that
// differ in a rule would share cache entries, and the second would serve the
// first one's output. So the key holds the stamp (device, inode, size,
// mtime, ctime) of the file the running code was loaded from (the native
// executable, or the Python extension module): a rebuild writes that file, so
// its identity changes. A copy or a reinstall of the same build is another
// file and misses once (only speed). A file that cannot be stat()ed gives an
// identity unique to the process, so the cache only ever misses (slower,
// never stale).
#pragma once
#include <string>

namespace flowc {

// 32 hex digits; computed once per process (one stat()), then returned as is.
const std::string& build_identity();

}  // namespace flowc

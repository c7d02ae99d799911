// build_identity(): which build of flowc is running, for the compile cache's
// key (compile_cache.cpp) and the stat index's (stat_index.cpp).
//
// flowc's version alone is not enough: two development builds of 0.1.0 that
// differ in a rule would share cache entries, and the second would serve the
// first one's output. So the key holds a hash of the bytes of the file the
// running code was loaded from (the native executable, or the Python
// extension module): any rebuild that changes the code changes the identity,
// and an identical copy keeps it. A file that cannot be read gives an
// identity unique to the process, so the cache only ever misses (slower,
// never stale).
#pragma once
#include <string>

namespace flowc {

// 32 hex digits; computed once per process (a few milliseconds for the
// 5 MB executable), then returned as is.
const std::string& build_identity();

}  // namespace flowc

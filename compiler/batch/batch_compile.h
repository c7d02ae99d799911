// compile_batch(): the many inputs of one `flowc compile` run, compiled on N
// workers (ordered_pool.h) through the content cache (compile_cache.h), with
// each result handed to the caller in input order, so what the caller writes
// and prints is the same as a serial, uncached run's.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "batch/compile_cache.h"
#include "driver/compile.h"

namespace flowc {

struct BatchInput {
  std::string source;
  CompileOptions options;
};

struct BatchOptions {
  unsigned jobs = 0;              // 0: default_jobs(), the machine's cores
  CompileCache* cache = nullptr;  // null: --no-cache
};

struct BatchStats {
  size_t compiled = 0;   // compiled (cache misses, or no cache)
  size_t cache_hits = 0;
};

// Compiles every input; calls deliver(i, result) for i = 0, 1, ... in order on
// the calling thread. Inputs are moved from as they are compiled.
BatchStats compile_batch(std::vector<BatchInput>& inputs, const BatchOptions& options,
                         const std::function<void(size_t, CompileResult&&)>& deliver);

}  // namespace flowc

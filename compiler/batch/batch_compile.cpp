#include "batch/batch_compile.h"

#include <atomic>

#include "batch/ordered_pool.h"

namespace flowc {

BatchStats compile_batch(std::vector<BatchInput>& inputs, const BatchOptions& options,
                         const std::function<void(size_t, CompileResult&&)>& deliver) {
  std::atomic<size_t> hits{0};
  unsigned jobs = options.jobs ? options.jobs : default_jobs();
  std::function<CompileResult(size_t)> work = [&](size_t i) {
    BatchInput& in = inputs[i];
    if (!options.cache) return compile(std::move(in.source), in.options);
    bool hit = false;
    CompileResult r = options.cache->compile(std::move(in.source), in.options, &hit);
    if (hit) ++hits;
    return r;
  };
  for_each_ordered<CompileResult>(inputs.size(), jobs, work, deliver);
  BatchStats stats;
  stats.cache_hits = hits;
  stats.compiled = inputs.size() - stats.cache_hits;
  return stats;
}

}  // namespace flowc

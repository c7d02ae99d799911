#include "batch/ordered_pool.h"

#include <sched.h>

namespace flowc {

unsigned default_jobs() {
  // The cores this process may run on (taskset, a container's cpuset), which
  // hardware_concurrency() does not see.
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  unsigned n = std::thread::hardware_concurrency();  // 0 when unknown
  return n == 0 ? 1 : n;
}

}  // namespace flowc

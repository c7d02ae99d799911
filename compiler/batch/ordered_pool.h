// OrderedPool: run count independent jobs on N worker threads and hand their
// results back in input order, on the calling thread, as soon as each one and
// all before it are done. `flowc compile` writes outputs and diagnostics from
// deliver(), so what it prints is byte for byte what a serial run prints,
// whatever order the workers finish in.
//
// The core is safe for concurrent compiles: each compile() owns its parser
// (SyntaxTree holds its TSParser), its diagnostic sink and its budget; the
// core's statics are constant tables (initialised once, thread-safely, as
// C++ function-local statics are) and its caches are thread_local. The C++
// tests run compiles on 4 threads under ThreadSanitizer (batch_test.cpp).
#pragma once
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace flowc {

// The default number of workers: the machine's cores (at least 1).
unsigned default_jobs();

// Calls work(i) for i in [0, count) on `jobs` threads (jobs <= 1: all on the
// calling thread, no thread started) and deliver(i, result) on the calling
// thread for i = 0, 1, 2, ... in order. An exception thrown by work(i) is
// rethrown from here, in order (jobs still running are finished first).
template <class Result>
void for_each_ordered(size_t count, unsigned jobs, const std::function<Result(size_t)>& work,
                      const std::function<void(size_t, Result&&)>& deliver) {
  if (jobs <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) deliver(i, work(i));
    return;
  }
  std::mutex mu;
  std::condition_variable done_cv;
  std::vector<std::optional<Result>> results(count);
  std::vector<std::exception_ptr> errors(count);
  std::vector<char> done(count, 0);
  size_t next = 0;  // the next job to hand out (under mu)
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (stop || next >= count) return;
        i = next++;
      }
      std::optional<Result> r;
      std::exception_ptr e;
      try {
        r.emplace(work(i));
      } catch (...) {
        e = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        results[i] = std::move(r);
        errors[i] = e;
        done[i] = 1;
      }
      done_cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  size_t n = std::min<size_t>(jobs, count);
  threads.reserve(n);
  for (size_t t = 0; t < n; ++t) threads.emplace_back(worker);
  std::exception_ptr failure;
  for (size_t i = 0; i < count && !failure; ++i) {
    std::optional<Result> r;
    {
      std::unique_lock<std::mutex> lock(mu);
      done_cv.wait(lock, [&] { return done[i] != 0; });
      if (errors[i]) {
        failure = errors[i];
        stop = true;  // hand out no more jobs
        break;
      }
      r = std::move(results[i]);
      results[i].reset();  // delivered results are not kept
    }
    try {
      deliver(i, std::move(*r));
    } catch (...) {
      failure = std::current_exception();
      std::lock_guard<std::mutex> lock(mu);
      stop = true;
    }
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace flowc

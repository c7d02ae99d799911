#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "batch/ordered_pool.h"

using namespace flowc;

TEST_CASE("for_each_ordered delivers every result in input order, whatever order workers finish in") {
  for (unsigned jobs : {1u, 2u, 4u, 16u}) {
    std::vector<size_t> order;
    std::set<std::thread::id> delivering;
    std::function<std::string(size_t)> work = [](size_t i) {
      // Early items are the slow ones, so later ones finish first.
      std::this_thread::sleep_for(std::chrono::microseconds((20 - i % 20) * 50));
      return "r" + std::to_string(i);
    };
    std::function<void(size_t, std::string&&)> deliver = [&](size_t i, std::string&& r) {
      CHECK(r == "r" + std::to_string(i));
      order.push_back(i);
      delivering.insert(std::this_thread::get_id());
    };
    for_each_ordered<std::string>(100, jobs, work, deliver);
    REQUIRE(order.size() == 100);
    for (size_t i = 0; i < order.size(); ++i) CHECK(order[i] == i);
    CHECK(delivering.size() == 1);  // always the calling thread
    CHECK(*delivering.begin() == std::this_thread::get_id());
  }
}

TEST_CASE("for_each_ordered really runs jobs at once with several workers") {
  std::atomic<int> running{0}, most{0};
  std::function<int(size_t)> work = [&](size_t) {
    int now = ++running;
    int m = most.load();
    while (now > m && !most.compare_exchange_weak(m, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --running;
    return 0;
  };
  std::function<void(size_t, int&&)> deliver = [](size_t, int&&) {};
  for_each_ordered<int>(8, 4, work, deliver);
  CHECK(most.load() >= 2);
  most = 0;
  for_each_ordered<int>(8, 1, work, deliver);
  CHECK(most.load() == 1);
}

TEST_CASE("an exception in a job reaches the caller after the results before it") {
  std::vector<size_t> got;
  std::function<int(size_t)> work = [](size_t i) -> int {
    if (i == 5) throw std::runtime_error("job 5");
    return static_cast<int>(i);
  };
  std::function<void(size_t, int&&)> deliver = [&](size_t i, int&&) { got.push_back(i); };
  CHECK_THROWS_WITH(for_each_ordered<int>(50, 3, work, deliver), "job 5");
  CHECK(got == std::vector<size_t>{0, 1, 2, 3, 4});
}

TEST_CASE("no jobs, one job, and the default worker count") {
  int calls = 0;
  std::function<int(size_t)> work = [&](size_t i) { return static_cast<int>(i) + 1; };
  std::function<void(size_t, int&&)> deliver = [&](size_t, int&& r) { calls += r; };
  for_each_ordered<int>(0, 4, work, deliver);
  CHECK(calls == 0);
  for_each_ordered<int>(1, 4, work, deliver);
  CHECK(calls == 1);
  CHECK(default_jobs() >= 1);
}

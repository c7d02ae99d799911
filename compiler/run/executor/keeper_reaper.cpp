#include "run/executor/keeper_reaper.h"

#include <errno.h>
#include <sys/wait.h>

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace flowc::run::executor {

void remove_scratch(const std::string& path) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_directory(ec)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path, ec);
}

KeeperReaper::~KeeperReaper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void KeeperReaper::adopt(pid_t keeper, std::string scratch) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.emplace_back(keeper, std::move(scratch));
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  }
  wake_.notify_all();
}

void KeeperReaper::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left
    auto [keeper, scratch] = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    while (waitpid(keeper, nullptr, 0) < 0 && errno == EINTR) {
    }
    remove_scratch(scratch);
    lock.lock();
  }
}

}  // namespace flowc::run::executor

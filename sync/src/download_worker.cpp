#include "download_worker.hpp"

#include <fcntl.h>

#include <utility>

namespace qtsc::sync {

DownloadWorker::DownloadWorker() : thread_([this] { run(); }) {}

DownloadWorker::~DownloadWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

DownloadWorker::Buffer DownloadWorker::buffer() {
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      Buffer reused = std::move(free_.back());
      free_.pop_back();
      return reused;
    }
  }
  return std::make_unique<char[]>(kBufferBytes);
}

DownloadWorker::Buffer DownloadWorker::hash(Sha256& hash, Buffer bytes, std::size_t size) {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
  }
  Item item;
  item.hash = &hash;
  item.bytes = std::move(bytes);
  item.size = size;
  post(std::move(item));
  return buffer();
}

void DownloadWorker::startWriteback(int fd, off_t from, off_t length) {
  Item item;
  item.fd = fd;
  item.from = from;
  item.length = length;
  post(std::move(item));
}

void DownloadWorker::post(Item item) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(item));
  }
  changed_.notify_all();
}

void DownloadWorker::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && !busy_; });
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void DownloadWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to do
    Item item = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      if (item.hash != nullptr)
        item.hash->update(item.bytes.get(), item.size);
      else
        ::sync_file_range(item.fd, item.from, item.length, SYNC_FILE_RANGE_WRITE);  // errors show at fsync
    } catch (...) {
      lock.lock();
      if (!failure_) failure_ = std::current_exception();
      lock.unlock();
    }
    lock.lock();
    busy_ = false;
    if (item.bytes) free_.push_back(std::move(item.bytes));
    changed_.notify_all();
  }
}

}  // namespace qtsc::sync

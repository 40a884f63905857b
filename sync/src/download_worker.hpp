// The work a download needs besides receiving, done on a thread of its own so that the
// thread driving the transfers only receives and writes while a second core does the rest:
// hashing the bytes that arrived, and starting their writeback to disk (so the fsync before
// an object's rename finds little left to do). Work runs in the order it was handed over.
// Bytes travel in 1 MiB buffers, at most kMaxQueued of them waiting at a time.
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "qtsc/sync/crypto.hpp"

namespace qtsc::sync {

class DownloadWorker {
 public:
  using Buffer = std::unique_ptr<char[]>;
  static constexpr std::size_t kBufferBytes = 1 << 20;
  static constexpr std::size_t kMaxQueued = 8;  // buffers waiting to be hashed: the memory cap

  DownloadWorker();
  ~DownloadWorker();  // finishes what was handed over, then stops the thread
  DownloadWorker(const DownloadWorker&) = delete;
  DownloadWorker& operator=(const DownloadWorker&) = delete;

  // An empty buffer of kBufferBytes, reused where one is free.
  Buffer buffer();
  // Hashes the first `size` bytes of `bytes` into `hash`, after what was handed over before.
  // Waits while kMaxQueued buffers are queued. `hash` must stay alive, and untouched by the
  // caller, until wait() returns. Returns an empty buffer to fill next.
  Buffer hash(Sha256& hash, Buffer bytes, std::size_t size);
  // Starts writeback of bytes [from, from + length) of `fd` without waiting for it to end.
  // `fd` must stay open until wait() returns. A hint only: durability comes from fsync.
  void startWriteback(int fd, off_t from, off_t length);
  // Blocks until everything handed over is done; rethrows a failure of the worker thread.
  void wait();

 private:
  struct Item {
    Sha256* hash = nullptr;  // null: a writeback hint
    Buffer bytes;
    std::size_t size = 0;
    int fd = -1;
    off_t from = 0, length = 0;
  };
  void post(Item item);
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Item> queue_;
  std::vector<Buffer> free_;
  bool busy_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace qtsc::sync

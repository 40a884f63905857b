// Work off the UI thread. Jobs run on a Worker; their results come back as closures posted to
// the UiQueue, which the loop drains at the start of a frame; each post pushes an SDL user
// event so a loop blocked in SDL_WaitEventTimeout wakes up. Worker threads never call ImGui.
//
// Shutting down (and switching content) goes in two phases: stop() every worker, so nothing
// more is posted, drain the queue while everything its closures touch still exists, and only
// then destroy. Each posted closure also carries its owner's Liveness token and does nothing
// once the owner is gone.
//
// [SECTION] Liveness     tokens that tell a posted closure whether its object still exists
// [SECTION] UiQueue      closures for the UI thread
// [SECTION] Worker       one thread running jobs in order
// [SECTION] SearchWorker directory queries on the worker's own read-only ContentStore
// [SECTION] ImageCache   images decoded off the UI thread, textures kept with a bound and
//                        destroyed only between frames; an image whose header states more
//                        pixels than allowed is never decoded
// [SECTION] SyncRunner   the staff panel's "sync now" hook
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "qtsc/content/model.hpp"

struct SDL_Renderer;
struct SDL_Texture;
struct SDL_Surface;

namespace qtsc::content {
class ContentStore;
}

namespace qtsc::kiosk {

// ---- [SECTION] Liveness -----------------------------------------------------------------
// Cleared when its owner is destroyed. Tokens are read, and the flag cleared, only on the UI
// thread (the queue is drained there and the owners die there), so the flag needs no lock.
class Liveness {
 public:
  class Token {
   public:
    [[nodiscard]] bool alive() const { return *alive_; }

   private:
    friend class Liveness;
    explicit Token(std::shared_ptr<const bool> alive) : alive_(std::move(alive)) {}
    std::shared_ptr<const bool> alive_;
  };

  Liveness() = default;
  ~Liveness() { *alive_ = false; }
  Liveness(const Liveness&) = delete;
  Liveness& operator=(const Liveness&) = delete;
  [[nodiscard]] Token token() const { return Token(alive_); }

 private:
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// ---- [SECTION] UiQueue ------------------------------------------------------------------
class UiQueue {
 public:
  explicit UiQueue(unsigned wakeEventType) : wakeEventType_(wakeEventType) {}
  void post(std::function<void()> job);  // any thread
  // Any thread: `job` runs on the UI thread only if the token's owner still exists then.
  void post(Liveness::Token owner, std::function<void()> job);
  bool drain();                          // UI thread; true when something ran

 private:
  unsigned wakeEventType_;
  std::mutex mutex_;
  std::vector<std::function<void()>> jobs_;
};

// ---- [SECTION] Worker -------------------------------------------------------------------
class Worker {
 public:
  Worker();
  ~Worker();  // stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  void submit(std::function<void()> job);  // ignored once stopped
  void waitIdle();  // blocks until every submitted job has run (or was dropped by stop())
  // Drops the jobs not started, lets the running one finish and joins the thread. Idempotent.
  void stop();
  [[nodiscard]] bool idle();

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<std::function<void()>> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// ---- [SECTION] SearchWorker -------------------------------------------------------------
struct DirectoryQuery {
  std::string text;      // what the visitor typed; empty lists every tenant
  std::string sectorId;  // empty: every sector
  std::string placeId;   // empty: every building
  bool operator==(const DirectoryQuery&) const = default;
};

struct DirectoryRow {
  std::string id;
  content::LocalizedText name;
  std::string placeId;
  std::string floor;
  std::vector<std::string> sectors;
  bool sample = false;
};

struct DirectoryResult {
  DirectoryQuery query;
  std::vector<DirectoryRow> rows;
  std::string error;  // empty on success
};

class SearchWorker {
 public:
  static constexpr int kSearchLimit = 200;  // rows at most for a typed query

  SearchWorker(std::string databasePath, UiQueue& queue);
  ~SearchWorker();
  // Runs `query` off the UI thread; `done` runs on the UI thread with the result, unless a
  // newer request superseded it.
  void request(const DirectoryQuery& query, std::function<void(DirectoryResult)> done);
  void waitIdle() { worker_.waitIdle(); }
  void stop() { worker_.stop(); }  // the first phase of going away: nothing more is posted

  // The query itself, synchronous, on the given store (the worker uses its own).
  static DirectoryResult run(const content::ContentStore& store, const DirectoryQuery& query);

 private:
  std::string databasePath_;
  UiQueue& queue_;
  std::unique_ptr<content::ContentStore> store_;  // opened and used on the worker thread only
  std::shared_ptr<std::atomic<unsigned long>> latest_;
  Liveness liveness_;
  Worker worker_;  // last: joins before the members it uses go away
};

// ---- [SECTION] ImageCache ---------------------------------------------------------------
struct Image {
  enum class State { Loading, Ready, Missing };
  State state = State::Loading;
  SDL_Texture* texture = nullptr;
  int width = 0;   // pixels
  int height = 0;  // pixels
};

// A PNG or JPEG file decoded, or why not. Its header is read first (stb_image) and the file
// is decoded (SDL_image) only when it states at most `maxPixels` pixels: a small file can
// claim 40,000 × 40,000 pixels, 6.4 GB decoded. An SVG has no trustworthy size of its own and
// is drawn into a fixed kSvgWidth × kSvgHeight box (the park map's). Any thread.
struct ImageFile {
  SDL_Surface* surface = nullptr;  // owned by the caller; null when refused
  std::string problem;             // for the log: what is wrong with the file
};
inline constexpr int kSvgWidth = 2000;   // pixels an SVG is drawn at, across
inline constexpr int kSvgHeight = 1400;  // pixels, down
ImageFile loadImageFile(const std::string& path, long long maxPixels);

class ImageCache {
 public:
  // Finds the file for an image name; runs on the worker thread. Empty: not found.
  using Resolver = std::function<std::string(const std::string& name)>;

  // Images come from `resolve` when it finds them, else from `assetsDir`. One stating more
  // than `maxPixels` pixels is Missing, and logged with its name.
  ImageCache(std::string assetsDir, SDL_Renderer* renderer, UiQueue& queue, int maxEntries, long long maxPixels,
             Resolver resolve = {});
  ~ImageCache();
  // UI thread. Starts decoding on first use; Loading until the texture is made. Never
  // destroys a texture: one already drawn this frame stays valid until it is presented.
  Image get(const std::string& name);
  // UI thread, at the start of every frame, before anything is drawn. Over the bound, the
  // least recently used images the last frame did not draw are destroyed: that frame was
  // presented (or replaced, for frames built without presenting). A frame that draws more
  // images than the bound keeps them all while it shows them.
  void beginFrame();
  void waitIdle() { worker_.waitIdle(); }
  void stop() { worker_.stop(); }  // the first phase of going away: decodes not started are dropped
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  void adopt(const std::string& name, SDL_Surface* surface);
  struct Entry {
    Image image;
    std::list<std::string>::iterator lru;
    std::uint64_t usedInFrame = 0;  // the frame that last drew it (frame_ then)
  };
  std::string assetsDir_;
  Resolver resolve_;
  SDL_Renderer* renderer_;
  UiQueue& queue_;
  std::size_t maxEntries_;
  long long maxPixels_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // most recent first
  std::uint64_t frame_ = 0;      // frames begun so far
  bool overBound_ = false;       // a new image took the cache over maxEntries_: beginFrame() evicts
  Liveness liveness_;
  Worker worker_;
};

// ---- [SECTION] SyncRunner ---------------------------------------------------------------
struct SyncOutcome {
  bool ok = false;
  std::string message;  // shown to staff as is
  bool expired = false;  // the publisher's timestamp has expired (see SyncStatus::expired)
};
using SyncHook = std::function<SyncOutcome()>;  // runs on a worker thread

struct SyncStatus {
  std::string lastAttempt;  // "YYYY-MM-DDTHH:MM", empty when never
  bool running = false;
  bool ok = false;
  bool configured = false;
  bool expired = false;     // the publisher's signed timestamp is past its expiry: the content shown is frozen
  std::string message;
  long long installedVersion = 0;  // the version sync installed, 0 when unknown
};

class SyncRunner {
 public:
  SyncRunner(UiQueue& queue, SyncHook hook) : queue_(queue), hook_(std::move(hook)) { status_.configured = bool(hook_); }
  void start(const std::string& nowIso);  // UI thread
  // UI thread: the outcome of a sync that ran on its own (the periodic one).
  void record(const std::string& time, bool ok, const std::string& message, long long version, bool expired = false) {
    status_.lastAttempt = time;
    status_.ok = ok;
    status_.expired = expired;
    status_.message = message;
    if (version > 0) status_.installedVersion = version;
  }
  [[nodiscard]] const SyncStatus& status() const { return status_; }
  void waitIdle() { worker_.waitIdle(); }
  // The first phase of going away: waits for a hook that is running; its outcome is posted
  // and reaches this runner if the queue is drained before it is destroyed.
  void stop() { worker_.stop(); }

 private:
  UiQueue& queue_;
  SyncHook hook_;
  SyncStatus status_;
  Liveness liveness_;
  Worker worker_;
};

}  // namespace qtsc::kiosk

// Directory queries on the worker's own read-only ContentStore; results posted to the UI.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "qtsc/content/model.hpp"
#include "services/services.hpp"
#include "runtime/ui_queue.hpp"
#include "runtime/worker.hpp"

namespace qtsc::content {
class ContentStore;
}

namespace qtsc::kiosk {

class SearchWorker final : public DirectorySearch {
 public:
  // Rows at most for a typed query: the best hundred, ranked from one pool of candidates per
  // index pass, keep a keystroke at 100,000 tenants near 1.5 ms (200 rows took 3 ms).
  static constexpr int kSearchLimit = 100;
  static constexpr int kCountCap = 1000;    // matches counted at most; more is shown as "1000+"
  // Rows of an untyped listing read at a time: the Directory reads the next page as the
  // visitor scrolls near the end, never every tenant at once.
  static constexpr int kPageSize = 200;

  SearchWorker(std::string databasePath, UiQueue& queue);
  ~SearchWorker();
  // Runs `query` off the UI thread; `done` runs on the UI thread with the result, unless a
  // newer request superseded it.
  void request(const DirectoryQuery& query, std::function<void(DirectoryResult)> done) override;
  void requestEverything(const std::string& text, std::function<void(EverythingResult)> done) override;
  void waitIdle() { worker_.waitIdle(); }
  void stop() { worker_.stop(); }  // the first phase of going away: nothing more is posted

  // The query itself, synchronous, on the given store (the worker uses its own).
  static DirectoryResult run(const content::ContentStore& store, const DirectoryQuery& query);
  static EverythingResult runEverything(const content::ContentStore& store, const std::string& text);

 private:
  std::string databasePath_;
  UiQueue& queue_;
  // Runs `search` on the worker's store; `done` gets its result, or one made by `failed`.
  template <typename Query, typename Result>
  void submit(std::shared_ptr<std::atomic<unsigned long>> latest, Query query,
              Result (*search)(const content::ContentStore&, const Query&), void (*failed)(Result&, const Query&, std::string),
              std::function<void(Result)> done);
  std::unique_ptr<content::ContentStore> store_;  // opened and used on the worker thread only
  std::shared_ptr<std::atomic<unsigned long>> latest_;            // the newest directory request
  std::shared_ptr<std::atomic<unsigned long>> latestEverything_;  // the newest search of everything
  Liveness liveness_;
  Worker worker_;  // last: joins before the members it uses go away
};

}  // namespace qtsc::kiosk

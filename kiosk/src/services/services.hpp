// What screens may ask of the kiosk's services, as small interfaces: the implementations
// (search_worker.hpp, usage_counter.hpp, image_cache.hpp) and their threads stay out of sight.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "qtsc/content/model.hpp"
#include "qtsc/content/search.hpp"

namespace qtsc::kiosk {

struct DirectoryQuery {
  std::string text;      // what the visitor typed; empty lists every tenant
  std::string sectorId;  // empty: every sector
  std::string placeId;   // empty: every building
  std::string language = "vi";  // an untyped listing is in this language's name order ("en" English)
  int offset = 0;        // an untyped listing is read a page at a time: its first row wanted
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
  // The best matches, at most SearchWorker::kSearchLimit, for a typed query; for an untyped
  // one, the page of at most SearchWorker::kPageSize rows from query.offset.
  std::vector<DirectoryRow> rows;
  int total = 0;                   // how many tenants match in all, counted up to kCountCap
  bool totalCapped = false;        // `total` reached the cap: there are at least that many
  std::string error;               // empty on success
};

// One search across everything (Home's search): tenants, places, milestones, visits, exhibits
// and the chain's members, ranked together (content/search.hpp says how).
struct EverythingResult {
  std::string text;                     // what was searched for
  std::vector<content::SearchHit> hits; // the best matches, at most SearchWorker::kSearchLimit
  int total = 0;                        // how many match in all, counted up to kCountCap
  bool totalCapped = false;
  std::string error;                    // empty on success
};

// Searches off the UI thread. `done` runs on the UI thread with the result, unless a newer
// request of the same kind superseded it.
class DirectorySearch {
 public:
  virtual ~DirectorySearch() = default;
  virtual void request(const DirectoryQuery& query, std::function<void(DirectoryResult)> done) = 0;
  virtual void requestEverything(const std::string& text, std::function<void(EverythingResult)> done) = 0;
};

// Anonymous usage counts: what was opened, what was searched for and not found.
class UsageLog {
 public:
  virtual ~UsageLog() = default;
  virtual void opened(const std::string& what) = 0;  // "screen:map", "tenant:tma-solutions"
  virtual void searchNotFound(const std::string& query) = 0;
};

// What "sync now" and the periodic sync report, as the staff panel shows it.
struct SyncNowResult {
  bool ok = false;
  std::string message;  // shown to staff as is
  bool expired = false;  // the publisher's timestamp has expired (see SyncStatus::expired)
};
using SyncHook = std::function<SyncNowResult()>;  // runs on a worker thread

struct SyncStatus {
  std::string lastAttempt;  // "YYYY-MM-DDTHH:MM", empty when never
  bool running = false;
  bool ok = false;
  bool configured = false;
  bool expired = false;     // the publisher's signed timestamp is past its expiry: the content shown is frozen
  std::string message;
  long long installedVersion = 0;  // the version sync installed, 0 when unknown
};

}  // namespace qtsc::kiosk

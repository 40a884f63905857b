#include "services/search_worker.hpp"

#include <algorithm>

#include "qtsc/content/store.hpp"

namespace qtsc::kiosk {

SearchWorker::SearchWorker(std::string databasePath, UiQueue& queue)
    : databasePath_(std::move(databasePath)), queue_(queue),
      latest_(std::make_shared<std::atomic<unsigned long>>(0)),
      latestEverything_(std::make_shared<std::atomic<unsigned long>>(0)) {
  // The store is opened and its search prepared before anyone types, so the first letters
  // typed wait for no reading of the index's vocabulary. A store that cannot be opened here
  // is reported by the first query, as before.
  worker_.submit([this] {
    try {
      if (!store_) store_ = std::make_unique<content::ContentStore>(databasePath_, content::ContentStore::Mode::ReadOnly);
      store_->prepareSearch();
    } catch (const std::exception&) {
      store_.reset();
    }
  });
}

SearchWorker::~SearchWorker() = default;

DirectoryResult SearchWorker::run(const content::ContentStore& store, const DirectoryQuery& query) {
  DirectoryResult result;
  result.query = query;
  bool typed = false;
  for (char c : query.text)
    if (c != ' ') typed = true;
  if (!typed) {
    const content::TenantFilter filter{query.sectorId, query.placeId, std::max(0, query.offset), kPageSize,
                                       query.language};
    for (auto& summary : store.tenants(filter))
      result.rows.push_back(DirectoryRow{std::move(summary.id), std::move(summary.name), std::move(summary.placeId),
                                         std::move(summary.floor), std::move(summary.sectors), summary.sample});
    result.total = store.tenantCount(filter);
    return result;
  }
  // The filters are part of the query: they narrow what is ranked and limited, so a sector's
  // matches are never cut by the limit on everyone's.
  const content::SearchScope scope{content::RecordKind::Tenant, query.sectorId, query.placeId};
  // The best matches' rows are read in one go: one read per row was two thirds of a keystroke
  // at 100,000 tenants (BENCHMARKS.md).
  std::vector<std::string> ids;
  for (const auto& hit : store.search(query.text, kSearchLimit, scope))
    if (hit.kind == content::RecordKind::Tenant) ids.push_back(hit.id);
  for (auto& summary : store.tenantSummaries(ids))
    result.rows.push_back(DirectoryRow{std::move(summary.id), std::move(summary.name), std::move(summary.placeId),
                                       std::move(summary.floor), std::move(summary.sectors), summary.sample});
  // The count is of every match in the scope, not of the rows listed: a visitor told "200
  // results" when there are 253 would think the directory is complete.
  const int counted = store.searchCount(query.text, scope, kCountCap);
  result.total = std::max(counted, static_cast<int>(result.rows.size()));
  result.totalCapped = counted >= kCountCap;
  return result;
}

EverythingResult SearchWorker::runEverything(const content::ContentStore& store, const std::string& text) {
  EverythingResult result;
  result.text = text;
  if (text.find_first_not_of(' ') == std::string::npos) return result;
  for (auto& hit : store.search(text, kSearchLimit, {})) result.hits.push_back(std::move(hit));
  const int counted = store.searchCount(text, {}, kCountCap);
  result.total = std::max(counted, static_cast<int>(result.hits.size()));
  result.totalCapped = counted >= kCountCap;
  return result;
}

template <typename Query, typename Result>
void SearchWorker::submit(std::shared_ptr<std::atomic<unsigned long>> latest, Query query,
                          Result (*search)(const content::ContentStore&, const Query&),
                          void (*failed)(Result&, const Query&, std::string), std::function<void(Result)> done) {
  const unsigned long ticket = ++*latest;
  worker_.submit([this, query = std::move(query), ticket, latest, search, failed, liveness = liveness_.token(),
                  done = std::move(done)]() mutable {
    if (*latest != ticket) return;  // a newer query is queued
    Result result;
    try {
      if (!store_) store_ = std::make_unique<content::ContentStore>(databasePath_, content::ContentStore::Mode::ReadOnly);
      result = search(*store_, query);
    } catch (const std::exception& error) {
      result = Result{};
      failed(result, query, error.what());
    }
    queue_.post(liveness, [ticket, latest, done = std::move(done), result = std::move(result)]() mutable {
      if (*latest == ticket) done(std::move(result));
    });
  });
}

void SearchWorker::request(const DirectoryQuery& query, std::function<void(DirectoryResult)> done) {
  submit<DirectoryQuery, DirectoryResult>(
      latest_, query, &SearchWorker::run,
      [](DirectoryResult& r, const DirectoryQuery& q, std::string why) {
        r.query = q;
        r.error = std::move(why);
      },
      std::move(done));
}

void SearchWorker::requestEverything(const std::string& text, std::function<void(EverythingResult)> done) {
  submit<std::string, EverythingResult>(
      latestEverything_, text, &SearchWorker::runEverything,
      [](EverythingResult& r, const std::string& q, std::string why) {
        r.text = q;
        r.error = std::move(why);
      },
      std::move(done));
}

}  // namespace qtsc::kiosk

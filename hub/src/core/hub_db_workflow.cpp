// HubDatabase, continued: publish requests (an editor asks, a publisher approves or returns)
// and usage per kiosk per park day (the usage page's charts).
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/hub_db.hpp"
#include "qtsc/sync/kiosk_report.hpp"

namespace qtsc::hub {

using nlohmann::json;

// Runs inside the constructor's transaction. Both tables are new with this version: data
// folders made before keep everything, and the days of the report bodies still stored are
// counted into the daily table once, when it is made.
void HubDatabase::createWorkflowTables() {
  db_->exec(R"(
    CREATE TABLE IF NOT EXISTS publish_requests(id INTEGER PRIMARY KEY, created INTEGER NOT NULL,
      editor TEXT NOT NULL, note TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open',
      decided_by TEXT NOT NULL DEFAULT '', decided_at INTEGER NOT NULL DEFAULT 0,
      comment TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 0);
  )");
  const bool hadDaily = db_->execAndGet("SELECT count(*) FROM sqlite_master WHERE name='usage_daily'").getInt() != 0;
  if (hadDaily) return;
  db_->exec(R"(
    CREATE TABLE usage_daily(kiosk TEXT NOT NULL, day INTEGER NOT NULL, visits INTEGER NOT NULL DEFAULT 0,
      sessions INTEGER NOT NULL DEFAULT 0, not_found INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(kiosk, day));
  )");
  SQLite::Statement stored(*db_, "SELECT kiosk, received, body FROM reports ORDER BY received");
  while (stored.executeStep()) {
    try {
      const auto report = sync::parseKioskReport(stored.getColumn(2).getString());
      addDailyUsage(stored.getColumn(0).getString(), stored.getColumn(1).getInt64(), report.usage);
    } catch (const sync::KioskReportError&) {
      // Stored bodies were checked when they arrived; one that no longer reads is skipped.
    }
  }
}

void HubDatabase::addDailyUsage(const std::string& kiosk, long long at, const json& usage) {
  long long visits = 0, sessions = 0, notFound = 0;
  if (const auto opened = usage.find(sync::kUsageOpened); opened != usage.end() && opened->is_object())
    for (const auto& [key, n] : opened->items())
      if (key.rfind("screen:", 0) == 0 && n.is_number_integer()) visits += n.get<long long>();
  if (const auto missing = usage.find(sync::kUsageSearchesNotFound); missing != usage.end() && missing->is_object())
    for (const auto& [key, n] : missing->items())
      if (n.is_number_integer()) notFound += n.get<long long>();
  if (const auto counters = usage.find("counters"); counters != usage.end() && counters->is_object())
    if (const auto n = counters->find(sync::kUsageSessions); n != counters->end() && n->is_number_integer())
      sessions = n->get<long long>();
  if (visits == 0 && sessions == 0 && notFound == 0) return;
  SQLite::Statement add(*db_, R"(
    INSERT INTO usage_daily(kiosk, day, visits, sessions, not_found) VALUES(?1, ?2, ?3, ?4, ?5)
    ON CONFLICT(kiosk, day) DO UPDATE SET visits = min(visits + ?3, 9000000000000000000),
      sessions = min(sessions + ?4, 9000000000000000000), not_found = min(not_found + ?5, 9000000000000000000))");
  add.bind(1, kiosk);
  add.bind(2, static_cast<int64_t>((at + kParkUtcOffsetSeconds) / 86400));
  add.bind(3, static_cast<int64_t>(visits));
  add.bind(4, static_cast<int64_t>(sessions));
  add.bind(5, static_cast<int64_t>(notFound));
  add.exec();
}

std::vector<DailyUsage> HubDatabase::dailyUsage(long long fromDay) const {
  std::lock_guard lock(mutex_);
  std::vector<DailyUsage> list;
  SQLite::Statement query(*db_, "SELECT kiosk, day, visits, sessions, not_found FROM usage_daily WHERE day >= ? "
                                "ORDER BY day, kiosk");
  query.bind(1, static_cast<int64_t>(fromDay));
  while (query.executeStep())
    list.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getInt64(),
                    query.getColumn(3).getInt64(), query.getColumn(4).getInt64()});
  return list;
}

namespace {
PublishRequest requestFrom(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getInt64(),  q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
          q.getColumn(6).getInt64(),  q.getColumn(7).getString(), q.getColumn(8).getInt64()};
}
constexpr const char* kRequestColumns =
    "SELECT id, created, editor, note, state, decided_by, decided_at, comment, version FROM publish_requests ";
}  // namespace

long long HubDatabase::addPublishRequest(const std::string& editor, const std::string& note) {
  std::lock_guard lock(mutex_);
  SQLite::Statement insert(*db_, "INSERT INTO publish_requests(created, editor, note) VALUES(?,?,?)");
  insert.bind(1, static_cast<int64_t>(now()));
  insert.bind(2, editor);
  insert.bind(3, note);
  insert.exec();
  return db_->getLastInsertRowid();
}

std::vector<PublishRequest> HubDatabase::publishRequests(int limit) const {
  std::lock_guard lock(mutex_);
  std::vector<PublishRequest> list;
  SQLite::Statement query(*db_, std::string(kRequestColumns) +
                                    "ORDER BY state = 'open' DESC, CASE WHEN state = 'open' THEN id ELSE -decided_at END, "
                                    "id DESC LIMIT ?");
  query.bind(1, limit);
  while (query.executeStep()) list.push_back(requestFrom(query));
  return list;
}

std::optional<PublishRequest> HubDatabase::publishRequest(long long id) const {
  std::lock_guard lock(mutex_);
  SQLite::Statement query(*db_, std::string(kRequestColumns) + "WHERE id=?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  return requestFrom(query);
}

void HubDatabase::decidePublishRequest(long long id, const std::string& state, const std::string& by,
                                       const std::string& comment) {
  std::lock_guard lock(mutex_);
  SQLite::Statement update(*db_, "UPDATE publish_requests SET state=?, decided_by=?, decided_at=?, comment=? "
                                 "WHERE id=? AND state='open'");
  update.bind(1, state);
  update.bind(2, by);
  update.bind(3, static_cast<int64_t>(now()));
  update.bind(4, comment);
  update.bind(5, static_cast<int64_t>(id));
  if (update.exec() == 1) return;
  const auto found = publishRequest(id);
  if (!found) throw ConflictError("there is no publish request " + std::to_string(id), "request_unknown", {{"id", std::to_string(id)}});
  throw ConflictError("publish request " + std::to_string(id) + " was " + found->state + " by " + found->decidedBy + " already",
                      "request_decided", {{"id", std::to_string(id)}, {"state", found->state}, {"by", found->decidedBy}});
}

void HubDatabase::setPublishRequestVersion(long long id, long long version) {
  std::lock_guard lock(mutex_);
  SQLite::Statement update(*db_, "UPDATE publish_requests SET version=? WHERE id=?");
  update.bind(1, static_cast<int64_t>(version));
  update.bind(2, static_cast<int64_t>(id));
  update.exec();
}

void HubDatabase::reopenPublishRequest(long long id) {
  std::lock_guard lock(mutex_);
  SQLite::Statement update(*db_, "UPDATE publish_requests SET state='open', decided_by='', decided_at=0, comment='' "
                                 "WHERE id=?");
  update.bind(1, static_cast<int64_t>(id));
  update.exec();
}

}  // namespace qtsc::hub

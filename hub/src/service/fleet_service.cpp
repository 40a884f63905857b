// The fleet's live side: pairing requests, commands, announcements, screenshots, status.
// [SECTION] set-up
// [SECTION] pairing
// [SECTION] commands
// [SECTION] announcements
// [SECTION] screenshots and status
#include "service/fleet_service.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "qtsc/hub/errors.hpp"
#include "qtsc/sync/kiosk_report.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;
namespace fl = sync::fleet;
using nlohmann::json;

// ---------------------------------------------------------------------------------------
// [SECTION] set-up
// ---------------------------------------------------------------------------------------

FleetService::FleetService(const HubSettings& settings, const fs::path& dataDir, const sync::SecretKey& key,
                           std::function<long long()> clock)
    : settings_(settings), screenshotsDir_(dataDir / "screenshots"), key_(key), clock_(std::move(clock)) {
  fs::create_directories(screenshotsDir_);
  const fs::path path = dataDir / "fleet.db";
  try {
    db_ = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  } catch (const SQLite::Exception& e) {
    throw HubError("cannot open the fleet database " + path.string() + ": " + e.what());
  }
  db_->exec("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;");
  db_->exec(R"(
    CREATE TABLE IF NOT EXISTS announcements(id TEXT PRIMARY KEY, body TEXT NOT NULL, author TEXT NOT NULL,
      created INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS fleet_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS kiosk_commands(kiosk TEXT PRIMARY KEY, sync_now INTEGER NOT NULL DEFAULT 0,
      screenshot INTEGER NOT NULL DEFAULT 0, screenshot_done INTEGER NOT NULL DEFAULT 0,
      screenshot_at INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT '{}', status_at INTEGER NOT NULL DEFAULT 0);
  )");
  std::lock_guard lock(mutex_);
  resign();
}

FleetService::~FleetService() = default;

// ---------------------------------------------------------------------------------------
// [SECTION] pairing
// ---------------------------------------------------------------------------------------

void FleetService::dropExpired(long long now) {
  for (auto it = pending_.begin(); it != pending_.end();) it = it->second.expires <= now ? pending_.erase(it) : std::next(it);
  const long long window = settings_.pairingLifetime.count();
  while (!wrongCodes_.empty() && wrongCodes_.front() <= now - window) wrongCodes_.pop_front();
  for (auto it = startsByAddress_.begin(); it != startsByAddress_.end();) {
    while (!it->second.empty() && it->second.front() <= now - window) it->second.pop_front();
    it = it->second.empty() ? startsByAddress_.erase(it) : std::next(it);
  }
}

FleetService::PairingStart FleetService::startPairing(const fl::BoxPublicKey& kioskKey, const std::string& proposedId,
                                                      const std::string& address) {
  std::lock_guard lock(mutex_);
  const long long now = clock_();
  dropExpired(now);
  PairingStart start;
  const auto waiting = std::count_if(pending_.begin(), pending_.end(), [](const auto& p) { return !p.second.claimed; });
  if (waiting >= settings_.pairingPending) {
    start.refusal = PairingRefusal::TooManyPending;
    return start;
  }
  auto& starts = startsByAddress_[address];
  if (static_cast<int>(starts.size()) >= settings_.pairingRequestsPerAddress) {
    start.refusal = PairingRefusal::TooManyFromAddress;
    return start;
  }
  starts.push_back(now);
  std::array<unsigned char, fl::kPairingNonceBytes> nonceBytes{};
  randombytes_buf(nonceBytes.data(), nonceBytes.size());
  std::string nonce(nonceBytes.size() * 2 + 1, '\0');
  sodium_bin2hex(nonce.data(), nonce.size(), nonceBytes.data(), nonceBytes.size());
  nonce.pop_back();
  const sync::PublicKey publisher = sync::publicKeyOf(key_);
  Pending request;
  request.kioskKey = kioskKey;
  request.proposedId = proposedId;
  request.address = address;
  request.created = now;
  request.expires = now + settings_.pairingLifetime.count();
  // Argon2id: tens of milliseconds, under the lock so that no two requests can share a
  // code unnoticed. Starts are rate-limited per address and capped in all.
  request.code = fl::pairingCode(kioskKey, publisher, nonce);
  for (const auto& [id, other] : pending_)
    if (!other.claimed && other.code == request.code) {
      start.refusal = PairingRefusal::TooManyPending;  // 1 in 2^40 per pending request: ask again
      return start;
    }
  const std::string requestId = sync::randomHexId() + sync::randomHexId();
  pending_.emplace(requestId, request);
  start.answer = {{"request", requestId},
                  {"nonce", nonce},
                  {"publisherKey", sync::toHex(publisher)},
                  {"expires", request.expires},
                  {"expiresIn", settings_.pairingLifetime.count()}};
  return start;
}

std::pair<int, json> FleetService::pairingResult(const std::string& requestId) {
  std::lock_guard lock(mutex_);
  dropExpired(clock_());
  const auto it = pending_.find(requestId);
  if (it == pending_.end()) return {404,
                                    {{"error", "no pairing request by that id is waiting: it expired or never was; start again"},
                                     {"code", "pairing_request_unknown"},
                                     {"params", json::object()}}};
  if (!it->second.claimed) return {202, {{"status", "waiting"}, {"expires", it->second.expires}}};
  return {200, it->second.result};
}

std::optional<std::string> FleetService::proposedIdFor(const std::string& code) {
  std::lock_guard lock(mutex_);
  dropExpired(clock_());
  for (const auto& [id, request] : pending_)
    if (!request.claimed && request.code == code) return request.proposedId;
  return std::nullopt;
}

FleetService::Claim FleetService::claim(const std::string& code, const std::string& kioskId,
                                        const std::function<std::string(const std::string&)>& makeKey) {
  std::lock_guard lock(mutex_);
  const long long now = clock_();
  dropExpired(now);
  Claim claim;
  if (static_cast<int>(wrongCodes_.size()) >= settings_.pairingWrongCodes) {
    claim.refusal = PairingRefusal::TooManyWrongCodes;
    return claim;
  }
  const auto it = std::find_if(pending_.begin(), pending_.end(), [&code](const auto& p) {
    return !p.second.claimed && p.second.code.size() == code.size() &&
           sodium_memcmp(p.second.code.data(), code.data(), code.size()) == 0;
  });
  if (it == pending_.end()) {
    wrongCodes_.push_back(now);
    claim.refusal = PairingRefusal::WrongCode;
    return claim;
  }
  Pending& request = it->second;
  const std::string reportKey = makeKey(kioskId);
  const std::string sealed = fl::sealTo(reportKey, request.kioskKey);
  request.claimed = true;
  request.code.clear();
  request.expires = now + settings_.pairingLifetime.count();  // time to fetch the result
  request.result = {{"status", "paired"},
                    {"kioskId", kioskId},
                    {"sealedReportKey", sealed},
                    {"signature", sync::sign(fl::pairingResultMessage(it->first, kioskId, sealed), key_)}};
  claim.kioskId = kioskId;
  sync::PublicKey asKey;
  std::copy(request.kioskKey.begin(), request.kioskKey.end(), asKey.begin());
  claim.kioskKeyId = sync::keyId(asKey);
  return claim;
}

// ---------------------------------------------------------------------------------------
// [SECTION] commands
// ---------------------------------------------------------------------------------------

long long FleetService::counter(const std::string& kioskId, const char* column) const {
  SQLite::Statement query(*db_, std::string("SELECT ") + column + " FROM kiosk_commands WHERE kiosk=?");
  query.bind(1, kioskId);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

void FleetService::requestSync(const std::string& kioskId) {
  std::lock_guard lock(mutex_);
  SQLite::Statement upsert(*db_, "INSERT INTO kiosk_commands(kiosk, sync_now) VALUES(?1, 1) "
                                 "ON CONFLICT(kiosk) DO UPDATE SET sync_now = sync_now + 1");
  upsert.bind(1, kioskId);
  upsert.exec();
}

void FleetService::requestScreenshot(const std::string& kioskId) {
  std::lock_guard lock(mutex_);
  SQLite::Statement upsert(*db_, "INSERT INTO kiosk_commands(kiosk, screenshot) VALUES(?1, 1) "
                                 "ON CONFLICT(kiosk) DO UPDATE SET screenshot = screenshot + 1");
  upsert.bind(1, kioskId);
  upsert.exec();
}

std::pair<std::string, std::string> FleetService::commands(const std::string& kioskId) {
  std::lock_guard lock(mutex_);
  long long syncNow = 0, screenshot = 0, done = 0;
  SQLite::Statement query(*db_, "SELECT sync_now, screenshot, screenshot_done FROM kiosk_commands WHERE kiosk=?");
  query.bind(1, kioskId);
  if (query.executeStep()) {
    syncNow = query.getColumn(0).getInt64();
    screenshot = query.getColumn(1).getInt64();
    done = query.getColumn(2).getInt64();
  }
  const std::string body = json{{"syncNow", syncNow},
                                {"screenshot", screenshot},
                                {"screenshotPending", screenshot > done},
                                {"pollSeconds", settings_.commandPollSeconds},
                                {"announcements", signed_}}
                               .dump();
  return {body, "\"" + sync::sha256Hex(body).substr(0, 32) + "\""};
}

// ---------------------------------------------------------------------------------------
// [SECTION] announcements
// ---------------------------------------------------------------------------------------

void FleetService::resign() {
  const long long now = clock_();
  SQLite::Statement prune(*db_, "DELETE FROM announcements WHERE json_extract(body, '$.ends') <= ?");
  prune.bind(1, static_cast<int64_t>(now));
  prune.exec();
  fl::AnnouncementsDocument document;
  document.issued = now;
  SQLite::Statement list(*db_, "SELECT body FROM announcements ORDER BY created DESC, id");
  while (list.executeStep()) document.announcements.push_back(fl::announcementFromJson(json::parse(list.getColumn(0).getString())));
  // Grows with every change, and also across a lost fleet.db: milliseconds since 1970 at least.
  long long revision = 0;
  SQLite::Statement stored(*db_, "SELECT value FROM fleet_meta WHERE key='revision'");
  if (stored.executeStep()) revision = stored.getColumn(0).getInt64();
  document.revision = std::max(revision + 1, now * 1000);
  SQLite::Statement save(*db_, "INSERT INTO fleet_meta(key, value) VALUES('revision', ?1) ON CONFLICT(key) DO UPDATE SET value=?1");
  save.bind(1, static_cast<int64_t>(document.revision));
  save.exec();
  signed_ = fl::signAnnouncements(document, key_);
}

json FleetService::announcements() const {
  std::lock_guard lock(mutex_);
  json out = json::array();
  SQLite::Statement list(*db_, "SELECT body, author, created FROM announcements ORDER BY created DESC, id");
  while (list.executeStep()) {
    json a = json::parse(list.getColumn(0).getString());
    a["author"] = list.getColumn(1).getString();
    a["created"] = list.getColumn(2).getInt64();
    out.push_back(a);
  }
  return out;
}

json FleetService::addAnnouncement(const json& body, const std::string& author) {
  std::vector<FieldIssue> issues;
  if (!body.is_object()) throw InvalidRequestError({FieldIssue{"body", "must be a JSON object", "json_object"}});
  for (const auto& [field, value] : body.items())
    if (field != "text" && field != "ends" && field != "starts" && field != "target")
      issues.push_back({field, "is not a field of an announcement (text, starts, ends, target)", "announcement_field"});
  const long long now = clock_();
  fl::Announcement a;
  a.id = sync::randomHexId().substr(0, 16);
  const auto text = body.find("text");
  if (text == body.end() || !text->is_object()) {
    issues.push_back({"text", "is required, in Vietnamese and English: {\"vi\": ..., \"en\": ...}", "announcement_text"});
  } else {
    for (const char* language : {"vi", "en"}) {
      const auto t = text->find(language);
      const std::string value = t != text->end() && t->is_string() ? t->get<std::string>() : std::string();
      if (value.find_first_not_of(" \t\r\n") == std::string::npos)
        issues.push_back({std::string("text.") + language, "is required", "field_required"});
      else if (value.size() > fl::kAnnouncementTextBytes)
        issues.push_back({std::string("text.") + language, "is longer than " + std::to_string(fl::kAnnouncementTextBytes) + " bytes", "text_too_long",
                          {{"max", std::to_string(fl::kAnnouncementTextBytes)}}});
    }
    if (issues.empty()) a.text = {{"vi", (*text)["vi"]}, {"en", (*text)["en"]}};
  }
  a.starts = now;
  if (body.contains("starts")) {
    if (!body["starts"].is_number_integer()) issues.push_back({"starts", "is a time in Unix seconds", "unix_time"});
    else a.starts = std::max(now, body["starts"].get<long long>());
  }
  if (!body.contains("ends") || !body["ends"].is_number_integer()) {
    issues.push_back({"ends", "is required: when the announcement goes away, in Unix seconds", "announcement_ends"});
  } else {
    a.ends = body["ends"].get<long long>();
    if (a.ends <= now) issues.push_back({"ends", "is already past", "ends_past"});
    else if (a.ends <= a.starts) issues.push_back({"ends", "is before it starts", "ends_before_start"});
    else if (a.ends - now > fl::kLongestAnnouncementSeconds) {
      const std::string days = std::to_string(fl::kLongestAnnouncementSeconds / 86400);
      issues.push_back({"ends", "is more than " + days + " days away", "ends_too_far", {{"days", days}}});
    }
  }
  const json target = body.value("target", json{{"all", true}});
  if (!target.is_object()) {
    issues.push_back({"target", "is {\"all\": true} or {\"groups\": [...], \"kiosks\": [...]}", "target_shape"});
  } else if (target.value("all", false) != true) {
    a.target.all = false;
    for (const char* list : {"groups", "kiosks"}) {
      const json names = target.value(list, json::array());
      if (!names.is_array()) {
        issues.push_back({std::string("target.") + list, "is a list of names", "names_list"});
        continue;
      }
      for (const auto& name : names)
        if (!name.is_string() || !sync::isKioskName(name.get<std::string>()))
          issues.push_back({std::string("target.") + list, std::string("holds a name that is not ") + sync::kKioskNameRule, "name_rule"});
        else
          (std::string(list) == "groups" ? a.target.groups : a.target.kiosks).push_back(name.get<std::string>());
    }
    if (a.target.groups.empty() && a.target.kiosks.empty())
      issues.push_back({"target", "names no group and no kiosk (use {\"all\": true} for every kiosk)", "target_empty"});
  }
  if (!issues.empty()) throw InvalidRequestError(issues);
  std::lock_guard lock(mutex_);
  const long long inForce = db_->execAndGet("SELECT count(*) FROM announcements").getInt64();
  if (inForce >= static_cast<long long>(fl::kMaxAnnouncements))
    throw ConflictError("there are " + std::to_string(inForce) + " announcements in force, the most kiosks take; withdraw one first",
                        "announcements_full", {{"count", std::to_string(inForce)}});
  SQLite::Statement insert(*db_, "INSERT INTO announcements(id, body, author, created) VALUES(?,?,?,?)");
  insert.bind(1, a.id);
  insert.bind(2, fl::toJson(a).dump());
  insert.bind(3, author);
  insert.bind(4, static_cast<int64_t>(now));
  insert.exec();
  resign();
  return fl::toJson(a);
}

void FleetService::withdrawAnnouncement(const std::string& id) {
  std::lock_guard lock(mutex_);
  SQLite::Statement remove(*db_, "DELETE FROM announcements WHERE id=?");
  remove.bind(1, id);
  if (remove.exec() == 0) throw ConflictError("no announcement '" + id + "' is in force", "announcement_unknown", {{"id", id}});
  resign();
}

json FleetService::signedAnnouncements() {
  std::lock_guard lock(mutex_);
  return signed_;
}

// ---------------------------------------------------------------------------------------
// [SECTION] screenshots and status
// ---------------------------------------------------------------------------------------

void FleetService::storeScreenshot(const std::string& kioskId, const std::string& png, int width, int height) {
  std::lock_guard lock(mutex_);
  const fs::path target = screenshotsDir_ / (kioskId + ".png");
  const fs::path temp = screenshotsDir_ / ("." + kioskId + ".png.tmp-" + sync::randomHexId());
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(png.data(), static_cast<std::streamsize>(png.size()));
    if (!out) throw HubError("cannot write " + temp.string());
  }
  fs::rename(temp, target);
  SQLite::Statement upsert(*db_, R"(INSERT INTO kiosk_commands(kiosk, screenshot_at) VALUES(?1, ?2)
    ON CONFLICT(kiosk) DO UPDATE SET screenshot_at=?2, screenshot_done=screenshot)");
  upsert.bind(1, kioskId);
  upsert.bind(2, static_cast<int64_t>(clock_()));
  upsert.exec();
  (void)width;
  (void)height;
}

std::optional<std::pair<fs::path, long long>> FleetService::screenshot(const std::string& kioskId) const {
  std::lock_guard lock(mutex_);
  const fs::path path = screenshotsDir_ / (kioskId + ".png");
  if (!fs::exists(path)) return std::nullopt;
  return std::make_pair(path, counter(kioskId, "screenshot_at"));
}

void FleetService::setStatus(const std::string& kioskId, const json& status) {
  std::lock_guard lock(mutex_);
  SQLite::Statement upsert(*db_, R"(INSERT INTO kiosk_commands(kiosk, status, status_at) VALUES(?1, ?2, ?3)
    ON CONFLICT(kiosk) DO UPDATE SET status=?2, status_at=?3)");
  upsert.bind(1, kioskId);
  upsert.bind(2, status.dump());
  upsert.bind(3, static_cast<int64_t>(clock_()));
  upsert.exec();
}

json FleetService::row(const std::string& kioskId) const {
  std::lock_guard lock(mutex_);
  SQLite::Statement query(*db_, "SELECT sync_now, screenshot, screenshot_done, screenshot_at, status, status_at "
                                "FROM kiosk_commands WHERE kiosk=?");
  query.bind(1, kioskId);
  json out{{"screenshotAt", nullptr}, {"screenshotPending", false}, {"status", nullptr}, {"statusAt", nullptr}};
  if (!query.executeStep()) return out;
  out["screenshotPending"] = query.getColumn(1).getInt64() > query.getColumn(2).getInt64();
  if (query.getColumn(3).getInt64() > 0) out["screenshotAt"] = query.getColumn(3).getInt64();
  if (query.getColumn(5).getInt64() > 0) {
    out["status"] = json::parse(query.getColumn(4).getString(), nullptr, false);
    out["statusAt"] = query.getColumn(5).getInt64();
  }
  return out;
}

void FleetService::forgetKiosk(const std::string& kioskId) {
  std::lock_guard lock(mutex_);
  SQLite::Statement remove(*db_, "DELETE FROM kiosk_commands WHERE kiosk=?");
  remove.bind(1, kioskId);
  remove.exec();
  std::error_code ignored;
  fs::remove(screenshotsDir_ / (kioskId + ".png"), ignored);
}

}  // namespace qtsc::hub

// [SECTION] helpers: time, random tokens, token hashes
// [SECTION] schema
// [SECTION] accounts
// [SECTION] sessions and API tokens
// [SECTION] audit log, publications
// [SECTION] kiosk reports and usage
#include "qtsc/hub/hub_db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <chrono>
#include <mutex>
#include <cstdint>

#include "qtsc/hub/errors.hpp"

namespace qtsc::hub {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// [SECTION] helpers: time, random tokens, token hashes
// ---------------------------------------------------------------------------------------

long long nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

std::string randomToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return hex(bytes, sizeof bytes);
}

// Tokens are stored as BLAKE2b hashes: a copy of the database gives no working session.
std::string tokenHash(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  return hex(digest, sizeof digest);
}

void checkPasswordStrength(const std::string& password) {
  if (password.size() < kMinPasswordLength)
    throw InvalidRequestError({FieldIssue{"password", "use at least " + std::to_string(kMinPasswordLength) + " characters", "password_short",
                                          {{"min", std::to_string(kMinPasswordLength)}}}});
  if (password.size() > kMaxPasswordLength)
    throw InvalidRequestError({FieldIssue{"password", "use at most " + std::to_string(kMaxPasswordLength) + " characters", "password_long",
                                          {{"max", std::to_string(kMaxPasswordLength)}}}});
}

}  // namespace

std::string toString(Role role) {
  switch (role) {
    case Role::Editor: return "editor";
    case Role::Publisher: return "publisher";
    case Role::Admin: return "admin";
  }
  return "editor";
}

std::optional<Role> roleFromString(const std::string& text) {
  if (text == "editor") return Role::Editor;
  if (text == "publisher") return Role::Publisher;
  if (text == "admin") return Role::Admin;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// [SECTION] schema
// ---------------------------------------------------------------------------------------

HubDatabase::HubDatabase(const std::string& path, PasswordCost cost, std::function<long long()> clock,
                         std::size_t maxAuditEntryBytes)
    : cost_(cost), clock_(std::move(clock)), maxAuditEntryBytes_(maxAuditEntryBytes) {
  if (sodium_init() < 0) throw HubError("libsodium could not be initialised");
  try {
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  } catch (const SQLite::Exception& e) {
    throw HubError("cannot open the hub database " + path + ": " + e.what());
  }
  db_->exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
  SQLite::Transaction transaction(*db_);
  db_->exec(R"(
    CREATE TABLE IF NOT EXISTS users(name TEXT PRIMARY KEY, role TEXT NOT NULL,
      password_hash TEXT NOT NULL, created INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS sessions(token_hash TEXT PRIMARY KEY,
      user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
      csrf TEXT NOT NULL, created INTEGER NOT NULL, expires INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS api_tokens(id INTEGER PRIMARY KEY, token_hash TEXT UNIQUE NOT NULL,
      user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE, label TEXT NOT NULL, created INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS audit(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL,
      action TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, before TEXT, after TEXT);
    CREATE TABLE IF NOT EXISTS publications(version INTEGER PRIMARY KEY, at INTEGER NOT NULL,
      user TEXT NOT NULL, note TEXT NOT NULL, rolled_back_to INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS kiosks(id TEXT PRIMARY KEY, last_contact INTEGER NOT NULL,
      reported_at TEXT NOT NULL, content_version INTEGER NOT NULL, last_result TEXT NOT NULL,
      last_message TEXT NOT NULL, free_disk INTEGER NOT NULL, reports INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS kiosk_keys(kiosk TEXT PRIMARY KEY, key_hash TEXT NOT NULL, created INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS reports(id TEXT PRIMARY KEY, kiosk TEXT NOT NULL,
      received INTEGER NOT NULL, body TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS usage(category TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY(category, key));
    CREATE INDEX IF NOT EXISTS reports_by_kiosk ON reports(kiosk, received);
    CREATE INDEX IF NOT EXISTS reports_by_age ON reports(received);
    CREATE TABLE IF NOT EXISTS usage_keys_by_day(kiosk TEXT NOT NULL, day INTEGER NOT NULL, category TEXT NOT NULL,
      key TEXT NOT NULL, PRIMARY KEY(kiosk, day, category, key));
  )");
  // Data folders made before tokens could expire.
  if (!db_->execAndGet("SELECT count(*) FROM pragma_table_info('api_tokens') WHERE name='expires'").getInt())
    db_->exec("ALTER TABLE api_tokens ADD COLUMN expires INTEGER NOT NULL DEFAULT 0");
  createWorkflowTables();
  // Data folders made before accounts chose the admin page's language: they keep the default.
  if (!db_->execAndGet("SELECT count(*) FROM pragma_table_info('users') WHERE name='language'").getInt())
    db_->exec("ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT ''");
  transaction.commit();
  char dummy[crypto_pwhash_STRBYTES];
  const std::string filler = randomToken();
  if (crypto_pwhash_str_alg(dummy, filler.c_str(), filler.size(), cost_.opsLimit, cost_.memLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw HubError("not enough memory to hash passwords");
  dummyHash_ = dummy;
}

HubDatabase::~HubDatabase() = default;

long long HubDatabase::now() const { return clock_ ? clock_() : nowSeconds(); }

// ---------------------------------------------------------------------------------------
// [SECTION] accounts
// ---------------------------------------------------------------------------------------

namespace {
std::string hashPassword(const std::string& password, const PasswordCost& cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.c_str(), password.size(), cost.opsLimit, cost.memLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw HubError("not enough memory to hash the password");
  return out;
}

bool validAccountName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
  return true;
}
}  // namespace

void HubDatabase::addAccount(const std::string& name, Role role, const std::string& password) {
  if (!validAccountName(name))
    throw InvalidRequestError({FieldIssue{"name", "use 1 to 64 characters of a-z, 0-9, '-', '_' and '.'", "account_name"}});
  checkPasswordStrength(password);
  if (account(name)) throw ConflictError("an account named '" + name + "' exists already", "account_exists", {{"name", name}});
  const std::string hash = hashPassword(password, cost_);
  std::lock_guard lock(mutex_);
  SQLite::Statement insert(*db_, "INSERT INTO users(name, role, password_hash, created) VALUES(?,?,?,?)");
  insert.bind(1, name);
  insert.bind(2, toString(role));
  insert.bind(3, hash);
  insert.bind(4, static_cast<int64_t>(now()));
  try {
    insert.exec();
  } catch (const SQLite::Exception&) {
    if (account(name)) throw ConflictError("an account named '" + name + "' exists already", "account_exists", {{"name", name}});
    throw;
  }
}

namespace {
// BEGIN IMMEDIATE: the write lock is taken at the start, so a count read inside the
// transaction still holds when the change is written (also against the command line).
class ImmediateTransaction {
 public:
  explicit ImmediateTransaction(SQLite::Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  ~ImmediateTransaction() {
    if (!done_) {
      try {
        db_.exec("ROLLBACK");
      } catch (...) {  // a destructor must not throw; SQLite rolls back on close anyway
      }
    }
  }
  ImmediateTransaction(const ImmediateTransaction&) = delete;
  ImmediateTransaction& operator=(const ImmediateTransaction&) = delete;
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  SQLite::Database& db_;
  bool done_ = false;
};

constexpr const char* kLastAdmin = "this is the last admin account; make another admin first";
}  // namespace

AccountChange HubDatabase::updateAccount(const std::string& name, std::optional<Role> role,
                                         const std::optional<std::string>& password) {
  std::string hash;
  if (password) {
    checkPasswordStrength(*password);
    hash = hashPassword(*password, cost_);  // before the lock: see the header
  }
  std::lock_guard lock(mutex_);
  ImmediateTransaction transaction(*db_);
  AccountChange change;
  const auto before = account(name);
  if (!before) throw ConflictError("no account named '" + name + "'", "account_unknown", {{"name", name}});
  change.before = *before;
  change.after = *before;
  if (role && *role != before->role) {
    if (before->role == Role::Admin && adminCount() <= 1) throw ConflictError(kLastAdmin, "last_admin");
    SQLite::Statement update(*db_, "UPDATE users SET role=? WHERE name=?");
    update.bind(1, toString(*role));
    update.bind(2, name);
    update.exec();
    change.after.role = *role;
  }
  if (password) {
    SQLite::Statement update(*db_, "UPDATE users SET password_hash=? WHERE name=?");
    update.bind(1, hash);
    update.bind(2, name);
    update.exec();
    SQLite::Statement sessions(*db_, "DELETE FROM sessions WHERE user=?");
    sessions.bind(1, name);
    change.endedSessions = sessions.exec();
    SQLite::Statement tokens(*db_, "DELETE FROM api_tokens WHERE user=?");
    tokens.bind(1, name);
    change.revokedTokens = tokens.exec();
  }
  transaction.commit();
  return change;
}

Account HubDatabase::removeAccount(const std::string& name) {
  std::lock_guard lock(mutex_);
  ImmediateTransaction transaction(*db_);
  const auto before = account(name);
  if (!before) throw ConflictError("no account named '" + name + "'", "account_unknown", {{"name", name}});
  if (before->role == Role::Admin && adminCount() <= 1) throw ConflictError(kLastAdmin, "last_admin");
  SQLite::Statement remove(*db_, "DELETE FROM users WHERE name=?");
  remove.bind(1, name);
  remove.exec();
  transaction.commit();
  return *before;
}

std::vector<Account> HubDatabase::accounts() const {
  std::lock_guard lock(mutex_);
  std::vector<Account> list;
  SQLite::Statement query(*db_, "SELECT name, role, created, language FROM users ORDER BY name");
  while (query.executeStep())
    list.push_back({query.getColumn(0).getString(), roleFromString(query.getColumn(1).getString()).value_or(Role::Editor),
                    query.getColumn(2).getInt64(), query.getColumn(3).getString()});
  return list;
}

std::optional<Account> HubDatabase::account(const std::string& name) const {
  std::lock_guard lock(mutex_);
  SQLite::Statement query(*db_, "SELECT name, role, created, language FROM users WHERE name=?");
  query.bind(1, name);
  if (!query.executeStep()) return std::nullopt;
  return Account{query.getColumn(0).getString(), roleFromString(query.getColumn(1).getString()).value_or(Role::Editor),
                 query.getColumn(2).getInt64(), query.getColumn(3).getString()};
}

void HubDatabase::setLanguage(const std::string& name, const std::string& language) {
  std::lock_guard lock(mutex_);
  SQLite::Statement update(*db_, "UPDATE users SET language=? WHERE name=?");
  update.bind(1, language);
  update.bind(2, name);
  if (update.exec() == 0) throw ConflictError("no account named '" + name + "'", "account_unknown", {{"name", name}});
}

int HubDatabase::adminCount() const {
  std::lock_guard lock(mutex_);
  return db_->execAndGet("SELECT count(*) FROM users WHERE role='admin'").getInt();
}

bool HubDatabase::checkPassword(const std::string& name, const std::string& password) const {
  bool known = false;
  std::string stored = dummyHash_;
  {
    std::lock_guard lock(mutex_);  // not held while hashing: other requests go on meanwhile
    SQLite::Statement query(*db_, "SELECT password_hash FROM users WHERE name=?");
    query.bind(1, name);
    known = query.executeStep();
    if (known) stored = query.getColumn(0).getString();
  }
  const bool match = crypto_pwhash_str_verify(stored.c_str(), password.c_str(), password.size()) == 0;
  return known && match;
}

// ---------------------------------------------------------------------------------------
// [SECTION] sessions and API tokens
// ---------------------------------------------------------------------------------------

std::pair<std::string, std::string> HubDatabase::createSession(const std::string& user, long long lifetimeSeconds) {
  std::lock_guard lock(mutex_);
  const std::string token = randomToken();
  const std::string csrf = randomToken();
  const long long now = this->now();
  SQLite::Statement cleanup(*db_, "DELETE FROM sessions WHERE expires < ?");
  cleanup.bind(1, static_cast<int64_t>(now));
  cleanup.exec();
  SQLite::Statement insert(*db_, "INSERT INTO sessions(token_hash, user, csrf, created, expires) VALUES(?,?,?,?,?)");
  insert.bind(1, tokenHash(token));
  insert.bind(2, user);
  insert.bind(3, csrf);
  insert.bind(4, static_cast<int64_t>(now));
  insert.bind(5, static_cast<int64_t>(now + lifetimeSeconds));
  insert.exec();
  return {token, csrf};
}

std::optional<Session> HubDatabase::sessionFor(const std::string& token) const {
  std::lock_guard lock(mutex_);
  if (token.empty()) return std::nullopt;
  SQLite::Statement query(*db_,
                          "SELECT s.user, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user "
                          "WHERE s.token_hash=? AND s.expires >= ?");
  query.bind(1, tokenHash(token));
  query.bind(2, static_cast<int64_t>(now()));
  if (!query.executeStep()) return std::nullopt;
  return Session{query.getColumn(0).getString(), roleFromString(query.getColumn(1).getString()).value_or(Role::Editor),
                 query.getColumn(2).getString(), false};
}

void HubDatabase::endSession(const std::string& token) {
  std::lock_guard lock(mutex_);
  SQLite::Statement remove(*db_, "DELETE FROM sessions WHERE token_hash=?");
  remove.bind(1, tokenHash(token));
  remove.exec();
}

std::string HubDatabase::createApiToken(const std::string& user, const std::string& label, long long expires) {
  std::lock_guard lock(mutex_);
  const std::string token = "qh_" + randomToken();
  SQLite::Statement insert(*db_, "INSERT INTO api_tokens(token_hash, user, label, created, expires) VALUES(?,?,?,?,?)");
  insert.bind(1, tokenHash(token));
  insert.bind(2, user);
  insert.bind(3, label);
  insert.bind(4, static_cast<int64_t>(now()));
  insert.bind(5, static_cast<int64_t>(expires));
  insert.exec();
  return token;
}

std::optional<Session> HubDatabase::tokenFor(const std::string& token) const {
  std::lock_guard lock(mutex_);
  if (token.empty()) return std::nullopt;
  SQLite::Statement query(*db_,
                          "SELECT t.user, u.role FROM api_tokens t JOIN users u ON u.name = t.user "
                          "WHERE t.token_hash=? AND (t.expires = 0 OR t.expires > ?)");
  query.bind(1, tokenHash(token));
  query.bind(2, static_cast<int64_t>(now()));
  if (!query.executeStep()) return std::nullopt;
  return Session{query.getColumn(0).getString(), roleFromString(query.getColumn(1).getString()).value_or(Role::Editor),
                 "", true};
}

json HubDatabase::apiTokens(const std::string& user) const {
  std::lock_guard lock(mutex_);
  json list = json::array();
  SQLite::Statement query(*db_, "SELECT id, label, created, expires FROM api_tokens WHERE user=? ORDER BY id");
  query.bind(1, user);
  while (query.executeStep()) {
    const long long expires = query.getColumn(3).getInt64();
    list.push_back({{"id", query.getColumn(0).getInt64()}, {"label", query.getColumn(1).getString()},
                    {"created", query.getColumn(2).getInt64()},
                    {"expires", expires ? json(expires) : json(nullptr)},
                    {"expired", expires != 0 && expires <= now()}});
  }
  return list;
}

void HubDatabase::revokeApiToken(const std::string& user, long long id) {
  std::lock_guard lock(mutex_);
  SQLite::Statement remove(*db_, "DELETE FROM api_tokens WHERE user=? AND id=?");
  remove.bind(1, user);
  remove.bind(2, static_cast<int64_t>(id));
  if (remove.exec() == 0) throw ConflictError("no such token", "token_unknown");
}

// ---------------------------------------------------------------------------------------
// [SECTION] audit log, publications
// ---------------------------------------------------------------------------------------

namespace {

// What an audit entry keeps of a value too large to keep whole (a 20,000-row import): its
// size, how many records, and the ids of the first few, so the entry says what changed
// without growing with the change.
json auditSummary(const json& value, std::size_t bytes) {
  json summary{{"summarised", true}, {"bytes", bytes}};
  if (value.is_array() || value.is_object()) summary["records"] = value.size();
  if (value.is_array()) {
    json ids = json::array();
    for (const auto& item : value) {
      if (ids.size() >= 20) break;
      if (item.is_object() && item.contains("id") && item["id"].is_string()) {
        std::string id = item["id"].get<std::string>();
        if (id.size() > 100) id.resize(100);
        ids.push_back(id);
      }
    }
    summary["firstIds"] = ids;
  }
  return summary;
}

std::string boundedDump(const json& value, std::size_t limit) {
  // Replacement keeps a value with broken UTF-8 from failing the entry.
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() <= limit) return text;
  return auditSummary(value, text.size()).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void HubDatabase::audit(const std::string& user, const std::string& action, const std::string& kind,
                        const std::string& recordId, const json& before, const json& after) {
  const std::string beforeText = before.is_null() ? std::string() : boundedDump(before, maxAuditEntryBytes_);
  const std::string afterText = after.is_null() ? std::string() : boundedDump(after, maxAuditEntryBytes_);
  std::lock_guard lock(mutex_);
  SQLite::Statement insert(*db_,
                           "INSERT INTO audit(at, user, action, kind, record_id, before, after) VALUES(?,?,?,?,?,?,?)");
  insert.bind(1, static_cast<int64_t>(now()));
  insert.bind(2, user.substr(0, 200));
  insert.bind(3, action);
  insert.bind(4, kind);
  insert.bind(5, recordId.substr(0, 200));
  if (before.is_null()) insert.bind(6); else insert.bind(6, beforeText);
  if (after.is_null()) insert.bind(7); else insert.bind(7, afterText);
  insert.exec();
}

json HubDatabase::auditLog(int limit, long long beforeId) const {
  std::lock_guard lock(mutex_);
  json list = json::array();
  SQLite::Statement query(*db_,
                          "SELECT id, at, user, action, kind, record_id, before, after FROM audit "
                          "WHERE (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
  query.bind(1, static_cast<int64_t>(beforeId));
  query.bind(2, static_cast<int64_t>(beforeId));
  query.bind(3, limit);
  while (query.executeStep()) {
    // Entries written before entries had a bound are summarised as they are read.
    auto parse = [&](int column) {
      if (query.getColumn(column).isNull()) return json();
      const std::string text = query.getColumn(column).getString();
      json value = json::parse(text, nullptr, false);
      if (text.size() > maxAuditEntryBytes_) return auditSummary(value, text.size());
      return value;
    };
    list.push_back({{"id", query.getColumn(0).getInt64()}, {"at", query.getColumn(1).getInt64()},
                    {"user", query.getColumn(2).getString()}, {"action", query.getColumn(3).getString()},
                    {"kind", query.getColumn(4).getString()}, {"recordId", query.getColumn(5).getString()},
                    {"before", parse(6)}, {"after", parse(7)}});
  }
  return list;
}

void HubDatabase::addPublication(const Publication& p) {
  std::lock_guard lock(mutex_);
  SQLite::Statement insert(*db_, "INSERT OR REPLACE INTO publications(version, at, user, note, rolled_back_to) VALUES(?,?,?,?,?)");
  insert.bind(1, static_cast<int64_t>(p.version));
  insert.bind(2, static_cast<int64_t>(p.at));
  insert.bind(3, p.user);
  insert.bind(4, p.note);
  insert.bind(5, static_cast<int64_t>(p.rolledBackTo));
  insert.exec();
}

std::vector<Publication> HubDatabase::publications() const {
  std::lock_guard lock(mutex_);
  std::vector<Publication> list;
  SQLite::Statement query(*db_, "SELECT version, at, user, note, rolled_back_to FROM publications ORDER BY version DESC");
  while (query.executeStep())
    list.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                    query.getColumn(3).getString(), query.getColumn(4).getInt64()});
  return list;
}

// ---------------------------------------------------------------------------------------
// [SECTION] kiosk reports and usage
// ---------------------------------------------------------------------------------------

ReportResult HubDatabase::addReport(const std::string& reportId, const KioskState& s, const json& usage,
                                   const std::string& body, const ReportLimits& limits) {
  std::lock_guard lock(mutex_);
  ReportResult result;
  const long long at = s.lastContact;
  SQLite::Transaction transaction(*db_);
  {
    SQLite::Statement prune(*db_, "DELETE FROM reports WHERE received < ?");
    prune.bind(1, static_cast<int64_t>(at - limits.retentionSeconds));
    prune.exec();
  }
  {
    SQLite::Statement seen(*db_, "SELECT 1 FROM reports WHERE id=?");
    seen.bind(1, reportId);
    if (seen.executeStep()) {
      transaction.commit();  // keeps the pruning
      result.outcome = ReportOutcome::Duplicate;
      return result;
    }
  }
  {
    SQLite::Statement recent(*db_, "SELECT count(*) FROM reports WHERE kiosk=? AND received > ?");
    recent.bind(1, s.id);
    recent.bind(2, static_cast<int64_t>(at - 3600));
    recent.executeStep();
    if (recent.getColumn(0).getInt64() >= limits.perHour) {
      transaction.commit();
      result.outcome = ReportOutcome::RateLimited;
      return result;
    }
  }
  SQLite::Statement insert(*db_, "INSERT INTO reports(id, kiosk, received, body) VALUES(?,?,?,?)");
  insert.bind(1, reportId);
  insert.bind(2, s.id);
  insert.bind(3, static_cast<int64_t>(at));
  insert.bind(4, body);
  insert.exec();
  SQLite::Statement upsert(*db_, R"(
    INSERT INTO kiosks(id, last_contact, reported_at, content_version, last_result, last_message, free_disk, reports)
    VALUES(?1,?2,?3,?4,?5,?6,?7,1)
    ON CONFLICT(id) DO UPDATE SET last_contact=?2, reported_at=?3, content_version=?4, last_result=?5,
      last_message=?6, free_disk=?7, reports=reports+1)");
  upsert.bind(1, s.id);
  upsert.bind(2, static_cast<int64_t>(at));
  upsert.bind(3, s.reportedAt);
  upsert.bind(4, static_cast<int64_t>(s.contentVersion));
  upsert.bind(5, s.lastResult);
  upsert.bind(6, s.lastMessage);
  upsert.bind(7, static_cast<int64_t>(s.freeDiskBytes));
  upsert.exec();

  // A kiosk may bring only so many new names a day: the key lives on a public PC, and the
  // usage table (and page) must not grow with whatever it is made to send.
  const long long day = at / 86400;
  {
    SQLite::Statement old(*db_, "DELETE FROM usage_keys_by_day WHERE day < ?");
    old.bind(1, static_cast<int64_t>(day - 1));
    old.exec();
  }
  SQLite::Statement dayCount(*db_, "SELECT count(*) FROM usage_keys_by_day WHERE kiosk=? AND day=?");
  dayCount.bind(1, s.id);
  dayCount.bind(2, static_cast<int64_t>(day));
  dayCount.executeStep();
  long long keysToday = dayCount.getColumn(0).getInt64();
  SQLite::Statement known(*db_, "SELECT 1 FROM usage_keys_by_day WHERE kiosk=? AND day=? AND category=? AND key=?");
  SQLite::Statement remember(*db_, "INSERT INTO usage_keys_by_day(kiosk, day, category, key) VALUES(?,?,?,?)");
  SQLite::Statement count(*db_, R"(
    INSERT INTO usage(category, key, count) VALUES(?1, ?2, ?3)
    ON CONFLICT(category, key) DO UPDATE SET count = min(count + ?3, 9000000000000000000))");
  for (const auto& [category, entries] : usage.items()) {
    if (!entries.is_object()) continue;
    for (const auto& [key, n] : entries.items()) {
      known.bind(1, s.id);
      known.bind(2, static_cast<int64_t>(day));
      known.bind(3, category);
      known.bind(4, key);
      const bool seenToday = known.executeStep();
      known.reset();
      if (!seenToday) {
        if (keysToday >= limits.usageKeysPerDay) {
          ++result.usageKeysDropped;
          continue;
        }
        remember.bind(1, s.id);
        remember.bind(2, static_cast<int64_t>(day));
        remember.bind(3, category);
        remember.bind(4, key);
        remember.exec();
        remember.reset();
        ++keysToday;
      }
      count.bind(1, category);
      count.bind(2, key);
      count.bind(3, static_cast<int64_t>(n.get<long long>()));
      count.exec();
      count.reset();
    }
  }
  addDailyUsage(s.id, at, usage);
  transaction.commit();
  return result;
}

long long HubDatabase::storedReports() const {
  std::lock_guard lock(mutex_);
  return db_->execAndGet("SELECT count(*) FROM reports").getInt64();
}

void HubDatabase::removeKiosk(const std::string& id) {
  std::lock_guard lock(mutex_);
  SQLite::Transaction transaction(*db_);
  int removed = 0;
  for (const char* sql : {"DELETE FROM kiosks WHERE id=?", "DELETE FROM kiosk_keys WHERE kiosk=?"}) {
    SQLite::Statement remove(*db_, sql);
    remove.bind(1, id);
    removed += remove.exec();
  }
  if (removed == 0) throw ConflictError("no kiosk named '" + id + "' is paired or has reported", "kiosk_unknown", {{"id", id}});
  transaction.commit();
}

std::string HubDatabase::pairKiosk(const std::string& id) {
  std::lock_guard lock(mutex_);
  const std::string key = "qk_" + randomToken();
  SQLite::Statement upsert(*db_, R"(
    INSERT INTO kiosk_keys(kiosk, key_hash, created) VALUES(?1, ?2, ?3)
    ON CONFLICT(kiosk) DO UPDATE SET key_hash=?2, created=?3)");
  upsert.bind(1, id);
  upsert.bind(2, tokenHash(key));
  upsert.bind(3, static_cast<int64_t>(now()));
  upsert.exec();
  return key;
}

bool HubDatabase::kioskKeyMatches(const std::string& id, const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (key.empty()) return false;
  SQLite::Statement query(*db_, "SELECT key_hash FROM kiosk_keys WHERE kiosk=?");
  query.bind(1, id);
  if (!query.executeStep()) return false;
  const std::string stored = query.getColumn(0).getString();
  const std::string offered = tokenHash(key);
  return stored.size() == offered.size() && sodium_memcmp(stored.data(), offered.data(), stored.size()) == 0;
}

std::vector<KioskState> HubDatabase::kiosks() const {
  std::lock_guard lock(mutex_);
  std::vector<KioskState> list;
  // Kiosks that reported, and paired kiosks that have not reported yet.
  SQLite::Statement query(*db_, R"(
    SELECT k.id, k.last_contact, k.reported_at, k.content_version, k.last_result, k.last_message, k.free_disk,
           k.reports, EXISTS(SELECT 1 FROM kiosk_keys p WHERE p.kiosk = k.id)
      FROM kiosks k
    UNION ALL
    SELECT p.kiosk, 0, '', 0, '', '', 0, 0, 1 FROM kiosk_keys p WHERE p.kiosk NOT IN (SELECT id FROM kiosks)
    ORDER BY 1)");
  while (query.executeStep())
    list.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                    query.getColumn(3).getInt64(), query.getColumn(4).getString(), query.getColumn(5).getString(),
                    query.getColumn(6).getInt64(), query.getColumn(7).getInt64(), query.getColumn(8).getInt() != 0});
  return list;
}

json HubDatabase::usage(int limit) const {
  std::lock_guard lock(mutex_);
  json out = json::object();
  SQLite::Statement query(*db_,
                          "SELECT category, key, count FROM (SELECT category, key, count, row_number() OVER "
                          "(PARTITION BY category ORDER BY count DESC, key) AS rank FROM usage) WHERE rank <= ? "
                          "ORDER BY category, count DESC, key");
  query.bind(1, limit);
  while (query.executeStep())
    out[query.getColumn(0).getString()].push_back(
        {{"key", query.getColumn(1).getString()}, {"count", query.getColumn(2).getInt64()}});
  return out;
}

}  // namespace qtsc::hub

// HubDatabase: the hub's own records in DATA/hub.db (SQLite): staff accounts, sessions, API
// tokens, the audit log, published versions, and what kiosks reported. The park's content
// lives apart, in the authoring content database.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace qtsc::hub {

// Each role may do everything the roles before it may.
enum class Role { Editor = 1, Publisher = 2, Admin = 3 };
std::string toString(Role role);
std::optional<Role> roleFromString(const std::string& text);

struct Account {
  std::string name;
  Role role = Role::Editor;
  long long created = 0;  // Unix seconds
  std::string language;   // the admin page's language for this account ("vi", "en", ...); empty: the default
};

struct Session {
  std::string user;
  Role role = Role::Editor;
  std::string csrfToken;  // empty for API tokens: they carry no ambient credential
  bool viaToken = false;
};

// A password's length in bytes; the admin page learns both from GET /api/v1/schema.
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 1024;
// Audit log entries in one answer of GET /api/v1/audit (the admin page's page of entries).
inline constexpr int kAuditPageSize = 50;

// Argon2id cost; libsodium's "interactive" limits unless a test asks for less.
struct PasswordCost {
  unsigned long long opsLimit = 2;                  // passes (crypto_pwhash_OPSLIMIT_INTERACTIVE)
  std::size_t memLimit = 64ULL * 1024 * 1024;        // bytes (crypto_pwhash_MEMLIMIT_INTERACTIVE)
};

struct KioskState {
  std::string id;
  long long lastContact = 0;  // Unix seconds, when the hub received the last report
  std::string reportedAt;     // the kiosk's own time of its last sync, ISO 8601
  long long contentVersion = 0;
  std::string lastResult;     // "installed", "up-to-date", "failed", "expired"
  std::string lastMessage;
  long long freeDiskBytes = 0;
  long long reports = 0;
  bool paired = false;        // holds a report key; a paired kiosk that never reported has reports == 0
};

// What an account change did; tokens are revoked with a new password.
struct AccountChange {
  Account before;
  Account after;
  int revokedTokens = 0;  // API tokens of the account that stopped working
  int endedSessions = 0;  // its signed-in sessions that ended
};

// Limits on what one kiosk's reports may add (see HubSettings for the defaults).
struct ReportLimits {
  int perHour = 60;               // reports accepted from one kiosk in any hour
  int usageKeysPerDay = 2000;     // distinct new usage keys one kiosk may add per UTC day
  long long retentionSeconds = 90LL * 24 * 3600;  // stored report bodies older than this are removed
};

enum class ReportOutcome { Stored, Duplicate, RateLimited };
struct ReportResult {
  ReportOutcome outcome = ReportOutcome::Stored;
  int usageKeysDropped = 0;  // usage keys over the day's cap, not counted
};

struct Publication {
  long long version = 0;
  long long at = 0;  // Unix seconds
  std::string user;
  std::string note;
  long long rolledBackTo = 0;  // the earlier version it restored, 0 for an ordinary publish
};

// An editor's request that a publisher publish the drafts.
struct PublishRequest {
  long long id = 0;
  long long created = 0;   // Unix seconds
  std::string editor;      // who asked
  std::string note;        // what the editor says about it; may be empty
  std::string state;       // "open", "approved" or "returned"
  std::string decidedBy;   // the publisher who approved or returned it
  long long decidedAt = 0; // Unix seconds; 0 while open
  std::string comment;     // the publisher's comment (why it was returned)
  long long version = 0;   // the version its approval published
};

// What one kiosk's reports counted on one day of the park's calendar (Asia/Ho_Chi_Minh).
struct DailyUsage {
  std::string kiosk;
  long long day = 0;               // days since 1970-01-01 in park time
  long long visits = 0;            // screens opened ("opened" entries named "screen:...")
  long long sessions = 0;          // the kiosk's "sessions" counter: visitors who left the attract loop
  long long searchesNotFound = 0;  // searches that found nothing
};
// The park's offset from UTC (Vietnam keeps no daylight saving time), seconds.
inline constexpr long long kParkUtcOffsetSeconds = 7 * 3600;

class HubDatabase {
 public:
  // `clock` gives Unix seconds (empty: the system clock); audit entries keep at most
  // `maxAuditEntryBytes` of before and after each, and summarise anything larger.
  explicit HubDatabase(const std::string& path, PasswordCost cost = {}, std::function<long long()> clock = {},
                       std::size_t maxAuditEntryBytes = 16 * 1024);
  ~HubDatabase();
  HubDatabase(const HubDatabase&) = delete;
  HubDatabase& operator=(const HubDatabase&) = delete;

  // ---- Accounts ----------------------------------------------------------------------
  // Passwords are hashed before the database is locked: a hash takes a tenth of a second
  // and other requests go on meanwhile.
  // Refuses an existing name (ConflictError) and a weak password (InvalidRequestError).
  void addAccount(const std::string& name, Role role, const std::string& password);
  // Changes the role and/or the password in one transaction. The last admin cannot stop
  // being one (ConflictError), checked in the same transaction as the change, so two admins
  // demoting each other at once leave one. A new password ends the account's sessions and
  // revokes its API tokens. Throws ConflictError for an unknown account.
  AccountChange updateAccount(const std::string& name, std::optional<Role> role, const std::optional<std::string>& password);
  void setRole(const std::string& name, Role role) { updateAccount(name, role, std::nullopt); }
  AccountChange setPassword(const std::string& name, const std::string& password) {
    return updateAccount(name, std::nullopt, password);
  }
  // Removes the account, its sessions and tokens; refuses the last admin (ConflictError).
  Account removeAccount(const std::string& name);
  // The admin page's language for the account (a catalogue code the caller has checked).
  // Throws ConflictError for an unknown account.
  void setLanguage(const std::string& name, const std::string& language);
  [[nodiscard]] std::vector<Account> accounts() const;
  [[nodiscard]] std::optional<Account> account(const std::string& name) const;
  [[nodiscard]] int adminCount() const;
  // True when `name` exists and `password` is its password (always takes one hash's time).
  [[nodiscard]] bool checkPassword(const std::string& name, const std::string& password) const;

  // ---- Sessions and tokens ------------------------------------------------------------
  // Returns {session token, CSRF token}; only hashes of the session token are stored.
  std::pair<std::string, std::string> createSession(const std::string& user, long long lifetimeSeconds);
  [[nodiscard]] std::optional<Session> sessionFor(const std::string& token) const;
  void endSession(const std::string& token);
  // Returns the token (shown once); stored as a hash. `expires`: Unix seconds, 0 for never.
  std::string createApiToken(const std::string& user, const std::string& label, long long expires = 0);
  [[nodiscard]] std::optional<Session> tokenFor(const std::string& token) const;
  [[nodiscard]] nlohmann::json apiTokens(const std::string& user) const;
  void revokeApiToken(const std::string& user, long long id);

  // ---- Audit log ----------------------------------------------------------------------
  void audit(const std::string& user, const std::string& action, const std::string& kind,
             const std::string& recordId, const nlohmann::json& before, const nlohmann::json& after);
  [[nodiscard]] nlohmann::json auditLog(int limit, long long beforeId) const;

  // ---- Published versions -------------------------------------------------------------
  void addPublication(const Publication& publication);
  [[nodiscard]] std::vector<Publication> publications() const;

  // ---- Publish requests (hub_db_workflow.cpp) ------------------------------------------
  long long addPublishRequest(const std::string& editor, const std::string& note);
  // Open requests first, then the latest decided ones; at most `limit`.
  [[nodiscard]] std::vector<PublishRequest> publishRequests(int limit) const;
  [[nodiscard]] std::optional<PublishRequest> publishRequest(long long id) const;
  // Moves an open request to `state` ("approved" or "returned") in one statement, so two
  // publishers cannot both decide it. Throws ConflictError when there is no such request or
  // it is no longer open (naming who decided it).
  void decidePublishRequest(long long id, const std::string& state, const std::string& by, const std::string& comment);
  void setPublishRequestVersion(long long id, long long version);
  // Puts an approved request back to open (its publish failed).
  void reopenPublishRequest(long long id);

  // ---- Daily usage (hub_db_workflow.cpp) ----------------------------------------------
  // Per kiosk and park day from day `fromDay` on, in day order.
  [[nodiscard]] std::vector<DailyUsage> dailyUsage(long long fromDay) const;

  // ---- Kiosk reports ------------------------------------------------------------------
  // Records a report unless its id was received before or the kiosk sent too many this
  // hour (then nothing changes). `usage` is {"category": {"key": count}}, checked already.
  // Usage keys over the kiosk's daily cap are dropped; stored report bodies past the
  // retention period are removed.
  ReportResult addReport(const std::string& reportId, const KioskState& state, const nlohmann::json& usage,
                         const std::string& body, const ReportLimits& limits);
  [[nodiscard]] std::vector<KioskState> kiosks() const;
  void removeKiosk(const std::string& id);  // its state and its key
  // Pairs kiosk `id`: makes its report key, which is returned once and stored as a hash.
  // Pairing again replaces the key, so a lost or leaked key is retired.
  std::string pairKiosk(const std::string& id);
  // Whether `key` is the report key of kiosk `id`.
  [[nodiscard]] bool kioskKeyMatches(const std::string& id, const std::string& key) const;
  // {"category": [{"key", "count"}...]} most first, at most `limit` per category.
  [[nodiscard]] nlohmann::json usage(int limit) const;
  [[nodiscard]] long long storedReports() const;  // report bodies kept

  [[nodiscard]] long long now() const;  // Unix seconds by the database's clock

 private:
  void createWorkflowTables();  // publish requests and daily usage, with what older data folders hold
  void addDailyUsage(const std::string& kiosk, long long at, const nlohmann::json& usage);

  mutable std::recursive_mutex mutex_;  // one connection, shared by the server's threads
  std::unique_ptr<SQLite::Database> db_;
  PasswordCost cost_;
  std::function<long long()> clock_;
  std::size_t maxAuditEntryBytes_;
  std::string dummyHash_;  // checked against for unknown names, so timing tells nothing
};

long long nowSeconds();

}  // namespace qtsc::hub

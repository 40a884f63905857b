// Publishing: signs the drafts as the next version, keeps each version's content for
// rollback, copies what kiosks download to the mirror, and keeps the published timestamp
// signed before it expires.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
#include <string>

#include "qtsc/hub/hub_db.hpp"
#include "qtsc/hub/server.hpp"
#include "qtsc/sync/crypto.hpp"
#include "qtsc/sync/publisher.hpp"
#include "service/authoring.hpp"

namespace qtsc::hub {

struct PublishingFolders {
  std::filesystem::path published;  // what kiosks download (timestamp.json, objects/)
  std::filesystem::path uploads;    // uploaded images, named by their hash
  std::filesystem::path versions;   // v<N>.db: the content of each published version
  std::filesystem::path work;       // staging files (the data folder)
};

class Publishing {
 public:
  Publishing(const HubSettings& settings, PublishingFolders folders, const sync::SecretKey& key,
             AuthoringContent& drafts, HubDatabase& db);

  // Publishes the drafts held by `lease` as the next version; returns its summary.
  nlohmann::json publish(AuthoringContent::Lease& lease, const std::string& user, const std::string& note);
  // Makes the drafts version `version` again (so the next publish does not bring the undone
  // change back) and publishes them. Throws ConflictError when that version is not kept;
  // when the kept copy cannot be opened or put in place, the drafts stay as they were.
  nlohmann::json rollback(const std::string& user, long long version, const std::string& note);

  // What publishing the drafts held by `lease` would change on the kiosks: diffContent
  // (service/publish_diff.hpp) from the published version to the drafts, with "published":
  // that version (0 before the first publish).
  nlohmann::json preview(AuthoringContent::Lease& lease);
  // What rolling back to `version` would change on the kiosks: from the published version to
  // that version's content, with "published", "version", and "draftsDiscarded": the counts of
  // the unpublished edits the rollback drops (the drafts become that version too). Throws
  // ConflictError when that version is not kept.
  nlohmann::json rollbackPreview(long long version);

  // Whether version `version`'s content is kept here (it can be rolled back to).
  [[nodiscard]] bool isKept(long long version) const;
  [[nodiscard]] std::string publicKeyHex() const;

  // Kiosks refuse an expired timestamp, so the current version's is signed again once less
  // than settings.timestampRefreshBefore is left. `wait`: whether to wait for a publish in
  // progress (else try later).
  void refreshTimestampIfDue(bool wait);
  // The published timestamp for the fleet page: version, expiry, whether it expires soon.
  nlohmann::json timestampStatus();

 private:
  [[nodiscard]] std::filesystem::path keptVersion(long long version) const;
  [[nodiscard]] long long now() const;
  sync::Publisher publisher();
  nlohmann::json publish(AuthoringContent::Lease& lease, const std::string& user, const std::string& note,
                         long long rolledBackTo);
  void mirror();

  const HubSettings& settings_;
  PublishingFolders folders_;
  sync::SecretKey key_;
  AuthoringContent& drafts_;
  HubDatabase& db_;
  std::mutex timestampMutex_;        // one refresh check at a time
  long long timestampCheckedAt_ = 0;  // Unix seconds of the last refresh check
};

// Uploaded image names as they are stored; WebP ones stored before uploads were re-encoded
// are still served.
// A picture's thumbnail is stored beside it as "<hash>.thumb.<ext>" (content::thumbnailName).
bool isUploadName(const std::string& name);
bool isThumbnailName(const std::string& name);

}  // namespace qtsc::hub

#include "service/publishing.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <optional>
#include <regex>

#include "qtsc/hub/errors.hpp"
#include "qtsc/hub/images.hpp"
#include "qtsc/sync/published.hpp"
#include "service/publish_diff.hpp"
#include "core/support.hpp"

namespace qtsc::hub {

namespace fs = std::filesystem;
namespace c = qtsc::content;
using nlohmann::json;

namespace {
// Compiled when the program starts, before any thread: compiling a std::regex fills
// libstdc++'s shared ctype<char> cache, which two threads compiling at once race on.
const std::regex kUploadName("^[0-9a-f]{64}(\\.thumb)?\\.(png|jpg|webp)$");
}  // namespace

bool isUploadName(const std::string& name) { return std::regex_match(name, kUploadName); }

bool isThumbnailName(const std::string& name) { return name.find(".thumb.") != std::string::npos; }

namespace {

// The uploads that records use, laid out as kiosks look for them: a bare image name in a
// record is the file images/NAME of the published assets. Hard links, so nothing is
// copied; unused uploads (and files that are no upload) are not published.
class PublishedAssets {
 public:
  PublishedAssets(const fs::path& uploads, const fs::path& staging, const c::ContentSet& content) : path_(staging) {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
    fs::create_directories(path_ / "images");
    auto link = [&](const std::string& name) {
      const fs::path source = uploads / name;
      const fs::path target = path_ / "images" / name;
      std::error_code ec;
      if (!fs::is_regular_file(source, ec) || fs::exists(target, ec)) return;
      fs::create_hard_link(source, target, ec);
      if (ec) fs::copy_file(source, target);
    };
    auto add = [&](const std::string& name) {
      if (name.empty() || !isUploadName(name) || isThumbnailName(name)) return;
      std::error_code ec;
      if (!fs::is_regular_file(uploads / name, ec)) return;
      link(name);
    };
    // A picture is published with its thumbnail; one uploaded before thumbnails were made
    // gets its thumbnail now, kept beside it for the next publication.
    auto addPicture = [&](const std::string& name) {
      add(name);
      std::error_code ec;
      if (name.empty() || !isUploadName(name) || isThumbnailName(name) || !fs::is_regular_file(uploads / name, ec)) return;
      const std::string thumbnail = c::thumbnailName(name);
      if (!fs::exists(uploads / thumbnail, ec) && name.ends_with(".webp") == false) {
        try {
          const StoredImage made = makeThumbnail(readFile(uploads / name));
          const fs::path temp = uploads / (".thumb-" + thumbnail);
          { std::ofstream(temp, std::ios::binary).write(made.bytes.data(), static_cast<std::streamsize>(made.bytes.size())); }
          fs::rename(temp, uploads / thumbnail);
        } catch (const std::exception& e) {
          spdlog::warn("no thumbnail for {}: {}", name, e.what());
        }
      }
      link(thumbnail);
    };
    auto addGallery = [&](const std::vector<c::Picture>& gallery) {
      for (const auto& picture : gallery) addPicture(picture.image);
    };
    for (const auto& m : content.milestones) addGallery(m.gallery);
    for (const auto& p : content.places) addGallery(p.gallery);
    for (const auto& t : content.tenants) addPicture(t.logo);
    for (const auto& e : content.exhibits) addGallery(e.gallery);
    for (const auto& i : content.itineraries) addGallery(i.gallery);
  }
  ~PublishedAssets() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  PublishedAssets(const PublishedAssets&) = delete;
  PublishedAssets& operator=(const PublishedAssets&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::optional<sync::Timestamp> readTimestamp(const fs::path& file, const sync::SecretKey& key) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  try {
    return sync::openTimestamp(readFile(file), sync::publicKeyOf(key));
  } catch (const std::exception& e) {
    spdlog::error("the published timestamp cannot be read: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace

Publishing::Publishing(const HubSettings& settings, PublishingFolders folders, const sync::SecretKey& key,
                       AuthoringContent& drafts, HubDatabase& db)
    : settings_(settings), folders_(std::move(folders)), key_(key), drafts_(drafts), db_(db) {}

long long Publishing::now() const { return settings_.unixClock ? settings_.unixClock() : nowSeconds(); }

fs::path Publishing::keptVersion(long long version) const {
  return folders_.versions / ("v" + std::to_string(version) + ".db");
}

bool Publishing::isKept(long long version) const { return fs::exists(keptVersion(version)); }

std::string Publishing::publicKeyHex() const { return sync::toHex(sync::publicKeyOf(key_)); }

// Copies the published folder to the mirror: objects first, the timestamp last, so a kiosk
// reading the mirror mid-copy sees the old timestamp with every object it names.
void Publishing::mirror() {
  if (settings_.mirrorDir.empty()) return;
  const fs::path& published = folders_.published;
  fs::create_directories(settings_.mirrorDir);
  for (const auto& entry : fs::recursive_directory_iterator(published)) {
    const fs::path relative = fs::relative(entry.path(), published);
    if (entry.is_directory()) fs::create_directories(settings_.mirrorDir / relative);
    else if (relative != sync::kTimestampFile && !fs::exists(settings_.mirrorDir / relative))
      fs::copy_file(entry.path(), settings_.mirrorDir / relative);
  }
  const fs::path temp = settings_.mirrorDir / ".timestamp.tmp";
  fs::copy_file(published / sync::kTimestampFile, temp, fs::copy_options::overwrite_existing);
  fs::rename(temp, settings_.mirrorDir / sync::kTimestampFile);
}

sync::Publisher Publishing::publisher() {
  sync::PublisherSettings options;
  options.timestampLifetime = settings_.timestampLifetime;
  options.clock = settings_.unixClock;
  return sync::Publisher(folders_.published, key_, options);
}

json Publishing::publish(AuthoringContent::Lease& lease, const std::string& user, const std::string& note) {
  return publish(lease, user, note, 0);
}

json Publishing::publish(AuthoringContent::Lease& lease, const std::string& user, const std::string& note,
                         long long rolledBackTo) {
  sync::Publisher publisher = this->publisher();
  const long long previous = publisher.currentVersion();
  const PublishedAssets assets(folders_.uploads, folders_.work / ".publish-assets", lease->exportAll());
  const auto result = publisher.publish(drafts_.path(), assets.path(), note);
  const fs::path kept = keptVersion(result.version);
  std::error_code ignored;
  fs::remove(kept, ignored);
  lease->copyTo(kept);
  mirror();
  db_.addPublication({result.version, now(), user, note, rolledBackTo});
  spdlog::info("{} published version {} ({} changeset bytes){}", user, result.version, result.changesetBytes,
               rolledBackTo > 0 ? " rolling back to version " + std::to_string(rolledBackTo) : std::string());
  const json summary{{"version", result.version},
                     {"previous", previous},
                     {"note", note},
                     {"snapshotBytes", result.snapshotBytes},
                     {"changesetBytes", result.changesetBytes},
                     {"assets", result.assets},
                     {"rolledBackTo", rolledBackTo}};
  db_.audit(user, rolledBackTo ? "rollback" : "publish", "version", std::to_string(result.version),
            json{{"version", previous}}, summary);
  return summary;
}

json Publishing::rollback(const std::string& user, long long version, const std::string& note) {
  const fs::path kept = keptVersion(version);
  if (!fs::exists(kept)) throw ConflictError("version " + std::to_string(version) + " is not kept on this hub", "version_not_kept",
                                           {{"version", std::to_string(version)}});
  auto lease = drafts_.lease();
  // The drafts go back too, so the next publish does not bring the undone change back.
  const fs::path staged = folders_.work / "content.db.rollback";
  fs::copy_file(kept, staged, fs::copy_options::overwrite_existing);
  drafts_.replaceWith(lease, staged);
  return publish(lease, user, note, version);
}

json Publishing::preview(AuthoringContent::Lease& lease) {
  const long long published = publisher().currentVersion();
  const c::ContentSet before = published > 0 ? readKeptContent(keptVersion(published), folders_.work) : c::ContentSet{};
  json diff = diffContent(before, lease->exportAll());
  diff["published"] = published;
  return diff;
}

json Publishing::rollbackPreview(long long version) {
  if (!isKept(version)) throw ConflictError("version " + std::to_string(version) + " is not kept on this hub", "version_not_kept",
                                           {{"version", std::to_string(version)}});
  const long long published = publisher().currentVersion();
  const c::ContentSet current = readKeptContent(keptVersion(published), folders_.work);
  json diff = diffContent(current, readKeptContent(keptVersion(version), folders_.work));
  diff["published"] = published;
  diff["version"] = version;
  {
    auto lease = drafts_.lease();
    diff["draftsDiscarded"] = diffContent(current, lease->exportAll())["counts"];
  }
  return diff;
}

void Publishing::refreshTimestampIfDue(bool wait) {
  if (settings_.timestampRefreshBefore.count() <= 0) return;  // switched off
  const long long at = now();
  {
    std::lock_guard lock(timestampMutex_);
    if (timestampCheckedAt_ != 0 && at >= timestampCheckedAt_ && at - timestampCheckedAt_ < 1) return;  // once a second
    timestampCheckedAt_ = at;
  }
  const auto current = readTimestamp(folders_.published / sync::kTimestampFile, key_);
  if (!current || current->expires - at >= settings_.timestampRefreshBefore.count()) return;
  std::optional<AuthoringContent::Lease> lease;
  if (wait) lease.emplace(drafts_.lease());
  else lease = drafts_.tryLease();
  if (!lease) return;
  try {
    const long long version = publisher().refreshTimestamp();
    mirror();
    spdlog::info("signed the timestamp of version {} again (it expired {})", version, isoTime(current->expires));
  } catch (const std::exception& e) {
    spdlog::error("could not sign the published timestamp again: {}", e.what());
  }
}

json Publishing::timestampStatus() {
  const auto current = readTimestamp(folders_.published / sync::kTimestampFile, key_);
  if (!current) return {{"version", 0}, {"published", false}};
  const long long left = current->expires - now();
  return {{"version", current->version},
          {"published", true},
          {"issued", isoTime(current->issued)},
          {"expires", isoTime(current->expires)},
          {"secondsLeft", left},
          {"expired", left <= 0},
          {"expiresSoon", left < settings_.timestampWarnBefore.count()}};
}

}  // namespace qtsc::hub

// The kiosk's data folder (layout in client.hpp) and the atomic switch between versions.
// A version becomes current only by renaming the pointer file, after its database is whole
// and on disk; killed at any instant the kiosk starts on the old version or the new one.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qtsc/sync/published.hpp"

namespace qtsc::sync {

class DataDir {
 public:
  explicit DataDir(std::filesystem::path root);

  [[nodiscard]] std::filesystem::path objects() const { return root_ / "objects"; }
  [[nodiscard]] std::filesystem::path partial() const { return root_ / "partial"; }
  [[nodiscard]] std::filesystem::path object(const std::string& hash) const;  // hash checked
  [[nodiscard]] std::filesystem::path database(long long version) const;
  [[nodiscard]] bool hasObject(const std::string& hash) const;

  // The installed version and the asset index it uses (0 / empty: nothing installed).
  [[nodiscard]] long long installedVersion() const;
  [[nodiscard]] std::string installedAssetIndex() const;
  [[nodiscard]] int installedSchemaVersion() const;

  // Creates the folders and removes debris a stopped install left in staging/.
  void prepare();

  // Builds version `manifest.version` from objects already downloaded (the changeset on
  // top of the installed version when `changeset` is set, else the snapshot), then switches
  // the pointer. Throws VerificationError when the result is not the promised version (the
  // caller may then fall back to the snapshot).
  void install(const Manifest& manifest, bool changeset, const std::function<void(std::string_view)>& step);

  // Keeps the current and the previous version and the objects they use; removes the rest.
  void cleanup();

 private:
  std::filesystem::path root_;
};

// name -> object hash of the current version's assets.
std::map<std::string, std::string> installedAssets(const std::filesystem::path& dataDir);

}  // namespace qtsc::sync

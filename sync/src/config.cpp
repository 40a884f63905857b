#include <toml++/toml.h>

#include "qtsc/sync/client.hpp"
#include "qtsc/sync/errors.hpp"

namespace qtsc::sync {

SyncConfig loadSyncConfig(const std::filesystem::path& tomlFile) {
  toml::table table;
  try {
    table = toml::parse_file(tomlFile.string());
  } catch (const toml::parse_error& e) {
    throw SyncError("cannot read the sync config '" + tomlFile.string() + "': " + std::string(e.description()));
  }
  SyncConfig config;
  config.baseUrl = table["url"].value_or(std::string());
  config.publicKeyHex = table["public_key"].value_or(std::string());
  config.dataDir = table["data_dir"].value_or(std::string());
  config.stateDir = table["state_dir"].value_or(std::string());
  config.kioskId = table["kiosk_id"].value_or(std::string());
  config.hubUrl = table["hub_url"].value_or(std::string());
  config.reportKey = table["report_key"].value_or(std::string());
  config.interval = std::chrono::seconds(table["interval_s"].value_or(config.interval.count()));
  config.parallelDownloads = table["parallel_downloads"].value_or(config.parallelDownloads);
  config.reserveBytes = table["reserve_mb"].value_or(config.reserveBytes >> 20) << 20;
  for (const auto& [key, value] : std::initializer_list<std::pair<const char*, bool>>{
           {"url", config.baseUrl.empty()},
           {"public_key", config.publicKeyHex.empty()},
           {"data_dir", config.dataDir.empty()},
           {"state_dir", config.stateDir.empty()}})
    if (value) throw SyncError("the sync config '" + tomlFile.string() + "' lacks '" + key + "'");
  return config;
}

}  // namespace qtsc::sync

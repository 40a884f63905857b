#include <toml++/toml.h>

#include <algorithm>
#include <tuple>

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
  const long long reserveMb = table["reserve_mb"].value_or(static_cast<long long>(config.reserveBytes >> 20));
  config.reserveBytes = static_cast<unsigned long long>(std::clamp(reserveMb, 0LL, 1LL << 20)) << 20;
  config.transferTimeoutSeconds = table["transfer_timeout_s"].value_or(config.transferTimeoutSeconds);
  config.minBytesPerSecond = table["min_bytes_per_s"].value_or(config.minBytesPerSecond);
  config.stallTimeoutSeconds = table["stall_s"].value_or(config.stallTimeoutSeconds);
  config.lockWait = std::chrono::seconds(table["lock_wait_s"].value_or(config.lockWait.count() / 1000));
  for (const auto& [key, value, low, high] : std::initializer_list<std::tuple<const char*, long long, long long, long long>>{
           {"interval_s", config.interval.count(), 10, 86400},
           {"parallel_downloads", config.parallelDownloads, 1, 64},
           {"reserve_mb", reserveMb, 0, 1 << 20},
           {"transfer_timeout_s", config.transferTimeoutSeconds, 1, 7 * 86400},
           {"min_bytes_per_s", config.minBytesPerSecond, 1, 1LL << 30},
           {"stall_s", config.stallTimeoutSeconds, 1, 86400},
           {"lock_wait_s", config.lockWait.count() / 1000, 0, 3600}})
    if (value < low || value > high)
      throw SyncError("the sync config '" + tomlFile.string() + "': '" + key + "' must be from " + std::to_string(low) +
                      " to " + std::to_string(high));
  for (const auto& [key, value] : std::initializer_list<std::pair<const char*, bool>>{
           {"url", config.baseUrl.empty()},
           {"public_key", config.publicKeyHex.empty()},
           {"data_dir", config.dataDir.empty()},
           {"state_dir", config.stateDir.empty()}})
    if (value) throw SyncError("the sync config '" + tomlFile.string() + "' lacks '" + key + "'");
  return config;
}

}  // namespace qtsc::sync

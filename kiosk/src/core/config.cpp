#include "core/config.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <toml++/toml.h>

#include "qtsc/content/validation.hpp"

#include <cctype>
#include <cstdio>

namespace qtsc::kiosk {

std::string quoteForMessage(std::string_view value, std::size_t maxBytes) {
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    const auto lead = static_cast<unsigned char>(value[i]);
    std::size_t length = 1;
    bool valid = lead >= 0x20 && lead != 0x7F;
    if (lead >= 0x80) {
      length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 1;
      valid = length > 1 && i + length <= value.size();
      for (std::size_t k = 1; valid && k < length; ++k)
        valid = (static_cast<unsigned char>(value[i + k]) & 0xC0) == 0x80;
      if (valid) {  // no overlong forms, surrogates, code points past U+10FFFF or C1 controls
        const auto second = static_cast<unsigned char>(value[i + 1]);
        valid = !(lead == 0xE0 && second < 0xA0) && !(lead == 0xED && second > 0x9F) &&
                !(lead == 0xF0 && second < 0x90) && !(lead == 0xF4 && second > 0x8F) && !(lead == 0xC2 && second < 0xA0);
      }
      if (!valid) length = 1;
    }
    if (out.size() + (valid ? length : 1) > maxBytes) break;
    if (valid) out.append(value.substr(i, length));
    else out += '?';
    i += length;
  }
  if (i < value.size()) out += "… (" + std::to_string(value.size()) + " bytes)";
  return out;
}

ConfigError::ConfigError(std::string fieldName, int atLine, const std::string& message)
    : std::runtime_error("config: field '" + quoteForMessage(fieldName) + "'" +
                         (atLine > 0 ? " (line " + std::to_string(atLine) + ")" : std::string()) +
                         ": " + message),
      field(quoteForMessage(fieldName)),
      line(atLine) {}

namespace {
// sync.min_bytes_per_s at most: 1 GiB/s, faster than any link a kiosk has, so the setting
// only ever asks for a floor (a minimum rate), never a cap.
constexpr int kMaxBytesPerSecond = 1 << 30;

int lineOf(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

using Reader = std::function<void(const toml::node&, const std::string& field, KioskConfig&)>;

Reader boolField(bool KioskConfig::*member) {
  return [member](const toml::node& node, const std::string& field, KioskConfig& config) {
    auto value = node.value<bool>();
    if (!node.is_boolean() || !value) throw ConfigError(field, lineOf(node), "expected true or false");
    config.*member = *value;
  };
}

Reader intField(int KioskConfig::*member, int lo, int hi) {
  return [=](const toml::node& node, const std::string& field, KioskConfig& config) {
    if (!node.is_integer()) throw ConfigError(field, lineOf(node), "expected a whole number");
    const auto value = *node.value<long long>();
    if (value < lo || value > hi)
      throw ConfigError(field, lineOf(node),
                        "expected " + std::to_string(lo) + " .. " + std::to_string(hi) + ", got " +
                            std::to_string(value));
    config.*member = static_cast<int>(value);
  };
}

Reader floatField(float KioskConfig::*member, double lo, double hi) {
  return [=](const toml::node& node, const std::string& field, KioskConfig& config) {
    if (!node.is_number()) throw ConfigError(field, lineOf(node), "expected a number");
    const double value = *node.value<double>();
    if (!(value >= lo && value <= hi)) {
      std::ostringstream out;
      out << "expected " << lo << " .. " << hi << ", got " << value;
      throw ConfigError(field, lineOf(node), out.str());
    }
    config.*member = static_cast<float>(value);
  };
}

Reader stringField(std::string KioskConfig::*member,
                   std::function<bool(const std::string&)> valid = {}, std::string expected = {}) {
  return [=](const toml::node& node, const std::string& field, KioskConfig& config) {
    if (!node.is_string()) throw ConfigError(field, lineOf(node), "expected a string");
    std::string value = *node.value<std::string>();
    if (valid && !valid(value))
      throw ConfigError(field, lineOf(node), "expected " + expected + ", got '" + quoteForMessage(value) + "'");
    config.*member = std::move(value);
  };
}

Reader ignoredNumber() {
  return [](const toml::node& node, const std::string& field, KioskConfig&) {
    if (!node.is_number()) throw ConfigError(field, lineOf(node), "expected a number");
  };
}

// "HH:MM" -> minutes after midnight; "24:00" only where `allowMidnightEnd`.
Reader timeField(int KioskConfig::*member, bool allowMidnightEnd) {
  return [=](const toml::node& node, const std::string& field, KioskConfig& config) {
    const std::string expected = allowMidnightEnd ? "a time \"HH:MM\" from 00:00 to 24:00" : "a time \"HH:MM\" from 00:00 to 23:59";
    if (!node.is_string()) throw ConfigError(field, lineOf(node), "expected " + expected);
    const std::string v = *node.value<std::string>();
    const bool shape = v.size() == 5 && v[2] == ':' && std::isdigit(static_cast<unsigned char>(v[0])) &&
                       std::isdigit(static_cast<unsigned char>(v[1])) && std::isdigit(static_cast<unsigned char>(v[3])) &&
                       std::isdigit(static_cast<unsigned char>(v[4]));
    const int h = shape ? std::stoi(v.substr(0, 2)) : -1, m = shape ? std::stoi(v.substr(3, 2)) : -1;
    const bool ok = shape && m < 60 && (h < 24 || (allowMidnightEnd && h == 24 && m == 0));
    if (!ok) throw ConfigError(field, lineOf(node), "expected " + expected + ", got '" + quoteForMessage(v) + "'");
    config.*member = h * 60 + m;
  };
}

Reader daysField() {
  return [](const toml::node& node, const std::string& field, KioskConfig& config) {
    const auto* array = node.as_array();
    if (!array) throw ConfigError(field, lineOf(node), "expected a list of ISO weekdays, 1 (Monday) .. 7 (Sunday)");
    std::array<bool, 8> days{};
    for (const auto& day : *array) {
      const auto n = day.value<long long>();
      if (!day.is_integer() || !n || *n < 1 || *n > 7)
        throw ConfigError(field, lineOf(day), "expected ISO weekdays 1 (Monday) .. 7 (Sunday)");
      days[static_cast<std::size_t>(*n)] = true;
    }
    config.openDays = days;
  };
}

Reader urlField(std::string KioskConfig::*member) {
  return stringField(member,
                     [](const std::string& v) { return v.empty() || v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0; },
                     "an http:// or https:// URL, or \"\"");
}

const std::map<std::string, Reader>& readers() {
  static const std::map<std::string, Reader> table = {
      {"kiosk.profile", stringField(&KioskConfig::profile,
                                    [](const std::string& v) { return v.empty() || qtsc::content::isValidId(v); },
                                    "a profile id: 1 to 64 characters of a-z, 0-9 and '-'")},
      {"display.fullscreen", boolField(&KioskConfig::fullscreen)},
      {"display.window_width", intField(&KioskConfig::windowWidth, 320, 16384)},
      {"display.window_height", intField(&KioskConfig::windowHeight, 240, 16384)},
      {"display.dpi", floatField(&KioskConfig::dpi, 0.0, 2000.0)},
      {"display.min_touch_mm", floatField(&KioskConfig::minTouchMm, 5.0, 40.0)},
      {"display.ui_scale", floatField(&KioskConfig::uiScale, 0.0, 8.0)},
      {"idle.timeout", floatField(&KioskConfig::idleTimeout, 5.0, 86400.0)},
      {"idle.warning", floatField(&KioskConfig::idleWarning, 0.0, 120.0)},
      // Read and ignored, so that older settings files still load: Attract is a still picture
      // between highlight changes and has no frame rate.
      {"idle.attract_fps", ignoredNumber()},
      {"idle.highlight_seconds", floatField(&KioskConfig::highlightSeconds, 1.0, 600.0)},
      {"idle.frames_after_input", intField(&KioskConfig::framesAfterInput, 2, 60)},
      {"language.default", stringField(&KioskConfig::defaultLanguage,
                                       [](const std::string& v) { return v == "vi" || v == "en"; },
                                       "\"vi\" or \"en\"")},
      {"staff.pin", stringField(&KioskConfig::staffPin,
                                [](const std::string& v) {
                                  // Empty turns the staff panel off; a short PIN is guessed in minutes.
                                  if (v.empty()) return true;
                                  if (v.size() < 4 || v.size() > 12) return false;
                                  for (char c : v)
                                    if (c < '0' || c > '9') return false;
                                  return true;
                                },
                                "4 to 12 digits, or empty for no staff panel")},
      {"staff.corner_taps", intField(&KioskConfig::staffTaps, 2, 20)},
      {"staff.corner_window", floatField(&KioskConfig::staffTapWindow, 0.5, 30.0)},
      {"content.database", stringField(&KioskConfig::database)},
      {"content.assets", stringField(&KioskConfig::assets)},
      {"content.image_cache_entries", intField(&KioskConfig::imageCacheEntries, 1, 1024)},
      {"images.max_pixels", intField(&KioskConfig::maxImagePixels, 10'000, 268'435'456)},
      {"images.texture_budget_mb", intField(&KioskConfig::textureBudgetMb, 8, 2048)},
      {"sync.url", urlField(&KioskConfig::syncUrl)},
      {"sync.public_key", stringField(&KioskConfig::syncPublicKey,
                                      [](const std::string& v) {
                                        if (v.empty()) return true;
                                        if (v.size() != 64) return false;
                                        for (char c : v)
                                          if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
                                        return true;
                                      },
                                      "64 hex digits")},
      {"sync.kiosk_id", stringField(&KioskConfig::syncKioskId,
                                    [](const std::string& v) {
                                      if (v.size() > 64) return false;
                                      for (char c : v)
                                        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
                                      return true;
                                    },
                                    "up to 64 letters, digits, '-', '_' or '.'")},
      {"sync.hub_url", urlField(&KioskConfig::syncHubUrl)},
      {"sync.report_key", stringField(&KioskConfig::syncReportKey,
                                      [](const std::string& v) {
                                        if (v.size() > 200) return false;
                                        for (char c : v)
                                          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
                                        return true;
                                      },
                                      "the key the hub showed when this kiosk was paired (qk_ and 64 hex digits)")},
      {"sync.data_dir", stringField(&KioskConfig::syncDataDir, [](const std::string& v) { return !v.empty(); }, "a folder")},
      {"sync.state_dir", stringField(&KioskConfig::syncStateDir, [](const std::string& v) { return !v.empty(); }, "a folder")},
      {"sync.interval_s", intField(&KioskConfig::syncIntervalS, 10, 86400)},
      {"sync.transfer_timeout_s", intField(&KioskConfig::syncTransferTimeoutS, 10, 7 * 86400)},
      {"sync.min_bytes_per_s", intField(&KioskConfig::syncMinBytesPerS, 1, kMaxBytesPerSecond)},
      {"sync.stall_s", intField(&KioskConfig::syncStallS, 1, 86400)},
      {"sync.fleet_poll_s", intField(&KioskConfig::syncFleetPollS, 1, 300)},
      {"hours.open", timeField(&KioskConfig::openMinute, false)},
      {"hours.close", timeField(&KioskConfig::closeMinute, true)},
      {"hours.days", daysField()},
  };
  return table;
}

}  // namespace

bool isOpenAt(const KioskConfig& config, const std::string& nowIso) {
  if (nowIso.size() < 16) return true;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (std::sscanf(nowIso.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5) return true;
  using namespace std::chrono;
  const sys_days day{year{y} / month{static_cast<unsigned>(mo)} / std::chrono::day{static_cast<unsigned>(d)}};
  auto isoWeekday = [](sys_days when) { return weekday{when}.iso_encoding(); };
  const int minute = h * 60 + mi;
  const int open = config.openMinute, close = config.closeMinute;
  if (open == 0 && close == 24 * 60) return config.openDays[isoWeekday(day)];
  if (open < close) return config.openDays[isoWeekday(day)] && minute >= open && minute < close;
  // Over midnight: open from `open` today, or until `close` on the morning after an open day.
  if (minute >= open) return config.openDays[isoWeekday(day)];
  return minute < close && config.openDays[isoWeekday(day - days{1})];
}

std::optional<std::string> nextOpening(const KioskConfig& config, const std::string& nowIso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (nowIso.size() < 16 || std::sscanf(nowIso.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5) return std::nullopt;
  using namespace std::chrono;
  const sys_days today{year{y} / month{static_cast<unsigned>(mo)} / std::chrono::day{static_cast<unsigned>(d)}};
  const int now = h * 60 + mi;
  // The kiosk opens at `open` on an open day (at midnight when it is open all day).
  const int open = config.openMinute == 0 && config.closeMinute == 24 * 60 ? 0 : config.openMinute;
  for (int ahead = 0; ahead <= 8; ++ahead) {
    const sys_days day = today + days{ahead};
    if (ahead == 0 && open <= now) continue;
    if (!config.openDays[weekday{day}.iso_encoding()]) continue;
    const year_month_day ymd{day};
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), open / 60, open % 60);
    return std::string(out);
  }
  return std::nullopt;
}

KioskConfig parseConfig(std::string_view text, std::string_view sourceName) {
  toml::table root;
  try {
    root = toml::parse(text, sourceName);
  } catch (const toml::parse_error& error) {
    throw ConfigError("(file)", static_cast<int>(error.source().begin.line),
                      quoteForMessage(error.description(), 200));
  }
  KioskConfig config;
  int syncLine = 0;
  for (const auto& [sectionKey, sectionNode] : root) {
    if (sectionKey.str() == "sync") syncLine = lineOf(sectionNode);
    const std::string section(sectionKey.str());
    const auto* table = sectionNode.as_table();
    if (!table) throw ConfigError(section, lineOf(sectionNode), "expected a [" + quoteForMessage(section) + "] table");
    for (const auto& [key, node] : *table) {
      const std::string field = section + "." + std::string(key.str());
      const auto found = readers().find(field);
      if (found == readers().end()) throw ConfigError(field, lineOf(node), "unknown setting");
      found->second(node, field, config);
    }
  }
  if (!config.syncUrl.empty() && config.syncHubUrl.empty() && config.syncPublicKey.empty())
    throw ConfigError("sync.public_key", syncLine,
                      "required when sync.url is set without hub_url: the publisher's key, 64 hex digits "
                      "(with hub_url, pairing the kiosk by code brings it)");
  if (config.syncConfigured() && config.syncDataDir == config.syncStateDir)
    throw ConfigError("sync.state_dir", syncLine, "must differ from sync.data_dir");
  return config;
}

KioskConfig loadConfig(const std::string& path) {
  // A folder opens as a stream that reads nothing, which would silently mean "all defaults".
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ConfigError("(file)", 0, quoteForMessage(path, 200) + " is a folder, not a settings file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("(file)", 0, "cannot read " + quoteForMessage(path, 200));
  // Read with a bound: a device or a pipe may never end.
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw ConfigError("(file)", 0, "cannot read " + quoteForMessage(path, 200));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes)
    throw ConfigError("(file)", 0, quoteForMessage(path, 200) + " is larger than " + std::to_string(kMaxConfigBytes >> 20) +
                                       " MiB; a settings file is a few KB");
  return parseConfig(text, path);
}

}  // namespace qtsc::kiosk

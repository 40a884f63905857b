#include "app/config.hpp"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <toml++/toml.h>

namespace qtsc::kiosk {

ConfigError::ConfigError(std::string fieldName, int atLine, const std::string& message)
    : std::runtime_error("config: field '" + fieldName + "'" +
                         (atLine > 0 ? " (line " + std::to_string(atLine) + ")" : std::string()) +
                         ": " + message),
      field(std::move(fieldName)),
      line(atLine) {}

namespace {

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
    if (valid && !valid(value)) throw ConfigError(field, lineOf(node), "expected " + expected + ", got '" + value + "'");
    config.*member = std::move(value);
  };
}

const std::map<std::string, Reader>& readers() {
  static const std::map<std::string, Reader> table = {
      {"display.fullscreen", boolField(&KioskConfig::fullscreen)},
      {"display.window_width", intField(&KioskConfig::windowWidth, 320, 16384)},
      {"display.window_height", intField(&KioskConfig::windowHeight, 240, 16384)},
      {"display.dpi", floatField(&KioskConfig::dpi, 0.0, 2000.0)},
      {"display.min_touch_mm", floatField(&KioskConfig::minTouchMm, 5.0, 40.0)},
      {"display.ui_scale", floatField(&KioskConfig::uiScale, 0.0, 8.0)},
      {"idle.timeout", floatField(&KioskConfig::idleTimeout, 5.0, 86400.0)},
      {"idle.attract_fps", floatField(&KioskConfig::attractFps, 1.0, 60.0)},
      {"idle.highlight_seconds", floatField(&KioskConfig::highlightSeconds, 1.0, 600.0)},
      {"idle.frames_after_input", intField(&KioskConfig::framesAfterInput, 2, 60)},
      {"language.default", stringField(&KioskConfig::defaultLanguage,
                                       [](const std::string& v) { return v == "vi" || v == "en"; },
                                       "\"vi\" or \"en\"")},
      {"staff.pin", stringField(&KioskConfig::staffPin,
                                [](const std::string& v) {
                                  if (v.size() > 12) return false;
                                  for (char c : v)
                                    if (c < '0' || c > '9') return false;
                                  return true;
                                },
                                "up to 12 digits")},
      {"staff.corner_taps", intField(&KioskConfig::staffTaps, 2, 20)},
      {"staff.corner_window", floatField(&KioskConfig::staffTapWindow, 0.5, 30.0)},
      {"content.database", stringField(&KioskConfig::database)},
      {"content.assets", stringField(&KioskConfig::assets)},
      {"content.image_cache_entries", intField(&KioskConfig::imageCacheEntries, 1, 1024)},
  };
  return table;
}

}  // namespace

KioskConfig parseConfig(const std::string& text, const std::string& sourceName) {
  toml::table root;
  try {
    root = toml::parse(text, sourceName);
  } catch (const toml::parse_error& error) {
    throw ConfigError("(file)", static_cast<int>(error.source().begin.line),
                      std::string(error.description()));
  }
  KioskConfig config;
  for (const auto& [sectionKey, sectionNode] : root) {
    const std::string section(sectionKey.str());
    const auto* table = sectionNode.as_table();
    if (!table) throw ConfigError(section, lineOf(sectionNode), "expected a [" + section + "] table");
    for (const auto& [key, node] : *table) {
      const std::string field = section + "." + std::string(key.str());
      const auto found = readers().find(field);
      if (found == readers().end()) throw ConfigError(field, lineOf(node), "unknown setting");
      found->second(node, field, config);
    }
  }
  return config;
}

KioskConfig loadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("(file)", 0, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), path);
}

}  // namespace qtsc::kiosk

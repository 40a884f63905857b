#include "core/i18n.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <toml++/toml.h>
#include <unicode/numberformatter.h>
#include <unicode/unistr.h>

namespace qtsc::kiosk {

void I18n::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("interface strings: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  loadText(text.str(), path);
}

void I18n::loadText(const std::string& tomlText, const std::string& sourceName) {
  toml::table root;
  try {
    root = toml::parse(tomlText, sourceName);
  } catch (const toml::parse_error& error) {
    throw std::runtime_error("interface strings: " + sourceName + " line " +
                             std::to_string(error.source().begin.line) + ": " + std::string(error.description()));
  }
  // Keys are grouped in tables: [home] tiles.history = { vi = "...", en = "..." } -> "home.tiles.history".
  auto walk = [this](auto&& self, const toml::table& table, const std::string& prefix) -> void {
    for (const auto& [key, node] : table) {
      const std::string name = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      const auto* sub = node.as_table();
      if (!sub) continue;
      bool leaf = true;
      for (const auto& [lang, value] : *sub)
        if (!value.is_string()) leaf = false;
      if (leaf) {
        for (const auto& [lang, value] : *sub) table_[name][std::string(lang.str())] = *value.template value<std::string>();
      } else {
        self(self, *sub, name);
      }
    }
  };
  walk(walk, root, "");
}

const char* I18n::tr(const std::string& key, const std::string& language) const {
  const auto entry = table_.find(key);
  if (entry == table_.end()) return missing_.insert(key).first->c_str();
  auto text = entry->second.find(language);
  if (text == entry->second.end()) text = entry->second.find("vi");
  if (text == entry->second.end()) return missing_.insert(key).first->c_str();
  return text->second.c_str();
}

bool I18n::has(const std::string& key, const std::string& language) const {
  const auto entry = table_.find(key);
  return entry != table_.end() && entry->second.count(language) != 0 && !entry->second.at(language).empty();
}

std::vector<std::string> I18n::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, unused] : table_) out.push_back(key);
  return out;
}

std::string formatCount(long long count, const std::string& language) {
  // Immutable and safe to share; made once per language.
  static const auto vi = icu::number::NumberFormatter::withLocale(icu::Locale("vi", "VN"));
  static const auto en = icu::number::NumberFormatter::withLocale(icu::Locale("en", "GB"));
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString text = (language == "vi" ? vi : en).formatInt(count, status).toString(status);
  if (U_FAILURE(status)) return std::to_string(count);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string format(const std::string& pattern, const std::string& arg0, const std::string& arg1) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        (pattern[i + 1] == '0' || pattern[i + 1] == '1')) {
      out += pattern[i + 1] == '0' ? arg0 : arg1;
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace qtsc::kiosk

// Interface strings in Vietnamese and English, read from assets/strings/ui.toml.
// A missing key shows as the key itself (visible in review, never a crash).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace qtsc::kiosk {

inline const std::vector<std::string> kLanguages = {"vi", "en"};

class I18n {
 public:
  // Throws std::runtime_error naming the file and line when it cannot be read or parsed.
  void load(const std::string& path);
  void loadText(const std::string& tomlText, const std::string& sourceName);

  [[nodiscard]] const char* tr(const std::string& key, const std::string& language) const;
  [[nodiscard]] bool has(const std::string& key, const std::string& language) const;
  [[nodiscard]] std::vector<std::string> keys() const;

 private:
  std::map<std::string, std::map<std::string, std::string>> table_;  // key -> language -> text
  mutable std::set<std::string> missing_;  // keys asked for but absent, shown as themselves
};

// A count as the visitor's language writes it, grouped in thousands by ICU's number
// formatter: "100.006" in Vietnamese, "100,006" in English.
std::string formatCount(long long count, const std::string& language);

// "{0} results" with {0} replaced.
std::string format(const std::string& pattern, const std::string& arg0, const std::string& arg1 = {});

}  // namespace qtsc::kiosk

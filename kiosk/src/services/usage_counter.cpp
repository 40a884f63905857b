#include "services/usage_counter.hpp"

#include "qtsc/sync/kiosk_report.hpp"

namespace qtsc::kiosk {

void UsageCounter::add(std::map<std::string, long long>& into, std::string name) {
  if (name.size() > kMaxNameBytes) {
    name.resize(kMaxNameBytes);
    // Never end inside a UTF-8 sequence: drop trailing continuation bytes and their lead.
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) name.pop_back();
  }
  if (name.empty()) return;
  std::lock_guard lock(mutex_);
  auto found = into.find(name);
  if (found != into.end()) ++found->second;
  else if (opened_.size() + notFound_.size() < kMaxEntries) into.emplace(std::move(name), 1);
}

void UsageCounter::opened(const std::string& what) { add(opened_, what); }
void UsageCounter::searchNotFound(const std::string& query) { add(notFound_, query); }

void UsageCounter::sessionStarted() {
  std::lock_guard lock(mutex_);
  ++sessions_;
}

nlohmann::json UsageCounter::take() {
  std::lock_guard lock(mutex_);
  nlohmann::json out = nlohmann::json::object();
  if (!opened_.empty()) out[sync::kUsageOpened] = opened_;
  if (!notFound_.empty()) out[sync::kUsageSearchesNotFound] = notFound_;
  if (sessions_ > 0) out[sync::kUsageSessions] = sessions_;
  opened_.clear();
  notFound_.clear();
  sessions_ = 0;
  return out;
}

}  // namespace qtsc::kiosk

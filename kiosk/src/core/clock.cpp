#include "core/clock.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <unicode/timezone.h>

#include <memory>

#include "qtsc/content/model.hpp"

namespace qtsc::kiosk {
namespace {

const auto kStart = std::chrono::steady_clock::now();

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
long long daysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + doe - 719468;
}

void civilFromDays(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

std::string formatMinutes(long long minutes) {
  const long long days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
  const long long inDay = minutes - days * 1440;
  int y = 0, m = 0, d = 0;
  civilFromDays(days, y, m, d);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", y, m, d,
                static_cast<int>(inDay / 60), static_cast<int>(inDay % 60));
  return buffer;
}

}  // namespace

long long parkOffsetSeconds(long long unixSeconds) {
  // ICU's time zone data (the tz database Debian ships with libicu): Asia/Ho_Chi_Minh, whatever
  // zone the kiosk's own clock is set to. One zone object for the process; getOffset is const.
  static const std::unique_ptr<const icu::TimeZone> zone(icu::TimeZone::createTimeZone(kParkTimeZone));
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(unixSeconds) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return 7 * 3600;  // the zone's offset since 1975, should ICU's data be missing
  return (static_cast<long long>(raw) + dst) / 1000;
}

double Clock::seconds() const {
  if (frozen_) return manual_;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - kStart).count() + manual_;
}

std::string Clock::nowIso() const {
  if (pinnedEpochMinutes_) {
    const auto elapsed = static_cast<long long>((seconds() - pinnedAt_) / 60.0);
    return formatMinutes(*pinnedEpochMinutes_ + elapsed);
  }
  const auto now = static_cast<long long>(std::time(nullptr));
  const long long park = now + parkOffsetSeconds(now);
  return formatMinutes(park >= 0 ? park / 60 : (park - 59) / 60);
}

long long Clock::unixSeconds() const {
  const std::time_t now = std::time(nullptr);
  if (!pinnedEpochMinutes_) return static_cast<long long>(now);
  const long long park = *pinnedEpochMinutes_ * 60 + static_cast<long long>(seconds() - pinnedAt_);
  return park - parkOffsetSeconds(park - parkOffsetSeconds(park));
}

double Clock::secondsToNextMinute() const {
  if (pinnedEpochMinutes_) return 60.0 - std::fmod(seconds() - pinnedAt_, 60.0);
  // The park's zone is whole minutes away from UTC: the minute turns with the epoch's.
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return 60.0 - std::fmod(std::chrono::duration<double>(now).count(), 60.0);
}

bool Clock::pinNow(const std::string& iso) {
  if (!content::isIsoDateTime(iso)) return false;
  const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  const int hh = std::stoi(iso.substr(11, 2)), mm = std::stoi(iso.substr(14, 2));
  pinnedEpochMinutes_ = daysFromCivil(y, m, d) * 1440 + hh * 60 + mm;
  pinnedAt_ = seconds();
  return true;
}

std::string addDays(const std::string& isoDate, int days) {
  if (!content::isIsoDate(isoDate)) return isoDate;
  const long long z = daysFromCivil(std::stoi(isoDate.substr(0, 4)), std::stoi(isoDate.substr(5, 2)),
                                    std::stoi(isoDate.substr(8, 2))) + days;
  return formatMinutes(z * 1440).substr(0, 10);
}

}  // namespace qtsc::kiosk

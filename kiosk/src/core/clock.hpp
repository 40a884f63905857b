// Time as the kiosk sees it. Both clocks can be pinned for screenshots and tests:
// the park time ("now" for welcomes and today's tours) and the monotonic seconds that drive
// the idle timeout and animation.
#pragma once

#include <optional>
#include <string>

namespace qtsc::kiosk {

// The park's time zone: welcome windows, tour stops and opening hours are park time, whatever
// zone the kiosk's own clock is set to.
inline constexpr const char* kParkTimeZone = "Asia/Ho_Chi_Minh";
// Seconds park time is ahead of UTC at the given Unix time.
long long parkOffsetSeconds(long long unixSeconds);

class Clock {
 public:
  // Monotonic seconds since the clock was made (or the manual value when frozen).
  [[nodiscard]] double seconds() const;
  // "YYYY-MM-DDTHH:MM" in park time: the pinned value plus the seconds elapsed since pinning,
  // else the system clock in the park's zone (kParkTimeZone), not the kiosk's own zone.
  [[nodiscard]] std::string nowIso() const;
  [[nodiscard]] std::string todayIso() const { return nowIso().substr(0, 10); }
  // Unix seconds of the park clock: the pinned park time (read in the park's zone) plus
  // the seconds since pinning, else the system clock. Announcements end by it.
  [[nodiscard]] long long unixSeconds() const;
  // Seconds until nowIso() turns to the next minute: (0, 60].
  [[nodiscard]] double secondsToNextMinute() const;

  // Pins the park time to `iso` ("YYYY-MM-DDTHH:MM"); returns false on a malformed value.
  bool pinNow(const std::string& iso);
  // Tests and shots: monotonic time moves only through advance().
  void freeze() { frozen_ = true; }
  void advance(double secondsToAdd) { manual_ += secondsToAdd; }
  [[nodiscard]] bool frozen() const { return frozen_; }

 private:
  bool frozen_ = false;
  double manual_ = 0.0;
  std::optional<long long> pinnedEpochMinutes_;  // minutes since 1970 in park time
  double pinnedAt_ = 0.0;                        // seconds() when pinned
};

// "YYYY-MM-DD" a number of days after `isoDate`.
std::string addDays(const std::string& isoDate, int days);

}  // namespace qtsc::kiosk

// Navigation: screens ask the router ("open tenant 42"); the app applies the request between
// frames, so a screen never disappears in the middle of drawing itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qtsc::kiosk {

enum class ScreenId {
  Attract, Home, History, Milestone, Directory, Tenant, Tours, Itinerary,
  Steam, Exhibit, Quiz, Map, Place, Chain, Search, Staff,
  Count
};
inline constexpr int kScreenCount = static_cast<int>(ScreenId::Count);
std::string_view screenName(ScreenId id);  // "home", "tenant", ... (shot files, tests)

struct Route {
  ScreenId screen = ScreenId::Attract;
  std::string arg;  // the record the screen shows, empty for list screens
  bool operator==(const Route&) const = default;
};

class Router {
 public:
  static constexpr std::size_t kMaxDepth = 32;  // oldest entries drop beyond this

  void open(Route route);  // push on the back stack
  void back();             // pop; nothing when at the root
  void home();             // Home with an empty stack below it
  void reset(Route root);  // the stack becomes exactly `root`

  [[nodiscard]] const Route& current() const { return stack_.back(); }
  [[nodiscard]] bool canGoBack() const { return stack_.size() > 1; }
  [[nodiscard]] std::size_t depth() const { return stack_.size(); }
  [[nodiscard]] bool hasPending() const { return pending_.has_value(); }

  // Applies the pending request; returns the route that was left, when the screen changed.
  std::optional<Route> applyPending();

 private:
  std::vector<Route> stack_{Route{}};
  std::optional<std::vector<Route>> pending_;  // the stack after the request
};

}  // namespace qtsc::kiosk

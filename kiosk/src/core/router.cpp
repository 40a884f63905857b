#include "core/router.hpp"

namespace qtsc::kiosk {

std::string_view screenName(ScreenId id) {
  switch (id) {
    case ScreenId::Attract: return "attract";
    case ScreenId::Home: return "home";
    case ScreenId::History: return "history";
    case ScreenId::Milestone: return "milestone";
    case ScreenId::Directory: return "directory";
    case ScreenId::Tenant: return "tenant";
    case ScreenId::Tours: return "tours";
    case ScreenId::Itinerary: return "itinerary";
    case ScreenId::Steam: return "steamzone";
    case ScreenId::Exhibit: return "exhibit";
    case ScreenId::Quiz: return "quiz";
    case ScreenId::Map: return "map";
    case ScreenId::Place: return "place";
    case ScreenId::Chain: return "chain";
    case ScreenId::Search: return "search";
    case ScreenId::Staff: return "staff";
    case ScreenId::Count: break;
  }
  return "unknown";
}

void Router::open(Route route) {
  auto next = pending_ ? *pending_ : stack_;
  if (next.back() == route) return;
  next.push_back(std::move(route));
  if (next.size() > kMaxDepth) next.erase(next.begin() + 1);  // keep the root
  pending_ = std::move(next);
}

void Router::back() {
  auto next = pending_ ? *pending_ : stack_;
  if (next.size() > 1) next.pop_back();
  pending_ = std::move(next);
}

void Router::home() { pending_ = std::vector<Route>{Route{ScreenId::Home, {}}}; }

void Router::reset(Route root) { pending_ = std::vector<Route>{std::move(root)}; }

std::optional<Route> Router::applyPending() {
  if (!pending_) return std::nullopt;
  Route left = stack_.back();
  stack_ = std::move(*pending_);
  pending_.reset();
  if (left == stack_.back()) return std::nullopt;
  return left;
}

}  // namespace qtsc::kiosk

// Where this kiosk stands and how visitors walk from it: its profile (named by the local
// config, [kiosk] profile = "museum") and the park's walking paths, read from the content when
// a screen opens. Screens put "You are here" on every map with it and draw directions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qtsc/content/store.hpp"
#include "qtsc/content/wayfinding.hpp"
#include "core/router.hpp"
#include "ui/park_map.hpp"

namespace qtsc::kiosk {

struct Context;

class Whereabouts {
 public:
  // Reads the profile and the paths; a missing profile or network leaves the kiosk without a
  // location (no marker, no directions), never a failure.
  static Whereabouts read(const content::ContentStore& store, const std::string& profileId);

  [[nodiscard]] const std::optional<content::KioskProfile>& profile() const { return profile_; }
  // Whether directions can be given at all: a profile and a network with segments.
  [[nodiscard]] bool canGuide() const { return profile_.has_value() && router_ && router_->segmentCount() > 0; }
  // The walk from the kiosk to `to`; a route with a problem when it cannot be walked.
  [[nodiscard]] content::WalkingRoute routeTo(content::MapPoint to) const;
  // A walk through `stops` in order (an itinerary), along the paths.
  [[nodiscard]] content::WalkingRoute routeThrough(const std::vector<content::MapPoint>& stops) const;
  // Whether the paths are a sample drawn for demonstration (the map then says so).
  [[nodiscard]] bool samplePaths() const { return samplePaths_; }
  // Puts "You are here" (position, facing, words in the visitor's language) on a map.
  void mark(ui::MapOptions& options, const Context& ctx) const;

 private:
  std::optional<content::KioskProfile> profile_;
  std::shared_ptr<const content::WalkingRouter> router_;
  bool samplePaths_ = false;
};

// A "Chỉ đường / Directions" button that opens the walk to `placeId` on the map (Route
// {Map, "directions:<id>"}); drawn only when the kiosk can guide. True when tapped.
bool directionsButton(Context& ctx, const Whereabouts& where, const std::string& placeId);

// The screen a kiosk profile's section names ("exhibits": the STEAMZONE screen); Home for
// an empty or unknown name.
ScreenId screenOfSection(std::string_view section);

// The place a record's directions lead to: a place is itself, a tenant its building, an
// exhibit the STEAMZONE centre where the exhibits are shown (when the content has it).
inline constexpr const char* kExhibitsPlaceId = "steamzone";

}  // namespace qtsc::kiosk

// Walking routes along the park's paths (PathNetwork), from a kiosk to a place. The network is
// a graph (Boost Graph): points are vertices, segments are edges weighted by their length on
// the ground; a route is Dijkstra's shortest path between the path spots nearest to the two
// ends. Nothing here knows about screens: the kiosk draws `Route::points` on its map.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "qtsc/content/model.hpp"

namespace qtsc::content {

// Walking pace used for minutes: 70 m/min (4.2 km/h), a relaxed pace for visitors finding
// their way, a little under the 1.2 m/s (72 m/min) that pedestrian design guides take for
// an adult.
inline constexpr double kWalkingMetresPerMinute = 70.0;

// A place or kiosk counts as reached by the paths when it lies within this many map units of
// a segment (the last steps, from the path to the door, are walked straight).
inline constexpr double kReachDistance = 60.0;  // map units

enum class RouteProblem {
  None,
  NoPaths,              // the network has no usable segment
  StartOffPaths,        // no segment within kReachDistance of the start
  DestinationOffPaths,  // no segment within kReachDistance of the destination
  NotConnected,         // both are near paths, but no path joins them
};
std::string_view toString(RouteProblem problem);

struct WalkingRoute {
  RouteProblem problem = RouteProblem::NoPaths;
  std::vector<MapPoint> points;  // from the start to the destination, in map units; empty when not found
  double metres = 0.0;           // along the points, at the network's scale
  int minutes = 0;               // at kWalkingMetresPerMinute, rounded up; at least 1 for any walk
  [[nodiscard]] bool found() const { return problem == RouteProblem::None; }
};

// Walking minutes for `metres` at kWalkingMetresPerMinute, rounded up; 0 for no distance.
int walkingMinutes(double metres);

// The network as a graph, built once and asked for many routes. Tolerates any network,
// also one that validation would refuse: segments naming unknown points, self-loops and
// points off the map or not finite are left out; points sharing an id keep the first;
// zero-length segments and duplicate points are walked at no cost.
class WalkingRouter {
 public:
  explicit WalkingRouter(const PathNetwork& network);
  ~WalkingRouter();
  WalkingRouter(WalkingRouter&&) noexcept;
  WalkingRouter& operator=(WalkingRouter&&) noexcept;

  // The shortest walk from `from` to `to`. Safe to call from several threads at once.
  [[nodiscard]] WalkingRoute route(MapPoint from, MapPoint to) const;

  // A route through each of `stops` in order (an itinerary): the legs joined; when a leg is
  // not found the result carries its problem and no points.
  [[nodiscard]] WalkingRoute routeThrough(const std::vector<MapPoint>& stops) const;

  // Map units from `point` to the nearest usable segment; infinity when there is none.
  [[nodiscard]] double distanceToPaths(MapPoint point) const;

  // Map units from `point` to the nearest segment of the largest connected part of the
  // network (the part a kiosk's routes can use); infinity when there is none.
  [[nodiscard]] double distanceToMainPaths(MapPoint point) const;

  [[nodiscard]] std::size_t pointCount() const;
  [[nodiscard]] std::size_t segmentCount() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Directions as a short text for a phone (carried by the kiosk's QR code): where from, where
// to, distance and minutes, and the way as map positions.
std::string directionsText(const std::string& fromName, const std::string& toName, const WalkingRoute& route);

}  // namespace qtsc::content

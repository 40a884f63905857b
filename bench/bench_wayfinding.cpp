// Wayfinding benchmarks: one walking route on path networks from the park's size up to a
// quarter of a million points (a grid with every segment walkable), building the router
// once, and routing a whole itinerary. Each route runs two Dijkstra searches (from both ends
// of the start's segment) and a scan for the segments nearest to the two ends.
#include <benchmark/benchmark.h>

#include <string>

#include "qtsc/content/sources.hpp"
#include "qtsc/content/wayfinding.hpp"

namespace {

using namespace qtsc::content;

// A `side` x `side` grid filling the map, every neighbour joined: side^2 points, about
// 2 side^2 segments.
PathNetwork grid(int side) {
  PathNetwork n;
  n.mapWidthMetres = 1100;
  const double dx = kMapWidth / (side - 1);
  const double dy = kMapHeight / (side - 1);
  auto id = [side](int x, int y) { return "g" + std::to_string(y * side + x); };
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      n.points.push_back({id(x, y), {x * dx, y * dy}});
      if (x > 0) n.segments.push_back({id(x - 1, y), id(x, y)});
      if (y > 0) n.segments.push_back({id(x, y - 1), id(x, y)});
    }
  return n;
}

void BM_RouteAcrossGrid(benchmark::State& state) {
  const WalkingRouter router(grid(static_cast<int>(state.range(0))));
  for (auto _ : state) {
    auto route = router.route({1, 1}, {999, 699});
    benchmark::DoNotOptimize(route);
  }
  state.counters["points"] = static_cast<double>(router.pointCount());
  state.counters["segments"] = static_cast<double>(router.segmentCount());
}
BENCHMARK(BM_RouteAcrossGrid)->Arg(10)->Arg(100)->Arg(300)->Arg(500)->Unit(benchmark::kMillisecond);

void BM_BuildRouter(benchmark::State& state) {
  const PathNetwork n = grid(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    WalkingRouter router(n);
    benchmark::DoNotOptimize(router);
  }
}
BENCHMARK(BM_BuildRouter)->Arg(100)->Arg(500)->Unit(benchmark::kMillisecond);

// The bundled sample network: a kiosk's route to every place in turn.
void BM_RouteBundledPark(benchmark::State& state) {
  const ContentSet park = readValidSources(QTSC_PARK_SOURCES);
  const WalkingRouter router(park.paths.value_or(PathNetwork{}));
  const MapPoint kiosk = park.profiles.empty() ? MapPoint{455, 300} : park.profiles.front().position;
  for (auto _ : state)
    for (const auto& place : park.places) {
      auto route = router.route(kiosk, place.position);
      benchmark::DoNotOptimize(route);
    }
  state.counters["routes"] = benchmark::Counter(static_cast<double>(park.places.size()),
                                                benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_RouteBundledPark)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

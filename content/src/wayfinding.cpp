#include "qtsc/content/wayfinding.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

namespace qtsc::content {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                    boost::property<boost::edge_weight_t, double>>;
using Vertex = Graph::vertex_descriptor;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double distance(MapPoint a, MapPoint b) { return std::hypot(a.x - b.x, a.y - b.y); }

bool usable(MapPoint p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && p.x >= 0.0 && p.x <= kMapWidth && p.y >= 0.0 &&
         p.y <= kMapHeight;
}

// The spot of segment a-b nearest to `p`: where it is and how far along (0 at a, 1 at b).
struct Spot {
  MapPoint at;
  double along = 0.0;
  double away = kInfinity;  // map units from p
};

Spot nearestOn(MapPoint a, MapPoint b, MapPoint p) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double lengthSquared = dx * dx + dy * dy;
  double t = lengthSquared > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  const MapPoint at{a.x + t * dx, a.y + t * dy};
  return {at, t, distance(at, p)};
}

}  // namespace

std::string_view toString(RouteProblem problem) {
  switch (problem) {
    case RouteProblem::None: return "found";
    case RouteProblem::NoPaths: return "the park has no walking paths yet";
    case RouteProblem::StartOffPaths: return "the start is not near a walking path";
    case RouteProblem::DestinationOffPaths: return "the destination is not near a walking path";
    case RouteProblem::NotConnected: return "no walking path joins the start and the destination";
  }
  return "unknown";
}

int walkingMinutes(double metres) {
  if (!(metres > 0.0)) return 0;
  return std::max(1, static_cast<int>(std::ceil(metres / kWalkingMetresPerMinute)));
}

struct WalkingRouter::Impl {
  std::vector<MapPoint> points;                   // vertex index -> position
  std::vector<std::pair<Vertex, Vertex>> edges;   // usable segments
  std::vector<int> component;                     // vertex index -> connected part
  int mainComponent = -1;                         // the part with the most segments
  double metresPerUnit = 1.0;
  Graph graph;

  // The usable segment nearest to `p` (index into edges), restricted to the main part when asked.
  [[nodiscard]] std::pair<std::size_t, Spot> nearestSegment(MapPoint p, bool mainOnly) const {
    std::pair<std::size_t, Spot> best{edges.size(), Spot{}};
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const auto [u, v] = edges[i];
      if (mainOnly && component[u] != mainComponent) continue;
      const Spot spot = nearestOn(points[u], points[v], p);
      if (spot.away < best.second.away) best = {i, spot};
    }
    return best;
  }

  // Dijkstra from `source`: distances and predecessors of every vertex.
  void shortestFrom(Vertex source, std::vector<double>& dist, std::vector<Vertex>& pred) const {
    dist.assign(points.size(), kInfinity);
    pred.resize(points.size());
    const auto index = boost::get(boost::vertex_index, graph);
    boost::dijkstra_shortest_paths(graph, source,
                                   boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
                                       .distance_map(boost::make_iterator_property_map(dist.begin(), index)));
  }
};

WalkingRouter::WalkingRouter(const PathNetwork& network) : impl_(std::make_unique<Impl>()) {
  auto& d = *impl_;
  if (network.mapWidthMetres > 0) d.metresPerUnit = network.metresPerUnit();
  std::map<std::string, Vertex, std::less<>> byId;
  for (const auto& point : network.points) {
    if (!usable(point.position) || byId.count(point.id) > 0) continue;
    byId.emplace(point.id, d.points.size());
    d.points.push_back(point.position);
  }
  d.graph = Graph(d.points.size());
  for (const auto& segment : network.segments) {
    auto from = byId.find(segment.from);
    auto to = byId.find(segment.to);
    if (from == byId.end() || to == byId.end() || from->second == to->second) continue;
    const Vertex u = from->second;
    const Vertex v = to->second;
    boost::add_edge(u, v, distance(d.points[u], d.points[v]), d.graph);
    d.edges.emplace_back(u, v);
  }
  d.component.assign(d.points.size(), 0);
  if (d.points.empty()) return;
  boost::connected_components(
      d.graph, boost::make_iterator_property_map(d.component.begin(), boost::get(boost::vertex_index, d.graph)));
  std::map<int, std::size_t> segmentsIn;
  for (const auto& [u, v] : d.edges) ++segmentsIn[d.component[u]];
  std::size_t most = 0;
  for (const auto& [part, count] : segmentsIn)
    if (count > most) {
      most = count;
      d.mainComponent = part;
    }
}

WalkingRouter::~WalkingRouter() = default;
WalkingRouter::WalkingRouter(WalkingRouter&&) noexcept = default;
WalkingRouter& WalkingRouter::operator=(WalkingRouter&&) noexcept = default;

std::size_t WalkingRouter::pointCount() const { return impl_->points.size(); }
std::size_t WalkingRouter::segmentCount() const { return impl_->edges.size(); }

double WalkingRouter::distanceToPaths(MapPoint point) const {
  if (!std::isfinite(point.x) || !std::isfinite(point.y)) return kInfinity;
  return impl_->nearestSegment(point, false).second.away;
}

double WalkingRouter::distanceToMainPaths(MapPoint point) const {
  if (!std::isfinite(point.x) || !std::isfinite(point.y)) return kInfinity;
  return impl_->nearestSegment(point, true).second.away;
}

WalkingRoute WalkingRouter::route(MapPoint from, MapPoint to) const {
  const auto& d = *impl_;
  WalkingRoute result;
  if (d.edges.empty()) return result;  // NoPaths
  const bool finite = std::isfinite(from.x) && std::isfinite(from.y);
  const auto [startEdge, start] = finite ? d.nearestSegment(from, false) : std::pair{d.edges.size(), Spot{}};
  if (!(start.away <= kReachDistance)) {
    result.problem = RouteProblem::StartOffPaths;
    return result;
  }
  const bool finiteTo = std::isfinite(to.x) && std::isfinite(to.y);
  const auto [endEdge, end] = finiteTo ? d.nearestSegment(to, false) : std::pair{d.edges.size(), Spot{}};
  if (!(end.away <= kReachDistance)) {
    result.problem = RouteProblem::DestinationOffPaths;
    return result;
  }
  const auto [su, sv] = d.edges[startEdge];
  const auto [eu, ev] = d.edges[endEdge];
  if (d.component[su] != d.component[eu]) {
    result.problem = RouteProblem::NotConnected;
    return result;
  }

  // Along the paths from the start's spot: out through either end of its segment, in
  // through either end of the destination's; or straight along one shared segment.
  const double startLength = distance(d.points[su], d.points[sv]);
  const double endLength = distance(d.points[eu], d.points[ev]);
  const std::pair<Vertex, double> outs[2] = {{su, start.along * startLength}, {sv, (1.0 - start.along) * startLength}};
  const std::pair<Vertex, double> ins[2] = {{eu, end.along * endLength}, {ev, (1.0 - end.along) * endLength}};
  double best = kInfinity;
  std::vector<Vertex> bestWay;  // vertices from the start side to the destination side
  if (startEdge == endEdge) best = distance(start.at, end.at);
  std::vector<double> dist;
  std::vector<Vertex> pred;
  for (const auto& [out, outCost] : outs) {
    d.shortestFrom(out, dist, pred);
    for (const auto& [in, inCost] : ins) {
      const double total = outCost + dist[in] + inCost;
      if (total < best) {
        best = total;
        bestWay.clear();
        for (Vertex v = in;; v = pred[v]) {
          bestWay.push_back(v);
          if (v == out || pred[v] == v) break;
        }
        std::reverse(bestWay.begin(), bestWay.end());
      }
    }
  }
  if (!std::isfinite(best)) {
    result.problem = RouteProblem::NotConnected;
    return result;
  }
  auto add = [&](MapPoint p) {
    if (result.points.empty() || !(result.points.back() == p)) result.points.push_back(p);
  };
  add(from);
  add(start.at);
  for (Vertex v : bestWay) add(d.points[v]);
  add(end.at);
  add(to);
  double units = 0.0;
  for (std::size_t i = 1; i < result.points.size(); ++i) units += distance(result.points[i - 1], result.points[i]);
  result.problem = RouteProblem::None;
  result.metres = units * d.metresPerUnit;
  result.minutes = walkingMinutes(result.metres);
  return result;
}

WalkingRoute WalkingRouter::routeThrough(const std::vector<MapPoint>& stops) const {
  WalkingRoute whole;
  whole.problem = RouteProblem::None;
  for (std::size_t i = 1; i < stops.size(); ++i) {
    WalkingRoute leg = route(stops[i - 1], stops[i]);
    if (!leg.found()) {
      leg.points.clear();
      return leg;
    }
    for (const auto& p : leg.points)
      if (whole.points.empty() || !(whole.points.back() == p)) whole.points.push_back(p);
    whole.metres += leg.metres;
  }
  whole.minutes = walkingMinutes(whole.metres);
  return whole;
}

std::string directionsText(const std::string& fromName, const std::string& toName, const WalkingRoute& route) {
  std::ostringstream text;
  text << "QTSC - Chỉ đường / Directions\n" << fromName << " → " << toName << "\n";
  if (!route.found()) {
    text << toString(route.problem);
    return text.str();
  }
  text << std::lround(route.metres) << " m, " << route.minutes << " phút đi bộ / min walk";
  return text.str();
}

}  // namespace qtsc::content

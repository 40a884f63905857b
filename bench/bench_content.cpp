// Content benchmarks: search per keystroke at 100,000 tenants, and opening the database
// plus loading the home screen's data. Latency percentiles are reported as counters
// (p50_ms, p99_ms, max_ms) over every query the benchmark ran.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"

namespace {

using namespace qtsc::content;
using Clock = std::chrono::steady_clock;

// The park's content plus `tenants` generated tenants, built once per size into /tmp.
std::string parkWithTenants(int tenants) {
  const auto path = std::filesystem::temp_directory_path() / ("qtsc-bench-park-" + std::to_string(tenants) + ".db");
  if (std::filesystem::exists(path)) {
    ContentStore existing(path.string(), ContentStore::Mode::ReadOnly);
    if (existing.tenantCount({}) >= tenants) return path.string();
  }
  std::filesystem::remove(path);
  ContentStore store(path.string());
  ContentSet park = readValidSources(QTSC_PARK_SOURCES);
  store.import(park);
  store.import(generateSamples(park, {.tenants = tenants, .exhibits = 12, .demoDay = "2026-11-23", .seed = 2001}));
  return path.string();
}

// What visitors type, one keystroke at a time.
std::vector<std::string> keystrokes() {
  std::vector<std::string> out;
  for (std::string word : {"cong vien phan mem", "dao tao", "TMA Solutions", "Đà Nẵng", "viễn thông",
                           "bao tang qtsc", "steamzone", "nong nghiep lo 13", "an ninh mang", "hung thinh"})
    for (std::size_t n = 1; n <= word.size(); ++n)
      if ((static_cast<unsigned char>(word[n - 1]) & 0xC0) != 0x80 &&
          (n == word.size() || (static_cast<unsigned char>(word[n]) & 0xC0) != 0x80))
        out.push_back(word.substr(0, n));
  return out;
}

void reportPercentiles(benchmark::State& state, std::vector<double>& millis) {
  std::sort(millis.begin(), millis.end());
  auto at = [&](double q) { return millis[static_cast<std::size_t>(q * static_cast<double>(millis.size() - 1))]; };
  state.counters["p50_ms"] = at(0.50);
  state.counters["p99_ms"] = at(0.99);
  state.counters["max_ms"] = millis.back();
  state.counters["queries"] = static_cast<double>(millis.size());
}

void BM_SearchPerKeystroke(benchmark::State& state) {
  const int tenants = static_cast<int>(state.range(0));
  ContentStore store(parkWithTenants(tenants), ContentStore::Mode::ReadOnly);
  const auto typed = keystrokes();
  std::vector<double> millis;
  for (auto _ : state) {
    for (const auto& query : typed) {
      const auto start = Clock::now();
      auto hits = store.search(query, 20);
      benchmark::DoNotOptimize(hits);
      millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(millis.size()));
  reportPercentiles(state, millis);
}
BENCHMARK(BM_SearchPerKeystroke)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(20);

void BM_OpenAndLoadHome(benchmark::State& state) {
  const std::string path = parkWithTenants(static_cast<int>(state.range(0)));
  std::vector<double> millis;
  for (auto _ : state) {
    const auto start = Clock::now();
    ContentStore store(path, ContentStore::Mode::ReadOnly);
    auto home = store.homeData("2026-11-23T09:30");
    benchmark::DoNotOptimize(home);
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  reportPercentiles(state, millis);
}
BENCHMARK(BM_OpenAndLoadHome)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(200);

void BM_TenantDirectoryPage(benchmark::State& state) {
  ContentStore store(parkWithTenants(static_cast<int>(state.range(0))), ContentStore::Mode::ReadOnly);
  TenantFilter filter;
  filter.sectorId = "software";
  for (auto _ : state) {
    auto page = store.tenants(filter);
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_TenantDirectoryPage)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

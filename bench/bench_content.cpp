// Content benchmarks: search per keystroke at 100,000 tenants, and opening the database
// plus loading the home screen's data. Latency percentiles are reported as counters
// (p50_ms, p99_ms, max_ms) over every query the benchmark ran, in wall time; search also
// reports the same in the thread's CPU time (cpu_p50_ms, cpu_p99_ms), which other programs
// on a shared machine disturb less.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "qtsc/content/generator.hpp"
#include "qtsc/content/sources.hpp"
#include "qtsc/content/store.hpp"

namespace {

using namespace qtsc::content;
using Clock = std::chrono::steady_clock;

// The park's content plus `tenants` generated tenants, built once per size into /tmp, and
// again when this program is newer than the file (its index may be built differently).
std::string parkWithTenants(int tenants) {
  const auto path = std::filesystem::temp_directory_path() / ("qtsc-bench-park-" + std::to_string(tenants) + ".db");
  std::error_code error;
  const auto self = std::filesystem::last_write_time("/proc/self/exe", error);
  if (std::filesystem::exists(path) && !error && std::filesystem::last_write_time(path) < self)
    std::filesystem::remove(path);
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

// What visitors type, one keystroke at a time: words with and without diacritics, words
// typed apart that are written together, other names, and typing slips.
std::vector<std::string> keystrokes() {
  std::vector<std::string> out;
  for (std::string word : {"cong vien phan mem", "dao tao", "TMA Solutions", "Đà Nẵng", "viễn thông",
                           "bao tang qtsc", "steamzone", "nong nghiep lo 13", "an ninh mang", "hung thinh",
                           "steam zone", "tma soluttions", "quận 12", "saigon", "datacenter", "operation centre",
                           "hung thinhh softwre"})
    for (std::size_t n = 1; n <= word.size(); ++n)
      if ((static_cast<unsigned char>(word[n - 1]) & 0xC0) != 0x80 &&
          (n == word.size() || (static_cast<unsigned char>(word[n]) & 0xC0) != 0x80))
        out.push_back(word.substr(0, n));
  return out;
}

void reportPercentiles(benchmark::State& state, std::vector<double>& millis, const std::string& prefix = "") {
  std::sort(millis.begin(), millis.end());
  auto at = [&](double q) { return millis[static_cast<std::size_t>(q * static_cast<double>(millis.size() - 1))]; };
  state.counters[prefix + "p50_ms"] = at(0.50);
  state.counters[prefix + "p99_ms"] = at(0.99);
  state.counters[prefix + "max_ms"] = millis.back();
  if (prefix.empty()) state.counters["queries"] = static_cast<double>(millis.size());
}

double threadCpuMillis() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Types every keystroke of keystrokes() into `run` for each iteration and reports wall and
// CPU percentiles. QTSC_BENCH_SLOWEST=N lists the N keystrokes with the highest median CPU
// time, to show which make the p99.
template <typename Run>
void timeKeystrokes(benchmark::State& state, Run run) {
  const auto typed = keystrokes();
  std::vector<double> millis;
  std::vector<double> cpuMillis;
  std::map<std::string, std::vector<double>> cpuByQuery;
  for (auto _ : state) {
    for (const auto& query : typed) {
      const auto start = Clock::now();
      const double cpuStart = threadCpuMillis();
      run(query);
      cpuMillis.push_back(threadCpuMillis() - cpuStart);
      millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      cpuByQuery[query].push_back(cpuMillis.back());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(millis.size()));
  reportPercentiles(state, millis);
  reportPercentiles(state, cpuMillis, "cpu_");
  if (const char* slowest = std::getenv("QTSC_BENCH_SLOWEST"); slowest != nullptr) {
    std::vector<std::pair<double, std::string>> medians;
    for (auto& [query, times] : cpuByQuery) {
      std::sort(times.begin(), times.end());
      medians.emplace_back(times[times.size() / 2], query);
    }
    std::sort(medians.rbegin(), medians.rend());
    const auto shown = std::min(medians.size(), static_cast<std::size_t>(std::max(0, std::atoi(slowest))));
    std::fprintf(stderr, "slowest keystrokes at %lld tenants (median CPU ms):\n", static_cast<long long>(state.range(0)));
    for (std::size_t i = 0; i < shown; ++i)
      std::fprintf(stderr, "  %7.3f  \"%s\"\n", medians[i].first, medians[i].second.c_str());
  }
}

void BM_SearchPerKeystroke(benchmark::State& state) {
  ContentStore store(parkWithTenants(static_cast<int>(state.range(0))), ContentStore::Mode::ReadOnly);
  store.prepareSearch();  // as the kiosk does when it starts (BM_PrepareSearch)
  timeKeystrokes(state, [&](const std::string& query) {
    auto hits = store.search(query, 20);
    benchmark::DoNotOptimize(hits);
  });
}
BENCHMARK(BM_SearchPerKeystroke)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(20);

// What the kiosk runs per keystroke (SearchWorker): up to 100 rows and the count behind them
// (capped at 1,000), over everything (Home's search) or over tenants (the Directory's box).
void keystrokeAsKiosk(benchmark::State& state, const SearchScope& scope) {
  ContentStore store(parkWithTenants(static_cast<int>(state.range(0))), ContentStore::Mode::ReadOnly);
  store.prepareSearch();
  timeKeystrokes(state, [&](const std::string& query) {
    auto hits = store.search(query, 100, scope);  // SearchWorker::kSearchLimit
    // The Directory lists its matches' rows (SearchWorker::run reads them in one go).
    std::vector<TenantSummary> rows;
    if (scope.kind == RecordKind::Tenant) {
      std::vector<std::string> ids;
      for (const auto& hit : hits) ids.push_back(hit.id);
      rows = store.tenantSummaries(ids);
    }
    const int total = store.searchCount(query, scope, 1000);  // SearchWorker::kCountCap
    benchmark::DoNotOptimize(hits);
    benchmark::DoNotOptimize(rows);
    benchmark::DoNotOptimize(total);
  });
}

void BM_KioskKeystrokeEverything(benchmark::State& state) { keystrokeAsKiosk(state, {}); }
BENCHMARK(BM_KioskKeystrokeEverything)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_KioskKeystrokeDirectory(benchmark::State& state) {
  keystrokeAsKiosk(state, SearchScope{.kind = RecordKind::Tenant, .sectorId = {}, .placeId = {}});
}
BENCHMARK(BM_KioskKeystrokeDirectory)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(10);

void BM_PrepareSearch(benchmark::State& state) {
  const std::string path = parkWithTenants(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    ContentStore store(path, ContentStore::Mode::ReadOnly);
    store.prepareSearch();
  }
}
BENCHMARK(BM_PrepareSearch)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(5);

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

// bench_sync: what a sync costs. Prints bytes on the wire for an unchanged poll and for a
// one-tenant text edit, and the rate at which a kiosk fetches a large asset set compared
// with the curl command-line tool fetching the same objects from the same nginx in the
// same run (ratio = curl's time / the kiosk's time; 1.0 means as fast as curl).
//
//   bench_sync [--large-mb M] [--rounds R] [--no-sendfile]
//   (defaults: 512 MiB in 4 MiB files, 5 rounds, nginx with sendfile on as in Debian's
//   nginx.conf; --no-sendfile leaves it at nginx's own default, off)
//
// Each round times the kiosk fetching N objects at once (its default) and one at a time,
// and curl doing the same (--parallel --parallel-max N, and one file after another), in an
// order that rotates from round to round; the figures are the medians over the rounds.
// Every contender writes the files to disk, and every timed run starts from the same state
// (no earlier contender's files, nothing dirty in the page cache, memory recently touched),
// so no side pays for another's writeback or memory. The kiosk's time is a whole sync:
// download, SHA-256 check, fsync, install; curl's files are still in the page cache when
// its time stops. "CPU busy" is what the whole machine spent meanwhile, nginx included.
#include <CLI/CLI.hpp>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "qtsc/sync/client.hpp"
#include "qtsc/sync/published.hpp"
#include "test_sync_support.hpp"

using namespace qtsc::sync;
using qtsc::testing::Nginx;
using qtsc::testing::SyncPark;
namespace fs = std::filesystem;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

unsigned long long wire(const SyncResult& r) { return r.transfer.bytesReceived + r.transfer.bytesSent; }

// Seconds the machine's processors spent busy (every process, interrupts included), from
// /proc/stat: what a contender costs the whole machine, the server's share included.
double cpuBusySeconds() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  unsigned long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
  stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq;
  return static_cast<double>(user + nice + system + irq + softirq) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Writes to `bytes` of fresh memory and gives it back, so the next allocations find memory
// the host has backed.
void touchMemory(std::size_t bytes) {
  void* memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return;
  std::memset(memory, 1, bytes);
  ::munmap(memory, bytes);
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  int largeMb = 512;
  int rounds = 5;
  bool noSendfile = false;
  CLI::App app{"Bytes on the wire for a sync, and the download rate against the curl tool"};
  app.add_option("--large-mb", largeMb, "MiB in the large asset set")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--rounds", rounds, "Interleaved rounds")->check(CLI::PositiveNumber)->capture_default_str();
  app.add_flag("--no-sendfile", noSendfile, "Leave nginx's sendfile at its own default, off");
  CLI11_PARSE(app, argc, argv);
  const bool sendfile = !noSendfile;

  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out, sendfile);
  const SyncConfig config = park.kiosk(nginx.url());
  const auto install = SyncClient(config).syncOnce();
  std::cout << "first install: " << install.message << ", " << wire(install) << " bytes on the wire\n";
  SyncClient(config).syncOnce();  // learns the ETag
  const auto poll = SyncClient(config).syncOnce();
  std::cout << "unchanged poll: " << poll.transfer.requests << " request(s), " << poll.transfer.bytesSent
            << " bytes sent + " << poll.transfer.bytesReceived << " received = " << wire(poll)
            << " bytes (target < 1024)\n";

  park.editTenant("A one-tenant text edit: new opening hours and a new phone number");
  park.publish("text edit");
  const auto edit = SyncClient(config).syncOnce();
  std::cout << "one-tenant text edit: " << edit.transfer.requests << " requests, " << wire(edit)
            << " bytes on the wire, changeset used: " << (edit.usedChangeset ? "yes" : "no")
            << " (target < 5120)\n";

  park.writeAsset("images/map.png", std::string(30000, 'n'));
  park.publish("image change");
  const auto image = SyncClient(config).syncOnce();
  std::cout << "one image change (30000-byte image): " << wire(image) << " bytes on the wire\n";

  // The large set: incompressible files so neither side gains from anything but transfer.
  std::mt19937_64 random(42);
  const int files = std::max(1, largeMb / 4);
  for (int f = 0; f < files; ++f) {
    std::string bytes(4 << 20, '\0');
    for (std::size_t i = 0; i + 8 <= bytes.size(); i += 8) {
      const auto word = random();
      std::memcpy(bytes.data() + i, &word, 8);
    }
    park.writeAsset("large/photo-" + std::to_string(f) + ".bin", bytes);
  }
  park.publish("large asset set");
  std::vector<std::string> urls;
  const auto t = openTimestamp(qtsc::testing::readFile(park.out / kTimestampFile), park.keys.publicKey);
  const auto m = openManifest(qtsc::testing::readFile(park.out / kObjectsDir / t.manifestHash), park.keys.publicKey);
  unsigned long long total = 0;
  for (const auto& a : parseAssetIndex(qtsc::testing::readFile(park.out / kObjectsDir / m.find(kRoleAssetIndex)->hash)))
    if (a.name.rfind("large/", 0) == 0) {
      urls.push_back(nginx.url() + "/objects/" + a.hash);
      total += a.size;
    }
  const fs::path curlDir = park.dir / "curl-out";
  std::string curlConfig;
  for (std::size_t i = 0; i < urls.size(); ++i)
    curlConfig += "url = \"" + urls[i] + "\"\noutput = \"" + (curlDir / std::to_string(i)).string() + "\"\n";
  qtsc::testing::writeFile(park.dir / "curl.cfg", curlConfig);

  // The kiosk at its configured parallelism against curl at the same, and both fetching one
  // object after another.
  enum Contender { KioskParallel, KioskSerial, CurlParallel, CurlSerial, kContenders };
  const char* names[kContenders] = {"kiosk sync, N at once", "kiosk sync, one at a time",
                                    "curl --parallel --parallel-max N", "curl, one file after another"};
  std::vector<double> seconds[kContenders], busy[kContenders];
  SyncConfig kioskConfig = park.kiosk(nginx.url(), "large");
  const int parallel = kioskConfig.parallelDownloads;
  // Every timed run starts from the same state: no earlier contender's files left, nothing
  // dirty waiting for writeback, and memory recently touched. On this virtual machine the
  // host takes back guest memory left free for a few seconds, and writing a file into such
  // memory costs about ten times as much (measured: 128 × 4 MiB written in 1.2 s instead
  // of 0.11 s); without the warm-up the figures depend on which contender freed memory last.
  const std::size_t warmBytes = std::max<std::size_t>(std::size_t{2} << 30, std::size_t{4} * total);
  auto startClean = [&] {
    std::error_code ignored;
    fs::remove_all(curlDir, ignored);
    fs::remove_all(kioskConfig.dataDir, ignored);
    fs::remove_all(kioskConfig.stateDir, ignored);
    fs::create_directories(curlDir);
    ::sync();
    touchMemory(warmBytes);
  };
  auto timeOne = [&](Contender who) {
    startClean();
    const double busyBefore = cpuBusySeconds();
    const auto start = std::chrono::steady_clock::now();
    if (who == KioskParallel || who == KioskSerial) {
      kioskConfig.parallelDownloads = who == KioskParallel ? parallel : 1;
      const auto result = SyncClient(kioskConfig).syncOnce();
      if (result.outcome != SyncOutcome::Installed) std::cerr << "large sync failed: " << result.message << "\n";
    } else {
      const std::string command =
          std::string("curl -s -f --no-progress-meter ") +
          (who == CurlParallel ? "--parallel --parallel-max " + std::to_string(parallel) + " " : "") + "-K " +
          (park.dir / "curl.cfg").string();
      if (std::system(command.c_str()) != 0) std::cerr << "curl failed\n";
    }
    seconds[who].push_back(secondsSince(start));
    busy[who].push_back(cpuBusySeconds() - busyBefore);
  };
  for (int round = 0; round < rounds; ++round)
    for (int k = 0; k < kContenders; ++k) timeOne(static_cast<Contender>((round + k) % kContenders));
  startClean();

  const double mb = static_cast<double>(total) / (1 << 20);
  std::printf("large asset set: %d files, %.0f MiB, N = %d, nginx sendfile %s (median of %d interleaved rounds)\n",
              files, mb, parallel, sendfile ? "on" : "off", rounds);
  for (int k = 0; k < kContenders; ++k) {
    const double s = median(seconds[k]);
    std::printf("  %-68s %.2f s, %4.0f MiB/s, CPU busy %.2f s\n",
                (std::string(names[k]) + (k < CurlParallel ? " (download + SHA-256 + fsync + install)" : "")).c_str(),
                s, mb / s, median(busy[k]));
  }
  std::printf("  rate ratio, kiosk / curl: N at once %.2f, one at a time %.2f, kiosk N at once / curl one at a time "
              "%.2f (target >= 0.9)\n",
              median(seconds[CurlParallel]) / median(seconds[KioskParallel]),
              median(seconds[CurlSerial]) / median(seconds[KioskSerial]),
              median(seconds[CurlSerial]) / median(seconds[KioskParallel]));
  std::printf("  rounds (s, in the order above):");
  for (std::size_t round = 0; round < seconds[0].size(); ++round) {
    std::printf(" ");
    for (int k = 0; k < kContenders; ++k) std::printf("%s%.2f", k ? "/" : "", seconds[k][round]);
  }
  std::printf("\n");
  return 0;
}

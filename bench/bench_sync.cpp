// bench_sync: what a sync costs. Prints bytes on the wire for an unchanged poll and for a
// one-tenant text edit, and the rate at which a kiosk fetches a large asset set compared
// with the curl command-line tool fetching the same objects from the same nginx in the
// same run (ratio = curl's time / the kiosk's time; 1.0 means as fast as curl).
//
//   bench_sync [--large-mb N] [--rounds R]   (defaults: 256 MiB in 4 MiB files, 5 rounds)
//
// Each round times the kiosk, curl --parallel 4 and curl one file after another, in an
// order that rotates from round to round; the figures are the medians over the rounds.
// Every contender writes the files to disk, and every timed run starts with nothing dirty
// in the page cache (a sync() outside the timing), so no side pays for the other's
// writeback. The kiosk's time is a whole sync: download, SHA-256 check, fsync, install.
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

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  int largeMb = 256;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--large-mb") largeMb = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
  }

  SyncPark park;
  park.publish("first");
  Nginx nginx(park.out);
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

  enum Contender { Kiosk, CurlParallel, CurlSerial, kContenders };
  std::vector<double> seconds[kContenders];
  auto timeOne = [&](Contender who, int round) {
    if (who == Kiosk) {
      const SyncConfig fresh = park.kiosk(nginx.url(), "large-" + std::to_string(round));
      ::sync();
      const auto start = std::chrono::steady_clock::now();
      const auto result = SyncClient(fresh).syncOnce();
      seconds[Kiosk].push_back(secondsSince(start));
      if (result.outcome != SyncOutcome::Installed) std::cerr << "large sync failed: " << result.message << "\n";
      fs::remove_all(fresh.dataDir);
      return;
    }
    fs::remove_all(curlDir);
    fs::create_directories(curlDir);
    const std::string command = std::string("curl -s -f --no-progress-meter ") +
                                (who == CurlParallel ? "--parallel --parallel-max 4 " : "") + "-K " +
                                (park.dir / "curl.cfg").string();
    ::sync();
    const auto start = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) std::cerr << "curl failed\n";
    seconds[who].push_back(secondsSince(start));
  };
  for (int round = 0; round < rounds; ++round)
    for (int k = 0; k < kContenders; ++k) timeOne(static_cast<Contender>((round + k) % kContenders), round);
  fs::remove_all(curlDir);

  const double kiosk = median(seconds[Kiosk]);
  const double curlParallel = median(seconds[CurlParallel]);
  const double curlSerial = median(seconds[CurlSerial]);
  std::vector<double> ratios;
  for (std::size_t round = 0; round < seconds[Kiosk].size(); ++round)
    ratios.push_back(seconds[CurlParallel][round] / seconds[Kiosk][round]);
  const double mb = static_cast<double>(total) / (1 << 20);
  std::printf("large asset set: %d files, %.0f MiB (median of %d interleaved rounds)\n", files, mb, rounds);
  std::printf("  kiosk sync (download + SHA-256 check + fsync + install): %.2f s, %.0f MiB/s\n", kiosk, mb / kiosk);
  std::printf("  curl --parallel --parallel-max 4:                        %.2f s, %.0f MiB/s\n", curlParallel,
              mb / curlParallel);
  std::printf("  curl, one file after another:                            %.2f s, %.0f MiB/s\n", curlSerial,
              mb / curlSerial);
  std::printf("  ratio kiosk/curl-parallel %.2f (median of per-round ratios %.2f), kiosk/curl-serial %.2f "
              "(target >= 0.9)\n",
              curlParallel / kiosk, median(ratios), curlSerial / kiosk);
  std::printf("  rounds (kiosk / curl-parallel / curl-serial, s):");
  for (std::size_t round = 0; round < seconds[Kiosk].size(); ++round)
    std::printf(" %.2f/%.2f/%.2f", seconds[Kiosk][round], seconds[CurlParallel][round], seconds[CurlSerial][round]);
  std::printf("\n");
  return 0;
}

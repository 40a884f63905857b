// The kiosk report: what the kiosk writes is what the hub reads, through one definition.
#include <catch2/catch.hpp>

#include <string>

#include "qtsc/sync/client.hpp"
#include "qtsc/sync/kiosk_report.hpp"

using namespace qtsc::sync;

TEST_CASE("a report the kiosk writes is read back field for field") {
  KioskReport written{.id = "0a1b2c3d",
                      .kioskId = "museum-1",
                      .time = "2026-12-02T08:00:00Z",
                      .contentVersion = 42,
                      .result = "installed",
                      .message = "installed version 42 (3 files, 120 KiB)",
                      .freeDiskBytes = 5'000'000'000LL,
                      .usage = {{"opened", {{"tenant:tma-solutions", 3}}}, {"searchesNotFound", {{"cantho", 1}}}}};
  const KioskReport read = parseKioskReport(toJson(written).dump());
  CHECK(read.id == written.id);
  CHECK(read.kioskId == written.kioskId);
  CHECK(read.time == written.time);
  CHECK(read.contentVersion == 42);
  CHECK(read.result == "installed");
  CHECK(read.message == written.message);
  CHECK(read.freeDiskBytes == written.freeDiskBytes);
  CHECK(read.usage["opened"]["tenant:tma-solutions"] == 3);
  CHECK(read.usage["searchesNotFound"]["cantho"] == 1);
}

TEST_CASE("every outcome a sync can end with is a result the reader takes") {
  for (const SyncOutcome outcome : {SyncOutcome::UpToDate, SyncOutcome::Installed, SyncOutcome::Failed, SyncOutcome::Expired}) {
    const KioskReport written{.id = "r1", .kioskId = "lobby", .time = {}, .contentVersion = 1,
                              .result = std::string(toString(outcome)), .message = {}, .freeDiskBytes = 0, .usage = {}};
    INFO(written.result);
    CHECK(parseKioskReport(toJson(written).dump()).result == written.result);
  }
}

TEST_CASE("a report that is not one names each wrong field") {
  KioskReport bad{.id = "r 1", .kioskId = "", .time = {}, .contentVersion = -1,
                  .result = "exploded", .message = {}, .freeDiskBytes = 0, .usage = {{"opened", {{"x", -5}}}}};
  try {
    (void)parseKioskReport(toJson(bad).dump());
    FAIL("a bad report was taken");
  } catch (const KioskReportError& e) {
    std::string fields;
    for (const auto& issue : e.issues()) fields += issue.field + ";";
    CHECK(fields.find("id;") != std::string::npos);
    CHECK(fields.find("kioskId;") != std::string::npos);
    CHECK(fields.find("contentVersion;") != std::string::npos);
    CHECK(fields.find("result;") != std::string::npos);
    CHECK(fields.find("usage.opened.x;") != std::string::npos);
  }
  CHECK_THROWS_AS(parseKioskReport("{"), KioskReportError);
  CHECK_THROWS_AS(parseKioskReport(std::string(KioskReportLimits{}.maxBodyBytes + 1, ' ')), KioskReportError);
  CHECK(isKioskName("steamzone-2"));
  CHECK_FALSE(isKioskName(std::string(kReportIdBytes + 1, 'a')));
}

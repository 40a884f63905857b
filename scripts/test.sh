#!/bin/sh
# Sets up the machine, builds with warnings as errors, and runs every test.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh -DQTSC_WARNINGS_AS_ERRORS=ON -DQTSC_BUILD_TESTS=ON
cd build
ctest --output-on-failure -j2
cd ..
# The same tests under AddressSanitizer + UBSan and ThreadSanitizer, then every fuzzer for a
# bounded time (QTSC_FUZZ_SECONDS each, 30 by default).
./scripts/sanitize.sh
# Browser tests of the hub's admin page, where they exist.
if [ -x hub/tests/browser/run.sh ]; then
  hub/tests/browser/run.sh
fi
# The Debian packages: contents, lintian, installing them, the hub's service answering and
# the kiosk rendering under cage. They install packages, so they need root.
if [ "$(id -u)" -eq 0 ]; then
  installer/tests/run.sh
else
  echo "installer tests skipped: they install the packages and need root"
fi
echo "all tests passed"

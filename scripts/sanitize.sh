#!/bin/sh
# The test suite under clang's sanitizers, then the fuzzers. Called by scripts/test.sh after
# the normal build and tests; expects scripts/setup.sh to have run.
#   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer (with libFuzzer's coverage
#                instrumentation, so the fuzzers link against the same libraries): every test
#   build-tsan/  ThreadSanitizer: the tests of the threaded parts (the kiosk's workers, the
#                sync downloads, the hub's thread pool)
# A report from any sanitizer fails the run. Usage: scripts/sanitize.sh [asan|tsan|fuzz]...
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
steps=${*:-asan tsan fuzz}

# Leaks inside system libraries (fontconfig's and SDL's caches) are theirs, not ours.
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
# Interceptor calls (memcpy, free) made from inside uninstrumented libraries (libvips's pipeline,
# zlib, libpng) are not judged: their locks are invisible to TSan. Our own code is instrumented.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:suppressions=$root/scripts/sanitizers/tsan.supp"

launcher=""
command -v ccache >/dev/null 2>&1 && launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"

configure() {  # configure DIR FLAGS [extra cmake options]
  dir=$1 flags=$2
  shift 2
  # shellcheck disable=SC2086
  CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo $launcher \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_FLAGS="$flags -fno-omit-frame-pointer" \
    -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" \
    -DQTSC_BUILD_TESTS=ON -DQTSC_BUILD_BENCH=OFF "$@"
}

for step in $steps; do
  case $step in
    asan)
      configure build-asan "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link" \
        -DQTSC_BUILD_FUZZERS=ON
      cmake --build build-asan -j"$jobs"
      (cd build-asan && ctest --output-on-failure --no-tests=error -j2)
      ;;
    tsan)
      configure build-tsan "-fsanitize=thread"
      tsan_tests="test_sync_client test_sync_faults test_sync_hostile test_hub_api test_kiosk_screens test_kiosk_shutdown test_kiosk_sync"
      # shellcheck disable=SC2086
      cmake --build build-tsan -j"$jobs" --target $tsan_tests
      (cd build-tsan && ctest --output-on-failure --no-tests=error -j2 -L "^($(echo "$tsan_tests" | sed 's/ /|/g'))\$")
      ;;
    fuzz)
      [ -d build-asan/bin ] || { echo "sanitize: build the asan step first" >&2; exit 1; }
      scripts/fuzz.sh build-asan/bin
      ;;
    *) echo "sanitize: unknown step '$step' (asan, tsan, fuzz)" >&2; exit 2 ;;
  esac
done
echo "sanitizers: no reports"

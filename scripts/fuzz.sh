#!/bin/sh
# Runs every fuzzer in BIN_DIR for a bounded time over its corpus in fuzz/corpus/<name>/.
# New inputs go to a scratch folder, not the repository; a crash leaves its input in
# build-fuzz-findings/ and fails the run. Usage: scripts/fuzz.sh BIN_DIR [SECONDS_EACH]
set -eu
cd "$(dirname "$0")/.."
bin=$1
seconds=${2:-${QTSC_FUZZ_SECONDS:-30}}
findings=$(pwd)/build-fuzz-findings
mkdir -p "$findings"
status=0
for corpus in fuzz/corpus/*/; do
  name=$(basename "$corpus")
  fuzzer="$bin/fuzz_$name"
  if [ ! -x "$fuzzer" ]; then
    echo "fuzz: $fuzzer was not built" >&2
    status=1
    continue
  fi
  scratch=$(mktemp -d)
  echo "fuzz: $name for ${seconds}s ($(ls "$corpus" | wc -l) inputs in its corpus)"
  if ! "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$findings/$name-" -print_final_stats=1 "$scratch" "$corpus" \
       >"$findings/$name.log" 2>&1; then
    echo "fuzz: $name FAILED; its log: $findings/$name.log" >&2
    tail -40 "$findings/$name.log" >&2
    status=1
  fi
  rm -rf "$scratch"
done
exit $status

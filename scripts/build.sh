#!/bin/sh
# Configures and builds everything into build/ (programs in build/bin/).
# Usage: scripts/build.sh [extra cmake -D options]
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build build -j"$jobs"

#!/bin/sh
# Configures and builds everything into build/ (programs in build/bin/).
# Usage: scripts/build.sh [extra cmake -D options]
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# ccache, where a developer has installed it, makes rebuilds quick; the build does not need it.
launcher=""
command -v ccache >/dev/null 2>&1 && launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
# shellcheck disable=SC2086
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo $launcher "$@"
cmake --build build -j"$jobs"

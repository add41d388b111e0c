#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The proxy's benchmark in one command (docs/performance.md):
#   tools/bench/run.sh [lip-bench options]      e.g. --quick, --out report.md, --seconds 5
# Builds llm-interactive-proxy and lip-bench with release flags in build-bench/ (override with
# LIP_BENCH_BUILD_DIR), then runs lip-bench, which starts the proxy pinned to CPU 0 against its
# own fake upstream and load generator pinned to CPU 1, and prints the table. Loopback only.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${LIP_BENCH_BUILD_DIR:-$root/build-bench}
jobs=${LIP_BENCH_JOBS:-2}

launcher=()
if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# Release flags always: a benchmark of a debug build measures the wrong thing.
if [[ ! -f $build/build.ninja ]] || ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt"; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLIP_BUILD_TESTS=OFF \
          -DLIP_BUILD_UI=OFF "${launcher[@]}" >/dev/null
fi
ninja -C "$build" -j"$jobs" llm-interactive-proxy

# lip-bench comes from the same tree when the top-level CMakeLists has add_subdirectory(tools/bench),
# else from a small build of tools/bench on its own.
if ninja -C "$build" -t targets all 2>/dev/null | grep -q '^lip-bench:'; then
    ninja -C "$build" -j"$jobs" lip-bench
    bench=$build/bin/lip-bench
else
    if [[ ! -f $build/bench-standalone/build.ninja ]]; then
        cmake -S "$root/tools/bench" -B "$build/bench-standalone" -G Ninja -DCMAKE_BUILD_TYPE=Release \
              "${launcher[@]}" >/dev/null
    fi
    ninja -C "$build/bench-standalone" -j"$jobs" lip-bench
    bench=$build/bench-standalone/lip-bench
fi

exec "$bench" --proxy "$build/bin/llm-interactive-proxy" "$@"

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds lip-screenshots and renders docs/images/<page>.png from the real main window, offscreen.
# Usage: tools/screenshots.sh [build dir (default: build)] [lip-screenshots options, e.g. --page clients]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
[ $# -gt 0 ] && shift
if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug
fi
cmake --build "$build" --target lip-screenshots
QT_QPA_PLATFORM=offscreen "$build/bin/lip-screenshots" --out "$root/docs/images" "$@"

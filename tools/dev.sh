#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's two commands.
#
#   tools/dev.sh run [APP ARGS...]          install what is missing, build (preset dev, build/),
#                                           then run build/bin/llm-interactive-proxy APP ARGS
#   tools/dev.sh test [--lane native|trixie] build with warnings as errors and run every test:
#                                           native = this machine's Qt (6.4 on Debian 12), in build-ci/
#                                           trixie = Qt 6.8 + KF6 in a Debian 13 root, in build-trixie/
#                                           (default: both lanes, one after the other)
#
# Debian packages come from tools/deps/debian12.txt (debian13.txt on a Debian 13 host); apt runs
# only when something is missing. Node and npm (for the e2e tests) are installed from Debian only
# when `node`/`npm` are not on PATH, so a Node installed some other way is left alone.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JOBS=${LIP_JOBS:-2}
# ccache lives outside the clone so that a fresh clone (as CI makes) still hits the cache.
NATIVE_CCACHE_DIR=${LIP_CCACHE_DIR:-/var/cache/lip-ci/ccache-native}

log() { printf '[dev] %s\n' "$*" >&2; }
die() { printf '[dev] error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root for: $* (install sudo or run as root)"; fi
}

# The package list for this host: debian13.txt on trixie, debian12.txt otherwise.
deps_file() {
    local codename=""
    [ -r /etc/os-release ] && codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    case "$codename" in
        trixie) printf '%s/tools/deps/debian13.txt' "$SRC" ;;
        bookworm) printf '%s/tools/deps/debian12.txt' "$SRC" ;;
        *) log "unknown Debian release '${codename}'; using the Debian 12 package list"
           printf '%s/tools/deps/debian12.txt' "$SRC" ;;
    esac
}

# install_packages PKG... : apt-get only what dpkg does not already have.
install_packages() {
    local missing=() p
    for p in "$@"; do
        case "$p" in
            # Only when there is no node/npm at all: another Node (nodesource, nvm, the image's own)
            # must not be replaced by Debian's older one.
            nodejs) command -v node >/dev/null && continue ;;
            npm) command -v npm >/dev/null && continue ;;
        esac
        if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" != "ii " ]; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
    log "installing: ${missing[*]}"
    local aptlog
    aptlog=$(mktemp)
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$aptlog" 2>&1 ||
       ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >>"$aptlog" 2>&1; then
        tail -n 40 "$aptlog" >&2
        rm -f "$aptlog"
        log "apt-get failed"
        return 1
    fi
    log "installed $(grep -c '^Setting up ' "$aptlog" || true) packages"
    rm -f "$aptlog"
}

install_deps() {
    local list
    list=$(deps_file)
    # shellcheck disable=SC2046 # one package per line, no spaces
    install_packages $(grep -v '^\s*#' "$list" | grep -v '^\s*$') nodejs npm
}

use_ccache() { # use_ccache DIR [BASEDIR]
    export CCACHE_DIR=$1
    # Paths under the source tree are hashed relative to it and the build dir is not hashed, so
    # two clones in different folders share cache entries.
    export CCACHE_BASEDIR=${2:-$SRC}
    export CCACHE_NOHASHDIR=1
    export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-3G}
    if ! mkdir -p "$CCACHE_DIR" 2>/dev/null || [ ! -w "$CCACHE_DIR" ]; then
        log "$CCACHE_DIR is not writable; using ccache's default directory"
        unset CCACHE_DIR
    fi
    ccache -z >/dev/null 2>&1 || true
}

now() { date +%s; }

# Passes compiler messages through, and ninja's "[n/N] ..." lines only every 25 steps. (Not awk:
# mawk, Debian's default, holds its input back until the pipe closes.)
thin_progress() {
    local line n=0
    while IFS= read -r line; do
        if [[ $line =~ ^\[[0-9]+/[0-9]+\]\  ]]; then
            n=$((n + 1))
            ((n % 25 == 0)) || continue
        fi
        printf '%s\n' "$line"
    done
}

# Configure, build and test in BUILD_DIR with the ci preset; prints the CTest summary and one
# line "lane NAME: configure Xs, build Ys, test Zs" to stderr; exit status = the lane's verdict.
# Sets nothing global. Extra arguments go to the configure step.
build_and_test() {
    local lane=$1 build=$2; shift 2
    local t0 t1 t2 t3 rc=0
    local logdir="$build/lip-logs"
    mkdir -p "$logdir"

    t0=$(now)
    log "[$lane] configure ($build)"
    if ! cmake --preset ci -B "$build" "$@" 2>&1 | tee "$logdir/configure.log"; then
        log "[$lane] configure FAILED"
        printf 'lane %s: configure failed\n' "$lane" >"$logdir/summary"
        return 1
    fi
    # Said by the top-level CMakeLists.txt; the trixie lane checks it is really Qt 6.8+ with KF6.
    grep -o 'lip: Qt [0-9.]*.*' "$logdir/configure.log" | tail -n 1 >&2 || true

    t1=$(now)
    log "[$lane] build -j$JOBS"
    # Keep going past a broken file: every compile error shows in one run, and the tests that did
    # build still run (those that did not count as failed). Compiler messages in full, ninja's
    # progress only every 25 steps.
    local built=1
    if ! cmake --build "$build" -j "$JOBS" -- -k 0 2>&1 | tee "$logdir/build.log" | thin_progress; then
        built=0 rc=1
        log "[$lane] build FAILED (full log: $logdir/build.log); running the tests that built"
    fi
    t2=$(now)
    log "[$lane] ctest -j$JOBS"
    ctest --test-dir "$build" -j "$JOBS" --output-on-failure --no-tests=error 2>&1 | tee "$logdir/ctest.log" || rc=1
    t3=$(now)

    local line total failed note=''
    line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$logdir/ctest.log" | tail -n 1 || true)
    total=$(printf '%s' "$line" | sed -n 's/.* out of \([0-9]*\).*/\1/p')
    failed=$(printf '%s' "$line" | sed -n 's/.*passed, \([0-9]*\) tests\{0,1\} failed.*/\1/p')
    if [ -z "$total" ]; then total=0 failed=0 rc=1; fi
    [ "$built" = 1 ] || note=' [build failed]'
    printf 'lane %s: %s passed, %s failed (configure %ss, build %ss, test %ss)%s\n' \
        "$lane" $((total - failed)) "$failed" $((t1 - t0)) $((t2 - t1)) $((t3 - t2)) "$note" >"$logdir/summary"
    ccache -s 2>/dev/null | grep -iE '^\s*(hits|misses)|cacheable' | sed "s/^/[dev] [$lane] ccache: /" >&2 || true
    return $rc
}

lane_native() {
    if ! install_deps; then
        mkdir -p "$SRC/build-ci/lip-logs"
        echo "lane native: installing the Debian packages failed" >"$SRC/build-ci/lip-logs/summary"
        return 1
    fi
    use_ccache "$NATIVE_CCACHE_DIR"
    build_and_test native "$SRC/build-ci"
}

# Runs inside the Debian 13 root (see lane_trixie): packages are already there.
lane_trixie_inside() {
    [ "${LIP_IN_TRIXIE:-}" = 1 ] || die "internal: _trixie-inside runs only inside tools/trixie-root.sh"
    use_ccache "${CCACHE_DIR:-/var/cache/ccache}"
    local rc=0 why=''
    build_and_test trixie "$SRC/build-trixie" -DLIP_REQUIRE_KF6=ON || rc=$?
    # The point of this lane: it must really be Qt >= 6.8 with KF6 SyntaxHighlighting.
    local cfg="$SRC/build-trixie/lip-logs/configure.log" qt
    if grep -q 'lip: Qt' "$cfg" 2>/dev/null; then
        qt=$(sed -n 's/.*lip: Qt \([0-9][0-9.]*\).*/\1/p' "$cfg" | tail -n 1)
        printf '6.8\n%s\n' "$qt" | sort -V -C || why="expected Qt >= 6.8, found '$qt'"
        grep -q 'lip: Qt .*KF6SyntaxHighlighting [0-9]' "$cfg" || why="KF6SyntaxHighlighting was not found"
    else
        why="the configure step did not report the Qt version"
    fi
    if [ -n "$why" ]; then
        log "[trixie] $why"
        sed -i "s/\$/ [$why]/" "$SRC/build-trixie/lip-logs/summary" 2>/dev/null || true
        rc=1
    fi
    return $rc
}

lane_trixie() {
    install_packages debootstrap || return 1
    local cmd=("$SRC/tools/trixie-root.sh" run "$SRC" -- bash tools/dev.sh _trixie-inside)
    if [ "$(id -u)" -eq 0 ]; then "${cmd[@]}"; else as_root "${cmd[@]}"; fi
}

summary_of() { # summary_of BUILD_DIR LANE
    if [ -s "$1/lip-logs/summary" ]; then cat "$1/lip-logs/summary"
    else printf 'lane %s: no result\n' "$2"; fi
}

cmd_test() {
    local lanes=(native trixie)
    while [ $# -gt 0 ]; do
        case "$1" in
            --lane) [ $# -ge 2 ] || die "--lane needs native or trixie"; lanes=("$2"); shift 2 ;;
            --lane=*) lanes=("${1#--lane=}"); shift ;;
            *) die "unknown option for test: $1" ;;
        esac
    done
    local lane rc=0 dir started
    started=$(now)
    declare -A result
    for lane in "${lanes[@]}"; do
        case "$lane" in
            native) dir="$SRC/build-ci" ;;
            trixie) dir="$SRC/build-trixie" ;;
            *) die "unknown lane '$lane' (native or trixie)" ;;
        esac
        rm -f "$dir/lip-logs/summary"
        log "=== lane $lane ==="
        if "lane_$lane"; then result[$lane]=ok; else result[$lane]=FAILED; rc=1; fi
    done

    local passed=0 failed=0 line p f
    echo
    echo "=== summary ==="
    for lane in "${lanes[@]}"; do
        [ "$lane" = native ] && dir="$SRC/build-ci" || dir="$SRC/build-trixie"
        line=$(summary_of "$dir" "$lane")
        echo "$line -> ${result[$lane]}"
        p=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
        f=$(printf '%s' "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
        passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
        # A lane that failed without a failing test (configure, build, Qt/KF6 check) counts as one.
        if [ "${result[$lane]}" != ok ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
    done
    echo "elapsed: $(($(now) - started))s"
    echo "total: $passed passed, $failed failed"
    return $rc
}

cmd_run() {
    install_deps
    cd "$SRC"
    cmake --preset dev
    cmake --build --preset dev -j "$JOBS"
    exec "$SRC/build/bin/llm-interactive-proxy" "$@"
}

usage() { sed -n '3,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

cd "$SRC"
case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    _trixie-inside) shift; lane_trixie_inside ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
esac

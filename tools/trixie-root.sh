#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Qt 6.8 lane: a Debian 13 (trixie) root made with debootstrap, kept at a fixed path outside
# the clone and reused while its package list (tools/deps/debian13.txt) is unchanged.
#
#   tools/trixie-root.sh ensure              create or reuse the root
#   tools/trixie-root.sh run SRC -- CMD...   run CMD inside it with SRC bind-mounted at /src
#                                            (../shared beside SRC, if present, at /shared)
set -euo pipefail

ROOT=${LIP_TRIXIE_ROOT:-/var/cache/lip-ci/trixie-root}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PKGLIST="$HERE/deps/debian13.txt"

log() { printf '[trixie-root] %s\n' "$*" >&2; }

packages() { grep -v '^\s*#' "$PKGLIST" | grep -v '^\s*$' | tr '\n' ' '; }

# The mirror the host's apt already uses (so the root comes from the same place); debootstrap's
# own default otherwise.
host_mirror() {
    local uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1=="deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
    fi
    printf '%s' "$uri"
}

mounts=()
unmount_all() {
    local i
    for ((i=${#mounts[@]}-1; i>=0; i--)); do
        umount -l "${mounts[$i]}" 2>/dev/null || true
    done
    mounts=()
}

bind() { # bind SRC DEST [ro]
    mkdir -p "$2"
    mount --bind "$1" "$2"
    mounts+=("$2")
    if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$2"; fi
}

mount_system() {
    mkdir -p "$ROOT/proc" "$ROOT/dev"
    mount -t proc proc "$ROOT/proc"; mounts+=("$ROOT/proc")
    bind /dev "$ROOT/dev"
    # Where / is a shared mount (systemd hosts), the devpts and tmpfs below would otherwise
    # propagate onto the host's own /dev/pts and /dev/shm.
    mount --make-private "$ROOT/dev"
    if [ -d /dev/pts ]; then mount -t devpts -o newinstance,ptmxmode=0666 devpts "$ROOT/dev/pts" 2>/dev/null && mounts+=("$ROOT/dev/pts") || true; fi
    mkdir -p "$ROOT/dev/shm"
    mount -t tmpfs tmpfs "$ROOT/dev/shm" && mounts+=("$ROOT/dev/shm")
    cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
}

ensure() {
    local want have
    want=$(sha256sum "$PKGLIST" | cut -d' ' -f1)
    have=$(cat "$ROOT/.lip-packages.sha256" 2>/dev/null || true)
    if [ "$want" = "$have" ] && [ -x "$ROOT/usr/bin/cmake" ]; then
        log "reusing $ROOT"
        return 0
    fi
    command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
    log "building $ROOT (package list changed or root missing); this takes a few minutes"
    if [ -d "$ROOT" ]; then
        # Never delete through a live bind mount.
        if grep -q " $ROOT/" /proc/mounts; then log "$ROOT has mounts under it; unmount them first"; exit 1; fi
        # The compiler cache survives a new package list (a cold build of both lanes is slow).
        if [ -d "$ROOT/var/cache/ccache" ]; then
            rm -rf "$ROOT.ccache"
            mv "$ROOT/var/cache/ccache" "$ROOT.ccache"
        fi
        rm -rf "$ROOT"
    fi
    mkdir -p "$(dirname "$ROOT")"
    local tmp="$ROOT.new"
    rm -rf "$tmp"
    local keyring=()
    [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] && keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
    debootstrap --variant=minbase "${keyring[@]}" trixie "$tmp" $(host_mirror) >&2
    mv "$tmp" "$ROOT"
    trap unmount_all EXIT
    mount_system
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $(packages)" >&2
    chroot "$ROOT" apt-get clean
    if [ -d "$ROOT.ccache" ]; then
        mkdir -p "$ROOT/var/cache"
        mv "$ROOT.ccache" "$ROOT/var/cache/ccache"
    fi
    unmount_all
    trap - EXIT
    printf '%s\n' "$want" > "$ROOT/.lip-packages.sha256"
    log "ready"
}

run() {
    local src=$1; shift
    [ "${1:-}" = "--" ] && shift
    src=$(cd "$src" && pwd)
    trap unmount_all EXIT
    mount_system
    bind "$src" "$ROOT/src"
    local shared
    shared=$(cd "$src/.." && pwd)/shared
    if [ -d "$shared" ]; then bind "$shared" "$ROOT/shared" ro; fi
    mkdir -p "$ROOT/var/cache/ccache" "$ROOT/tmp"
    chmod 1777 "$ROOT/tmp"
    # Trust inside the root what the host trusts (a site CA in front of the npm registry, say):
    # Debian's ca-certificates in the root knows only the public CAs.
    local extra=()
    local hostca="$ROOT/etc/ssl/certs/lip-host-ca.crt" f
    mkdir -p "$ROOT/etc/ssl/certs"
    : >"$hostca"
    for f in /etc/ssl/certs/ca-certificates.crt "${NODE_EXTRA_CA_CERTS:-}"; do
        if [ -n "$f" ] && [ -f "$f" ]; then cat "$f" >>"$hostca"; fi
    done
    [ -s "$hostca" ] && extra+=(NODE_EXTRA_CA_CERTS=/etc/ssl/certs/lip-host-ca.crt)
    for f in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
        if [ -n "${!f:-}" ]; then extra+=("$f=${!f}"); fi
    done
    local rc=0
    chroot "$ROOT" /usr/bin/env -i \
        PATH=/usr/lib/ccache:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        CCACHE_DIR=/var/cache/ccache CI="${CI:-}" LIP_IN_TRIXIE=1 "${extra[@]}" \
        bash -c 'cd /src && "$@"' bash "$@" || rc=$?
    unmount_all
    trap - EXIT
    return $rc
}

# One user of the root at a time: a second run's mounts would be torn down by the first's exit.
lock() {
    mkdir -p "$(dirname "$ROOT")"
    exec 9>"$ROOT.lock"
    if ! flock -n 9; then
        log "waiting for another user of $ROOT to finish"
        flock 9
    fi
}

case "${1:-}" in
    ensure) lock; ensure ;;
    run) shift; lock; ensure; run "$@" ;;
    *) echo "usage: $0 ensure | run SRC -- CMD..." >&2; exit 2 ;;
esac

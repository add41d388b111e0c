#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command against a real, private, unlocked GNOME Keyring (Secret Service) on a private
# D-Bus session bus, so keychain tests never touch the developer's own keyring and can run in
# parallel with each other:  with_keyring.sh COMMAND [ARGS...]
#
# HOME and the XDG dirs point into a temporary directory (the keyring file lives there); the bus
# and the keyring daemon end with dbus-run-session. Exit status 77 (skip) when the tools are
# missing.
set -eu

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with_keyring.sh: $tool not found; install dbus and gnome-keyring" >&2
        exit 77
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/lip-keyring.XXXXXX")
cleanup() { rm -rf "$scratch"; }
trap cleanup EXIT INT TERM

export HOME="$scratch/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Desktop hints would make QtKeychain pick KWallet; the test wants the Secret Service.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_KEYRING_CONTROL || true

status=0
dbus-run-session -- sh -c '
    # --unlock reads the password on stdin and creates the "login" keyring if there is none.
    printf "%s" "lip-test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"
' with_keyring "$@" || status=$?
exit "$status"

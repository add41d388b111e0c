#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# In-chat commands end to end: the built proxy between the real client SDKs and the shared fake
# provider (echo scenario), driven by commands_e2e.mjs.
#
#   run_commands_e2e.sh --proxy BIN --clients DIR --work DIR [--filter REGEX]
#
# The SDKs come from the client harness copy that tests/e2e/clients/run_e2e.sh prepares in
# WORK/clients (npm ci there, once); the driver is copied next to it so that its imports resolve
# to that node_modules. Starts fake-upstream.mjs and `BIN --headless` on free ports, stops both on
# exit. Exit status 0 when every check passed.
set -euo pipefail

proxy='' clients='' work='' filter='.'
while [ $# -gt 0 ]; do
    case "$1" in
        --proxy) proxy=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --filter) filter=$2; shift 2 ;;
        -h|--help) sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run_commands_e2e.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
here=$(cd "$(dirname "$0")" && pwd)
[ -n "$clients" ] && [ -n "$work" ] && [ -x "$proxy" ] || { echo "FAIL: --proxy BIN, --clients DIR and --work DIR are required"; exit 1; }
command -v node >/dev/null || { echo "FAIL: node is needed"; exit 1; }

mkdir -p "$work"
bash "$here/../clients/run_e2e.sh" --setup-only --clients "$clients" --work "$work"
dest="$work/clients"
mkdir -p "$dest/lip-commands"
cp --no-preserve=mode "$here/commands_e2e.mjs" "$dest/lip-commands/"

run=$(mktemp -d "$work/commands.XXXXXX")
fake_pid='' proxy_pid=''
cleanup() {
    local pid
    for pid in "$proxy_pid" "$fake_pid"; do
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
health_ok() (
    port=$1 status=''
    exec 2>/dev/null
    exec 7<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&7
    IFS= read -r -t 5 status <&7 || true
    case "$status" in "HTTP/1."?" 200"*) exit 0 ;; *) exit 1 ;; esac
)

(cd "$dest" && exec node fake-upstream.mjs --port 0 --key test-key --quiet) >"$run/fake.log" 2>&1 &
fake_pid=$!
fake_port=''
for _ in $(seq 100); do
    fake_port=$(sed -n 's|^fake-upstream listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$run/fake.log")
    [ -n "$fake_port" ] && break
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$fake_port" ] || { echo "FAIL: fake-upstream did not start:"; cat "$run/fake.log"; exit 1; }
fake="http://127.0.0.1:$fake_port"

port='' up=0
for attempt in 1 2 3; do
    port=$(free_port)
    mkdir -p "$run/data" "$run/home"
    env -u LLM_BACKEND -u LLM_PROXY_CONFIG -u OPENAI_API_KEY_1 -u ANTHROPIC_API_KEY_1 -u GEMINI_API_KEY_1 \
        -u COMMAND_PREFIX -u DISABLE_INTERACTIVE_COMMANDS \
        HOME="$run/home" XDG_CONFIG_HOME="$run/home/.config" XDG_DATA_HOME="$run/home/.local/share" \
        OPENAI_API_BASE_URL="$fake/v1" OPENAI_API_KEY=test-key \
        OPENAI_RESPONSES_API_BASE_URL="$fake/v1" OPENAI_RESPONSES_API_KEY=test-key \
        ANTHROPIC_API_BASE_URL="$fake" ANTHROPIC_API_KEY=test-key \
        GEMINI_API_BASE_URL="$fake" GEMINI_API_KEY=test-key \
        LLM_INTERACTIVE_PROXY_API_KEY=test-key \
        "$proxy" --headless --host 127.0.0.1 --port "$port" --data-dir "$run/data" >"$run/proxy.log" 2>&1 &
    proxy_pid=$!
    for _ in $(seq 150); do
        if health_ok "$port"; then up=1; break; fi
        kill -0 "$proxy_pid" 2>/dev/null || break
        sleep 0.2
    done
    [ "$up" = 1 ] && break
    kill -0 "$proxy_pid" 2>/dev/null && { echo "FAIL: the proxy never answered GET /health"; tail -n 40 "$run/proxy.log"; exit 1; }
    proxy_pid=''
done
[ "$up" = 1 ] || { echo "FAIL: the proxy did not start"; tail -n 40 "$run/proxy.log"; exit 1; }

echo "proxy on 127.0.0.1:$port, fake upstream on $fake"
rc=0
(
    cd "$dest/lip-commands"
    export OPENAI_BASE="http://127.0.0.1:$port/v1" ANTHROPIC_BASE="http://127.0.0.1:$port"
    export GEMINI_BASE="http://127.0.0.1:$port" PROXY_KEY=test-key
    exec node commands_e2e.mjs "$filter"
) || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "--- proxy log (last 40 lines) ---"; tail -n 40 "$run/proxy.log"
fi
exit "$rc"

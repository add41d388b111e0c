#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End to end: the built proxy between the real client SDKs (shared/clients) and the fake provider.
#
#   run_e2e.sh --proxy BIN --clients DIR --work DIR [--filter REGEX] [--prefix PREFIX]
#              [--expect DIALECT] [--broken-first] [--setup-only]
#
# Copies DIR (read-only in CI) to WORK/clients, runs `npm ci` there unless node_modules matches
# package-lock.json already, starts fake-upstream.mjs and `BIN --headless` on free ports, waits for
# the proxy's GET /health, then runs run_all.sh with FILTER (a regex on case names) and
# MODEL_PREFIX=PREFIX. Both processes are stopped on exit. --setup-only stops after npm ci.
# --broken-first also starts a server that answers every request with HTTP 500 and configures it
# as backend instance "broken" (type openai), for prefixes such as "broken:x|openai:" (failover).
# Exit status: 0 when every selected case passed, 1 otherwise (also when npm cannot install).
set -euo pipefail

proxy='' clients='' work='' filter='' prefix='' expect='' setup_only=0 broken_first=0
while [ $# -gt 0 ]; do
    case "$1" in
        --proxy) proxy=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --filter) filter=$2; shift 2 ;;
        --prefix) prefix=$2; shift 2 ;;
        --expect) expect=$2; shift 2 ;;
        --setup-only) setup_only=1; shift ;;
        --broken-first) broken_first=1; shift ;;
        -h|--help) sed -n '3,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run_e2e.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$clients" ] && [ -n "$work" ] || { echo "run_e2e.sh: --clients and --work are required" >&2; exit 2; }
[ -f "$clients/run_all.sh" ] || { echo "FAIL: no client harness at $clients (expected shared/clients beside the source tree)"; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "FAIL: node and npm are needed (tools/dev.sh installs them)"; exit 1; }

dest="$work/clients"
mkdir -p "$dest"

# Copy the harness (never node_modules), writable: CI's shared/ has no write bits. Only when it
# changed: other runs may be executing cases from the copy right now (ctest -j), and replacing
# their files under them makes node fail with ERR_MODULE_NOT_FOUND.
harness_stamp() {
    (cd "$clients" && find . -path ./node_modules -prune -o -type f -print0 | LC_ALL=C sort -z \
        | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}
setup() {
    local f src_stamp
    src_stamp=$(harness_stamp)
    if [ -f "$dest/.lip-src-stamp" ] && [ "$(cat "$dest/.lip-src-stamp")" = "$src_stamp" ]; then
        copy_done=1
    else
        copy_done=0
        rm -f "$dest/.lip-src-stamp"
    fi
    [ "$copy_done" = 1 ] || for f in "$clients"/* "$clients"/.[!.]*; do
        [ -e "$f" ] || continue
        [ "$(basename "$f")" = node_modules ] && continue
        rm -rf "${dest:?}/$(basename "$f")"
        cp -R --no-preserve=mode "$f" "$dest/"
    done
    chmod +x "$dest/run_all.sh"
    printf '%s\n' "$src_stamp" >"$dest/.lip-src-stamp"

    local want have=''
    want=$(sha256sum "$dest/package-lock.json" | cut -d' ' -f1)
    [ -f "$dest/.lip-npm-stamp" ] && have=$(cat "$dest/.lip-npm-stamp")
    if [ -d "$dest/node_modules" ] && [ "$want" = "$have" ]; then
        return 0
    fi
    echo "npm ci in $dest (node $(node --version), npm $(npm --version))"
    rm -f "$dest/.lip-npm-stamp"
    # A registry that cannot be reached is a failure, not a skip: bounded retries, then exit 1.
    if ! (cd "$dest" && npm ci --no-audit --no-fund --fetch-retries=2 --fetch-timeout=60000 >"$work/npm.log" 2>&1); then
        tail -n 40 "$work/npm.log"
        echo "FAIL: npm ci failed (is the npm registry reachable?)"
        return 1
    fi
    printf '%s\n' "$want" >"$dest/.lip-npm-stamp"
}

# One setup at a time: ctest -j may start several of these tests together.
exec 8>"$work/.setup.lock"
flock 8
setup
flock -u 8
if [ "$setup_only" = 1 ]; then echo "client SDKs ready in $dest"; exit 0; fi

[ -x "$proxy" ] || { echo "FAIL: proxy binary '$proxy' is missing"; exit 1; }

run=$(mktemp -d "$work/run.XXXXXX")
fake_pid='' proxy_pid='' broken_pid=''
cleanup() {
    local pid
    for pid in "$proxy_pid" "$fake_pid" "$broken_pid"; do
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null || true
        # A proxy stuck in shutdown must not keep the test alive.
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

# GET /health over bash's /dev/tcp (no curl on a minimal Debian): true on a 200.
health_ok() (
    port=$1 status=''
    exec 2>/dev/null
    exec 7<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n' "$port" >&7
    IFS= read -r -t 5 status <&7 || true
    case "$status" in "HTTP/1."?" 200"*) exit 0 ;; *) exit 1 ;; esac
)

(cd "$dest" && exec node fake-upstream.mjs --port 0 --key test-key) >"$run/fake.log" 2>&1 &
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

config_args=()
if [ "$broken_first" = 1 ]; then
    # Every request gets a 500 in OpenAI's envelope; the proxy must fail over past it unseen.
    node -e '
        const http = require("http");
        const s = http.createServer((req, res) => {
            req.resume();
            req.on("end", () => {
                res.writeHead(500, {"content-type": "application/json"});
                res.end(JSON.stringify({error: {message: "broken on purpose", type: "server_error", code: null}}));
            });
        });
        s.listen(0, "127.0.0.1", () => console.log("broken listening on " + s.address().port));
    ' >"$run/broken.log" 2>&1 &
    broken_pid=$!
    broken_port=''
    for _ in $(seq 100); do
        broken_port=$(sed -n 's|^broken listening on \([0-9]*\)$|\1|p' "$run/broken.log")
        [ -n "$broken_port" ] && break
        sleep 0.1
    done
    [ -n "$broken_port" ] || { echo "FAIL: the always-500 server did not start:"; cat "$run/broken.log"; exit 1; }
    # Circuits off: the fake's error scenarios (err500, err529, ...) would otherwise open the
    # healthy backend's circuit and change which error a later case sees (circuits have their
    # own integration tests).
    cat >"$run/config.yaml" <<YAML
routing:
  health:
    failure_threshold: 0
backends:
  default_backend: openai
  broken:
    type: openai
    api_url: http://127.0.0.1:$broken_port/v1
    api_key: broken-key
YAML
    config_args=(--config "$run/config.yaml")
fi

# The port is free when asked for, but another process may take it before the proxy binds:
# try a few ports before giving up.
port='' up=0
for attempt in 1 2 3; do
    port=$(free_port)
    mkdir -p "$run/data" "$run/home"
    env -u LLM_BACKEND -u LLM_PROXY_CONFIG -u OPENAI_API_KEY_1 -u ANTHROPIC_API_KEY_1 -u GEMINI_API_KEY_1 \
        HOME="$run/home" XDG_CONFIG_HOME="$run/home/.config" XDG_DATA_HOME="$run/home/.local/share" \
        OPENAI_API_BASE_URL="$fake/v1" OPENAI_API_KEY=test-key \
        OPENAI_RESPONSES_API_BASE_URL="$fake/v1" OPENAI_RESPONSES_API_KEY=test-key \
        ANTHROPIC_API_BASE_URL="$fake" ANTHROPIC_API_KEY=test-key \
        GEMINI_API_BASE_URL="$fake" GEMINI_API_KEY=test-key \
        LLM_INTERACTIVE_PROXY_API_KEY=test-key \
        "$proxy" --headless --host 127.0.0.1 --port "$port" --data-dir "$run/data" "${config_args[@]}" \
        >"$run/proxy.log" 2>&1 &
    proxy_pid=$!
    for _ in $(seq 150); do
        if health_ok "$port"; then up=1; break; fi
        kill -0 "$proxy_pid" 2>/dev/null || break
        sleep 0.2
    done
    [ "$up" = 1 ] && break
    if kill -0 "$proxy_pid" 2>/dev/null; then
        echo "FAIL: the proxy runs but GET /health on port $port never answered 200 within 30 s"
        tail -n 40 "$run/proxy.log"
        exit 1
    fi
    wait "$proxy_pid" 2>/dev/null && rc=0 || rc=$?
    proxy_pid=''
    echo "the proxy exited ($rc) before answering on port $port (attempt $attempt):"
    tail -n 20 "$run/proxy.log"
done
[ "$up" = 1 ] || { echo "FAIL: the proxy did not start"; exit 1; }

echo "proxy on 127.0.0.1:$port, fake upstream on $fake; filter '${filter}', MODEL_PREFIX '${prefix}'"
rc=0
(
    cd "$dest"
    export OPENAI_BASE="http://127.0.0.1:$port/v1" ANTHROPIC_BASE="http://127.0.0.1:$port"
    export GEMINI_BASE="http://127.0.0.1:$port" FAKE_UPSTREAM="$fake" PROXY_KEY=test-key
    export MODEL_PREFIX="$prefix"
    if [ -n "$expect" ]; then export EXPECT_UPSTREAM="$expect"; else unset EXPECT_UPSTREAM; fi
    if [ -n "$filter" ]; then exec bash ./run_all.sh "$filter"; else exec bash ./run_all.sh; fi
) || rc=$?

if [ "$rc" -eq 0 ] && [ "$broken_first" = 1 ] && ! grep -q "broken" "$run/proxy.log"; then
    echo "FAIL: no failover past the broken backend was logged"
    rc=1
fi
if [ "$rc" -ne 0 ]; then
    echo "--- proxy log (last 40 lines) ---"; tail -n 40 "$run/proxy.log"
    echo "--- fake-upstream log (last 20 lines) ---"; tail -n 20 "$run/fake.log"
fi
exit "$rc"

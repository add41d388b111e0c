#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End to end: the real Gemini CLI (npm @google/gemini-cli) through the built proxy to a scripted
# fake provider, one tool round trip.
#
#   run_gemini_cli.sh --proxy BIN --work DIR --version VER --backend gemini|openai [--setup-only]
#
# Installs @google/gemini-cli@VER with npm into WORK/npm-VER (once per version; a failed install
# fails the test), starts scripted-upstream.mjs and `BIN --headless` on free ports, then runs
# `gemini -p ... --yolo -m BACKEND:<model>` with GOOGLE_GEMINI_BASE_URL at the proxy, in a clean
# environment and a temporary HOME whose settings.json selects API-key auth and turns telemetry
# and update checks off. The fake answers the first turn with a run_shell_command call
# `echo hello-from-tool` and the turn carrying its result with "LIP-AGENT-DONE tool-result=seen".
# Passes when Gemini CLI prints that line and the fake's request log shows the tool result arrived
# in BACKEND's dialect (Gemini functionResponse / Chat role "tool"); on the gemini backend the
# functionCall's thoughtSignature must also have come back ("signature=kept").
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
proxy='' work='' version='' backend='' setup_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --proxy) proxy=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --backend) backend=$2; shift 2 ;;
        --setup-only) setup_only=1; shift ;;
        -h|--help) sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run_gemini_cli.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$work" ] && [ -n "$version" ] || { echo "run_gemini_cli.sh: --work and --version are required" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "FAIL: node and npm are needed (tools/dev.sh installs them)"; exit 1; }
# Gemini CLI itself needs Node >= 20 (on Node 18, Debian 12's own, it dies at start-up with
# "Invalid regular expression flags"): there the check cannot run, and says so (CTest: skipped).
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "SKIP: Gemini CLI needs Node >= 20; this machine has Node $(node --version)"
    exit 77
fi

case "$backend" in
    gemini) model=gemini:gemini-2.5-flash dialect=gemini ;;
    openai) model=openai:gpt-4o dialect=openai-chat ;;
    '') [ "$setup_only" = 1 ] || { echo "run_gemini_cli.sh: --backend is required" >&2; exit 2; } ;;
    *) echo "run_gemini_cli.sh: unknown backend '$backend'" >&2; exit 2 ;;
esac

mkdir -p "$work"
install_dir="$work/npm-$version"
gemini_bin="$install_dir/node_modules/.bin/gemini"

setup() {
    if [ -f "$install_dir/.lip-installed" ] && [ -x "$gemini_bin" ]; then return 0; fi
    echo "npm install @google/gemini-cli@$version in $install_dir (node $(node --version), npm $(npm --version))"
    rm -rf "$install_dir"
    mkdir -p "$install_dir"
    # No install scripts: node-pty would want a compiler, and Gemini CLI runs shell commands
    # through child_process without it. A registry that cannot be reached is a failure, not a skip.
    if ! npm install --prefix "$install_dir" --no-audit --no-fund --ignore-scripts --no-save \
            --fetch-retries=2 --fetch-timeout=60000 "@google/gemini-cli@$version" >"$work/npm-$version.log" 2>&1; then
        tail -n 40 "$work/npm-$version.log"
        echo "FAIL: npm install @google/gemini-cli@$version failed (is the npm registry reachable?)"
        return 1
    fi
    [ -x "$gemini_bin" ] || { echo "FAIL: npm installed no gemini binary at $gemini_bin"; return 1; }
    touch "$install_dir/.lip-installed"
}

# One install at a time: ctest -j may start several of these tests together.
exec 8>"$work/.setup.lock"
flock 8
setup
flock -u 8
if [ "$setup_only" = 1 ]; then echo "Gemini CLI $version ready in $install_dir"; exit 0; fi

[ -x "$proxy" ] || { echo "FAIL: proxy binary '$proxy' is missing"; exit 1; }

run=$(mktemp -d "$work/run.XXXXXX")
fake_pid='' proxy_pid=''
cleanup() {
    local pid
    for pid in "$proxy_pid" "$fake_pid"; do
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

dump_logs() {
    echo "--- gemini stdout ---"; cat "$run/out.txt" 2>/dev/null || true
    echo "--- gemini stderr (last 30 lines) ---"; tail -n 30 "$run/err.txt" 2>/dev/null || true
    echo "--- proxy log (last 40 lines) ---"; tail -n 40 "$run/proxy.log" 2>/dev/null || true
    echo "--- fake upstream log ---"; tail -n 20 "$run/fake.log" 2>/dev/null || true
}

node "$here/scripted-upstream.mjs" --port 0 --key test-key >"$run/fake.log" 2>&1 &
fake_pid=$!
fake_port=''
for _ in $(seq 100); do
    fake_port=$(sed -n 's|^scripted-upstream listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$run/fake.log")
    [ -n "$fake_port" ] && break
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$fake_port" ] || { echo "FAIL: scripted-upstream did not start:"; cat "$run/fake.log"; exit 1; }
fake="http://127.0.0.1:$fake_port"

# The port is free when asked for, but another process may take it before the proxy binds:
# try a few ports before giving up.
port='' up=0
for attempt in 1 2 3; do
    port=$(free_port)
    mkdir -p "$run/data" "$run/proxy-home"
    env -u LLM_BACKEND -u LLM_PROXY_CONFIG -u OPENAI_API_KEY_1 -u ANTHROPIC_API_KEY_1 -u GEMINI_API_KEY_1 \
        HOME="$run/proxy-home" XDG_CONFIG_HOME="$run/proxy-home/.config" XDG_DATA_HOME="$run/proxy-home/.local/share" \
        OPENAI_API_BASE_URL="$fake/v1" OPENAI_API_KEY=test-key \
        GEMINI_API_BASE_URL="$fake" GEMINI_API_KEY=test-key \
        LLM_INTERACTIVE_PROXY_API_KEY=test-key QT_LOGGING_RULES="lip.*.debug=true" \
        "$proxy" --headless --host 127.0.0.1 --port "$port" --data-dir "$run/data" \
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

# Gemini CLI's own home: API-key auth (the proxy's key), no telemetry, no update checks.
ghome="$run/gemini-home"
mkdir -p "$ghome/.gemini" "$run/workspace"
cat >"$ghome/.gemini/settings.json" <<'EOF'
{
  "security": { "auth": { "selectedType": "gemini-api-key" } },
  "general": { "enableAutoUpdate": false, "enableAutoUpdateNotification": false },
  "privacy": { "usageStatisticsEnabled": false },
  "telemetry": { "enabled": false }
}
EOF

echo "proxy on 127.0.0.1:$port, scripted upstream on $fake; Gemini CLI $version, model $model"
prompt='Run the shell command `echo hello-from-tool` and tell me what it printed.'
started=$(date +%s)
rc=0
# A clean environment: nothing from the caller (GOOGLE_API_KEY, Vertex or Cloud settings, a real
# HOME) may reach the agent. GEMINI_CLI_TRUST_WORKSPACE lets headless mode run in a fresh folder.
(cd "$run/workspace" && exec env -i PATH="$PATH" HOME="$ghome" LANG=C.UTF-8 TERM=dumb \
    GOOGLE_GEMINI_BASE_URL="http://127.0.0.1:$port" GEMINI_API_KEY=test-key \
    GEMINI_CLI_TRUST_WORKSPACE=true GEMINI_TELEMETRY_ENABLED=false NO_BROWSER=true \
    timeout 240 "$gemini_bin" -m "$model" --yolo -p "$prompt") \
    >"$run/out.txt" 2>"$run/err.txt" </dev/null || rc=$?
echo "gemini exited $rc after $(( $(date +%s) - started )) s"

fail() { echo "FAIL: $*"; dump_logs; exit 1; }
[ "$rc" = 0 ] || fail "gemini exited with status $rc"
grep -q 'LIP-AGENT-DONE tool-result=seen' "$run/out.txt" ||
    fail "Gemini CLI did not print 'LIP-AGENT-DONE tool-result=seen' (the final answer after the tool result)"
if [ "$backend" = gemini ]; then
    grep -q 'signature=kept' "$run/out.txt" ||
        fail "the functionCall's thoughtSignature did not come back to the Gemini backend"
fi

# What the proxy sent upstream: the tool call's result must have come back in BACKEND's dialect.
node "$here/scripted-upstream.mjs" --check-log "$fake/__requests" --dialect "$dialect" ||
    fail "the scripted upstream's request log does not show the tool result in the $dialect dialect"
echo "PASS e2e_agent_gemini_cli_$backend: $(grep -o 'LIP-AGENT-DONE[^.]*' "$run/out.txt" | head -n 1)"

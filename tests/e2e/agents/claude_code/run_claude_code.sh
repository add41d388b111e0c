#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End to end: the real Claude Code CLI (npm @anthropic-ai/claude-code) through the built proxy to
# a scripted fake provider, one tool round trip.
#
#   run_claude_code.sh --proxy BIN --work DIR --version VER --backend anthropic|openai
#                      [--setup-only]
#
# Installs @anthropic-ai/claude-code@VER with npm into WORK/npm-VER (once per version; a failed
# install fails the test), starts fake-agent-upstream.mjs and `BIN --headless` on free ports, then
# runs `claude -p` with the model BACKEND:<model>. The fake answers the first turn with a Bash call
# `echo hello-from-tool-$((6*7))` and the turn carrying its result with "CLAUDE-E2E-DONE tool
# said: <output>". Passes when Claude Code prints "CLAUDE-E2E-DONE tool said: hello-from-tool-42"
# and the fake's request log shows the tool result arrived in BACKEND's dialect with the call id
# the fake issued. As root, Claude Code runs as the user lipagent when that user exists.
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
        -h|--help) sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run_claude_code.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$work" ] && [ -n "$version" ] || { echo "run_claude_code.sh: --work and --version are required" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "FAIL: node and npm are needed (tools/dev.sh installs them)"; exit 1; }

case "$backend" in
    anthropic) model=anthropic:claude-sonnet-4-5 small=anthropic:claude-haiku-4-5 dialect=anthropic ;;
    openai) model=openai:gpt-4o small=openai:gpt-4o-mini dialect=openai ;;
    '') [ "$setup_only" = 1 ] || { echo "run_claude_code.sh: --backend is required" >&2; exit 2; } ;;
    *) echo "run_claude_code.sh: unknown backend '$backend'" >&2; exit 2 ;;
esac

mkdir -p "$work"
install_dir="$work/npm-$version"

# The native binary: npm's postinstall links it over bin/claude.exe; when npm skipped install
# scripts the placeholder is still there, so fall back to the platform package's binary.
find_claude() {
    local c
    for c in "$install_dir/node_modules/.bin/claude" \
             "$install_dir"/node_modules/@anthropic-ai/claude-code-linux-*/claude; do
        [ -x "$c" ] || continue
        if "$c" --version >/dev/null 2>&1; then printf '%s\n' "$c"; return 0; fi
    done
    return 1
}

setup() {
    if [ -f "$install_dir/.lip-installed" ] && find_claude >/dev/null; then return 0; fi
    echo "npm install @anthropic-ai/claude-code@$version in $install_dir (node $(node --version), npm $(npm --version))"
    rm -rf "$install_dir"
    mkdir -p "$install_dir"
    # A registry that cannot be reached is a failure, not a skip: bounded retries, then exit 1.
    if ! npm install --prefix "$install_dir" --no-audit --no-fund --no-save --fetch-retries=2 \
            --fetch-timeout=60000 "@anthropic-ai/claude-code@$version" >"$work/npm.log" 2>&1; then
        tail -n 40 "$work/npm.log"
        echo "FAIL: npm could not install @anthropic-ai/claude-code@$version (is the npm registry reachable?)"
        return 1
    fi
    if ! find_claude >/dev/null; then
        tail -n 40 "$work/npm.log"
        echo "FAIL: @anthropic-ai/claude-code@$version installed but no runnable claude binary for this platform"
        return 1
    fi
    touch "$install_dir/.lip-installed"
}

# One install at a time: ctest -j starts both backends together.
exec 8>"$work/.setup.lock"
flock 8
setup
flock -u 8
claude=$(find_claude)
echo "claude: $claude ($("$claude" --version 2>/dev/null))"
if [ "$setup_only" = 1 ]; then exit 0; fi

[ -x "$proxy" ] || { echo "FAIL: proxy binary '$proxy' is missing"; exit 1; }

run=$(mktemp -d "$work/run-$backend.XXXXXX")
chmod 755 "$run"
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

# GET /health over bash's /dev/tcp (no curl on a minimal Debian): true on a 200.
health_ok() (
    port=$1 status=''
    exec 2>/dev/null
    exec 7<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n' "$port" >&7
    IFS= read -r -t 5 status <&7 || true
    case "$status" in "HTTP/1."?" 200"*) exit 0 ;; *) exit 1 ;; esac
)

node "$here/fake-agent-upstream.mjs" --port 0 --key test-key --log "$run/requests.jsonl" >"$run/fake.log" 2>&1 &
fake_pid=$!
fake_port=''
for _ in $(seq 100); do
    fake_port=$(sed -n 's|^fake-agent-upstream listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$run/fake.log")
    [ -n "$fake_port" ] && break
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$fake_port" ] || { echo "FAIL: the fake upstream did not start:"; cat "$run/fake.log"; exit 1; }
fake="http://127.0.0.1:$fake_port"

# The port is free when asked for, but another process may take it first: try a few.
port='' up=0
for attempt in 1 2 3; do
    port=$(free_port)
    mkdir -p "$run/data" "$run/proxyhome"
    env -u LLM_BACKEND -u LLM_PROXY_CONFIG -u OPENAI_API_KEY_1 -u ANTHROPIC_API_KEY_1 -u GEMINI_API_KEY_1 \
        HOME="$run/proxyhome" XDG_CONFIG_HOME="$run/proxyhome/.config" XDG_DATA_HOME="$run/proxyhome/.local/share" \
        QT_LOGGING_RULES="lip.engine.routing.debug=true" \
        OPENAI_API_BASE_URL="$fake/v1" OPENAI_API_KEY=test-key \
        ANTHROPIC_API_BASE_URL="$fake" ANTHROPIC_API_KEY=test-key \
        LLM_INTERACTIVE_PROXY_API_KEY=test-key \
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
echo "proxy on 127.0.0.1:$port, fake upstream on $fake, model $model"

# Claude Code gets a fresh HOME and workspace and nothing from the caller's environment, so no
# user settings, credentials or vendor URLs leak in; every base URL points at the proxy.
mkdir -p "$run/agenthome" "$run/ws"
as_user=()
if [ "$(id -u)" = 0 ] && id lipagent >/dev/null 2>&1; then
    chown -R lipagent "$run/agenthome" "$run/ws"
    as_user=(runuser -u lipagent --)
fi
prompt='Run the shell command echo hello-from-tool-$((6*7)) with the Bash tool and report its output.'
start=$(date +%s)
rc=0
"${as_user[@]}" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$run/agenthome" TMPDIR="$run/agenthome" \
    LANG=C.UTF-8 TERM=dumb \
    ANTHROPIC_BASE_URL="http://127.0.0.1:$port" ANTHROPIC_API_KEY=test-key \
    ANTHROPIC_SMALL_FAST_MODEL="$small" ANTHROPIC_DEFAULT_HAIKU_MODEL="$small" \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1 \
    DISABLE_ERROR_REPORTING=1 DISABLE_BUG_COMMAND=1 \
    bash -c 'cd "$1" && shift && exec timeout 180 "$@" </dev/null' _ "$run/ws" \
    "$claude" -p "$prompt" --model "$model" --allowedTools Bash \
    >"$run/claude.out" 2>"$run/claude.err" || rc=$?
echo "claude -p exited $rc after $(( $(date +%s) - start )) s"
echo "--- claude stdout ---"; cat "$run/claude.out"
echo "--- fake request log ---"; cat "$run/requests.jsonl" 2>/dev/null || echo "(no requests)"

fail() {
    echo "FAIL: $*"
    echo "--- claude stderr ---"; tail -n 40 "$run/claude.err"
    echo "--- proxy log (last 40 lines) ---"; tail -n 40 "$run/proxy.log"
    exit 1
}
[ "$rc" = 0 ] || fail "claude -p exited with $rc"
grep -q 'CLAUDE-E2E-DONE tool said: hello-from-tool-42' "$run/claude.out" \
    || fail "Claude Code did not print the fake's final answer with the tool output"
# The tool result must have reached the fake in the backend's own dialect, answering the call
# the fake made (so the proxy kept the call id across the round trip).
node -e '
    const [file, dialect] = process.argv.slice(1);
    const reqs = require("fs").readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const calls = reqs.filter((r) => r.reply === "tool_use" && r.dialect === dialect);
    const finals = reqs.filter((r) => r.reply === "final-text" && r.dialect === dialect);
    const wrong = reqs.filter((r) => r.dialect && r.dialect !== dialect);
    const bad = reqs.filter((r) => r.error);
    const why = calls.length < 1 ? "the fake never answered with a tool call"
        : finals.length < 1 ? "no request carried the tool result back"
        : !finals.every((r) => /hello-from-tool-42/.test(r.toolResult ?? "")) ? "the tool result lacks hello-from-tool-42"
        : !finals.every((r) => r.idMatches === true) ? "the tool result does not answer the call id the fake issued"
        : wrong.length ? `requests reached the fake in another dialect: ${wrong.map((r) => r.path).join(", ")}`
        : bad.length ? `the fake rejected requests: ${bad.map((r) => r.error).join(", ")}`
        : "";
    if (why) { console.log(why); process.exit(1); }
' "$run/requests.jsonl" "$dialect" >"$run/check.txt" 2>&1 || fail "$(cat "$run/check.txt")"
echo "PASS claude_code via $backend backend"

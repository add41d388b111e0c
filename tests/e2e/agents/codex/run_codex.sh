#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End to end: the real Codex CLI (npm @openai/codex) through the built proxy to a scripted fake
# provider, one shell tool round trip.
#
#   run_codex.sh --proxy BIN --work DIR --version VER --backend openai-responses|openai|websocket
#                [--max-upgrade-attempts N] [--setup-only]
#
# Installs @openai/codex@VER with npm into WORK/npm-VER (once per version; a failed install fails
# the test), starts codex-fake.mjs and `BIN --headless` on free ports, then runs `codex exec` in a
# temp dir with CODEX_HOME pointing at a fresh config.toml. The fake answers the first turn with a
# call of Codex's shell tool (exec_command) running `echo hello-from-tool` and the turn carrying
# its result with "CODEX-E2E-DONE tool output: <output>". Passes when Codex prints
# "CODEX-E2E-DONE tool output: hello-from-tool" and the fake's request log shows two requests in
# the backend's dialect, the second carrying the tool output under the call id the fake issued.
#   openai-responses  custom provider (wire_api "responses"), model openai-responses:…, passthrough
#   openai            same provider, model openai:…, Responses translated to Chat Completions
#   websocket         the built-in openai provider with openai_base_url at the proxy: Codex tries a
#                     WebSocket upgrade of /v1/responses first and falls back to HTTP. The number of
#                     upgrade attempts and the time to the answer are printed; with
#                     --max-upgrade-attempts N more than N attempts fail the test.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
proxy='' work='' version='' backend='' setup_only=0 max_upgrades=''
while [ $# -gt 0 ]; do
    case "$1" in
        --proxy) proxy=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --backend) backend=$2; shift 2 ;;
        --max-upgrade-attempts) max_upgrades=$2; shift 2 ;;
        --setup-only) setup_only=1; shift ;;
        -h|--help) sed -n '3,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run_codex.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$work" ] && [ -n "$version" ] || { echo "run_codex.sh: --work and --version are required" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "FAIL: node and npm are needed (tools/dev.sh installs them)"; exit 1; }

case "$backend" in
    openai-responses) model=openai-responses:codex-fake upstream_path=/v1/responses ;;
    openai) model=openai:codex-fake upstream_path=/v1/chat/completions ;;
    websocket) model=openai-responses:codex-fake upstream_path=/v1/responses ;;
    '') [ "$setup_only" = 1 ] || { echo "run_codex.sh: --backend is required" >&2; exit 2; } ;;
    *) echo "run_codex.sh: unknown backend '$backend'" >&2; exit 2 ;;
esac

mkdir -p "$work"
npm_dir="$work/npm-$version"
codex_bin="$npm_dir/node_modules/.bin/codex"

# npm install once per version; the stamp is written only after a complete install.
install_codex() {
    if [ -f "$npm_dir/.lip-installed" ] && [ -x "$codex_bin" ]; then
        return 0
    fi
    echo "npm install @openai/codex@$version into $npm_dir (node $(node --version), npm $(npm --version))"
    rm -rf "$npm_dir"
    mkdir -p "$npm_dir"
    # A registry that cannot be reached is a failure, not a skip: bounded retries, then exit 1.
    if ! npm install --prefix "$npm_dir" --no-audit --no-fund --no-save --fetch-retries=2 \
            --fetch-timeout=120000 "@openai/codex@$version" >"$work/npm-$version.log" 2>&1; then
        tail -n 40 "$work/npm-$version.log"
        echo "FAIL: npm could not install @openai/codex@$version (is the npm registry reachable?)"
        return 1
    fi
    [ -x "$codex_bin" ] || { echo "FAIL: npm installed no codex binary at $codex_bin"; return 1; }
    touch "$npm_dir/.lip-installed"
}

# One install at a time: ctest -j may start several of these tests together.
exec 8>"$work/.setup.lock"
flock 8
install_codex
flock -u 8
if [ "$setup_only" = 1 ]; then echo "codex $("$codex_bin" --version 2>/dev/null) ready in $npm_dir"; exit 0; fi

[ -x "$proxy" ] || { echo "FAIL: proxy binary '$proxy' is missing"; exit 1; }

run=$(mktemp -d "$work/run.XXXXXX")
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
    printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nAuthorization: Bearer test-key\r\nConnection: close\r\n\r\n' "$port" >&7
    IFS= read -r -t 5 status <&7 || true
    case "$status" in "HTTP/1."?" 200"*) exit 0 ;; *) exit 1 ;; esac
)

node "$here/codex-fake.mjs" --port 0 --key test-key --port-file "$run/fake.port" >"$run/fake.log" 2>&1 &
fake_pid=$!
for _ in $(seq 100); do
    [ -s "$run/fake.port" ] && break
    kill -0 "$fake_pid" 2>/dev/null || break
    sleep 0.1
done
[ -s "$run/fake.port" ] || { echo "FAIL: codex-fake.mjs did not start:"; cat "$run/fake.log"; exit 1; }
fake="http://127.0.0.1:$(cat "$run/fake.port")"

port='' up=0
for attempt in 1 2 3; do
    port=$(free_port)
    mkdir -p "$run/data" "$run/proxyhome"
    env -u LLM_BACKEND -u LLM_PROXY_CONFIG -u OPENAI_API_KEY_1 -u ANTHROPIC_API_KEY_1 -u GEMINI_API_KEY_1 \
        HOME="$run/proxyhome" XDG_CONFIG_HOME="$run/proxyhome/.config" XDG_DATA_HOME="$run/proxyhome/.local/share" \
        OPENAI_API_BASE_URL="$fake/v1" OPENAI_API_KEY=test-key \
        OPENAI_RESPONSES_API_BASE_URL="$fake/v1" OPENAI_RESPONSES_API_KEY=test-key \
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

# Codex's own state lives in CODEX_HOME; HOME is fresh too so no user config leaks in. Update
# checks, analytics and the plugin/app sync (a git clone from github.com) are off: with them off
# the only connections Codex opens are to the proxy (checked with strace on 0.171.0).
mkdir -p "$run/codex-home" "$run/home" "$run/workspace"
if [ "$backend" = websocket ]; then
    provider_toml="openai_base_url = \"http://127.0.0.1:$port/v1\""
    key_env=CODEX_API_KEY
else
    provider_toml="model_provider = \"lip\""
    key_env=LIP_API_KEY
fi
cat >"$run/codex-home/config.toml" <<EOF
model = "$model"
$provider_toml
check_for_update_on_startup = false
web_search = "disabled"

[model_providers.lip]
name = "LLM Interactive Proxy"
base_url = "http://127.0.0.1:$port/v1"
env_key = "LIP_API_KEY"
wire_api = "responses"

[analytics]
enabled = false

[features]
plugins = false
remote_plugin = false
apps = false
EOF

echo "proxy on 127.0.0.1:$port, fake upstream on $fake; codex $version, backend $backend, model $model"
start=$(date +%s%N)
codex_rc=0
(
    cd "$run/workspace"
    exec env -u OPENAI_API_KEY -u OPENAI_BASE_URL -u CODEX_API_KEY -u LIP_API_KEY \
        HOME="$run/home" CODEX_HOME="$run/codex-home" "$key_env=test-key" NO_COLOR=1 RUST_LOG=warn \
        timeout 240 "$codex_bin" exec --skip-git-repo-check --dangerously-bypass-approvals-and-sandbox \
        --color never "Run the shell command: echo hello-from-tool. Then tell me what it printed." \
        </dev/null >"$run/codex.out" 2>"$run/codex.err"
) || codex_rc=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# What reached the fake, via its GET /__requests.
node -e '
fetch(process.argv[1] + "/__requests").then((r) => r.json()).then((log) => {
    for (const e of log)
        console.log(`  ${e.method} ${e.path} model=${e.model} tools=${(e.tools ?? []).length}` +
            ` issued=${e.issuedCallId ?? "-"} result_call=${e.toolResultCallId ?? "-"}` +
            ` result=${JSON.stringify(e.toolResult ?? null)} answered=${JSON.stringify(e.answered ?? null)}`);
    require("fs").writeFileSync(process.argv[2], JSON.stringify(log));
}).catch((e) => { console.log("  (could not read the fake log: " + e.message + ")"); process.exit(1); });
' "$fake" "$run/requests.json" >"$run/requests.txt" || true

upgrades=$(grep -c 'failed to connect to Responses WebSocket' "$run/codex.err" || true)
fail=''
[ "$codex_rc" = 0 ] || fail="codex exited with $codex_rc"
if [ -z "$fail" ] && ! grep -q 'CODEX-E2E-DONE tool output: hello-from-tool' "$run/codex.out"; then
    fail='codex did not print "CODEX-E2E-DONE tool output: hello-from-tool"'
fi
if [ -z "$fail" ]; then
    verdict=$(node -e '
const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const path = process.argv[2];
const calls = log.filter((e) => e.path === path && e.method === "POST");
const first = calls.find((e) => e.issuedCallId);
const second = calls.find((e) => e.toolResult != null);
if (calls.length !== 2) console.log(`expected 2 POST ${path} at the fake, got ${calls.length} (all: ${log.map((e) => e.method + " " + e.path).join(", ")})`);
else if (!first) console.log("the fake never issued a tool call");
else if (!second) console.log("no tool result came back to the fake");
else if (!/hello-from-tool/.test(second.toolResult)) console.log(`the tool result lacks hello-from-tool: ${JSON.stringify(second.toolResult)}`);
else if (second.toolResultCallId !== first.issuedCallId) console.log(`tool result call id ${second.toolResultCallId} != issued ${first.issuedCallId}`);
else console.log("ok");
' "$run/requests.json" "$upstream_path" 2>&1 || echo 'could not read the fake request log')
    [ "$verdict" = ok ] || fail=$verdict
fi
if [ -z "$fail" ] && [ -n "$max_upgrades" ] && [ "$upgrades" -gt "$max_upgrades" ]; then
    fail="codex tried the WebSocket upgrade $upgrades times (at most $max_upgrades allowed)"
fi

echo "codex answered in ${elapsed_ms} ms; WebSocket upgrade attempts: $upgrades"
echo "fake upstream request log:"
cat "$run/requests.txt"
echo "codex stdout:"; sed 's/^/  /' "$run/codex.out"
if [ -n "$fail" ]; then
    echo "--- codex stderr (last 40 lines) ---"; tail -n 40 "$run/codex.err"
    echo "--- proxy log (last 60 lines) ---"; tail -n 60 "$run/proxy.log"
    echo "--- fake log ---"; tail -n 20 "$run/fake.log"
    echo "FAIL e2e_agent_codex $backend: $fail"
    exit 1
fi
if [ "$upgrades" -gt 0 ]; then
    echo "proxy answers to the WebSocket upgrade:"
    grep -E 'connection [0-9]+ (GET /v1/responses|-> )' "$run/proxy.log" | grep -B0 -A1 'GET /v1/responses' | grep -- '->' | sort | uniq -c | sed 's/^/  /' || true
    grep 'Falling back from WebSockets' "$run/codex.err" | sed 's/^/  /' || true
fi
echo "PASS e2e_agent_codex $backend"

#!/usr/bin/env bash
# Smoke test of the README's first command: `redeploy dev` on a free port, then the curl line it prints, followed to
# a dispatched request. Stops everything it started. Needs ports 10000-10002 free or an Azurite already on them.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${1:-17071}
log=$(mktemp)
dotnet build Cli/Cli.csproj -v q -nologo >/dev/null
# The built tool itself, not `dotnet run`, so that the PID below is the process to stop.
dotnet Cli/bin/Debug/net10.0/redeploy.dll dev --port "$port" >"$log" 2>&1 &
dev=$!
# SIGTERM, not SIGINT: a background job of a non-interactive shell ignores SIGINT. `dev` stops its Azurite too.
cleanup() {
  kill -TERM "$dev" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$dev" 2>/dev/null || break; sleep 1; done
  kill -KILL "$dev" 2>/dev/null || true
  wait "$dev" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q '^shop: ' "$log" && break
  kill -0 "$dev" 2>/dev/null || { cat "$log"; echo "smoke: redeploy dev exited"; exit 1; }
  sleep 1
done
curl_line=$(grep -A1 '^shop: ' "$log" | grep 'curl -X POST' | sed 's/^ *//')
[ -n "$curl_line" ] || { cat "$log"; echo "smoke: no curl line printed"; exit 1; }

answer=$($curl_line -s)
status_url=$(printf '%s' "$answer" | python3 -c 'import sys, json; print(json.load(sys.stdin)["statusUrl"])')
for _ in $(seq 1 60); do
  status=$(curl -s "$status_url" | python3 -c 'import sys, json; print(json.load(sys.stdin)["status"])')
  [ "$status" != "queued" ] && break
  sleep 1
done
echo "smoke: the printed curl line for 'shop' ended $status"
[ "$status" = "dispatched" ]

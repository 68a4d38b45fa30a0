#!/usr/bin/env bash
# The load run of docs/PERFORMANCE.md. Everything on 127.0.0.1, every step bounded in time:
#   1. Redeploy's local host (Kestrel + queue trigger, Azurite in memory, one stack with a webhook secret), driven by wrk
#      with the signed 7 KB GitHub push: unique deliveries, then one repeated delivery id (duplicates), then a wrong
#      signature; between runs, wait until the queue side has worked off the backlog.
#      Also: Azurite's own ceiling (table upserts and queue sends from another process, CONNECTIONS at once), the storage
#      calls per accepted delivery (counted in the host: Benchmarks/Load/StorageCallCounter.cs) and the floor they set,
#      a wrong hook token (404), and a burst of BURST_COUNT deliveries at BURST_CONNECTIONS (every 202 checked against
#      the jobs); the host's GC and thread pool figures around the wrong-signature run; what group commit would get
#      from Azurite (one table transaction of 1, 4 or 16 rows and one message, "Benchmarks -- ceiling-batch"); and the
#      1 MB push at LARGE_CONNECTIONS (8), with the host's peak RSS during it. A deployer of the run's own ("take-jobs")
#      takes the jobs off deployment-jobs as they come, except in the burst and paced runs, whose drivers take them.
#   2. A paced run: PACED_RATE deliveries per second for PACED_SECONDS, timing POST -> job on deployment-jobs.
#   3. The peer, adnanh/webhook (Debian's package), with an HMAC-SHA256 rule on the same payload running /bin/true.
# Prints KEY=VALUE results and writes them with the raw outputs to $OUT.
#
# scripts/load/run.sh unique   the warm-up and the unique run alone, with the storage calls per accepted delivery
#   (storage-calls-per-delivery.txt); scripts/load/run.sh large   the warm-up and the 1 MB phase alone.
#
# scripts/load/run.sh memory   the hostile-memory run of issue 18 alone: a fresh host; wrk posting the 9.5 MB GitHub push
#   with a wrong signature at 16 and then 64 connections, then with a valid signature (unique delivery ids) at 16 and 64,
#   MEMORY_SECONDS each (wrk timeout 30 s), while the paced driver sends the small valid push at MEMORY_RATE per second. For each run: the
#   host's peak RSS (reset before each), the large answers by status and per second, and the small pushes' answers, p99
#   and accepted rate. Settings: MEMORY_SECONDS=20 MEMORY_RATE=10 MEMORY_CONNECTIONS="16 64" MEMORY_RUNS (e.g. "wrongsig:64 valid:16")
#   MEMORY_FRESH_HOST=1 (each run on a new host).
#
# scripts/load/run.sh callback   the deployer-callback run alone: a fresh host gets CALLBACK_JOBS pushes (8 at a time) and
#   dispatches them; "Benchmarks -- callback-jobs" takes the jobs off deployment-jobs, reports "started" once on each and
#   writes their callback paths. Then wrk (scripts/load/callback.lua) for DURATION seconds each: a wrong job token
#   cycling through the jobs (404), "started" again on every job (200 duplicate); then "succeeded" once per job (202,
#   the conditional write), stopping when every job has answered. Settings: CALLBACK_JOBS=1000.
#
# scripts/load/run.sh pause   the reproduction of issue 17 alone: a fresh host; the paced driver sends unique signed pushes
#   at PAUSE_RATE per second for PAUSE_SECONDS while its Azurite is paused (SIGSTOP) for PAUSE_LENGTH seconds from
#   PAUSE_AT s into the run, then resumed (SIGCONT). The driver takes every job off deployment-jobs (counting copies) and
#   polls the status URLs of every delivery answered 2xx (202 and 200 duplicate) until none reads queued, for at most
#   PAUSE_FINAL_SECONDS after sending. Prints sent, answers, jobs, lost, doubled and the seconds from the resume to the
#   last request final. Settings: PAUSE_RATE=20 PAUSE_SECONDS=30 PAUSE_AT=12 PAUSE_LENGTH=6 PAUSE_FINAL_SECONDS=150.
#
# scripts/load/run.sh reject   the reject paths alone, for A/B runs of runtime settings: a fresh host, then wrong
#   signatures and wrong tokens for DURATION seconds each, with the host's GC and thread pool figures. HOST_ENV="VAR=value
#   ..." goes into the host's environment (any mode); REJECT_STALL=N pauses Azurite N seconds from REJECT_STALL_AT
#   (19.5) seconds after the warm-up began.
#
# Settings (environment): DURATION=20 (seconds per wrk run) THREADS=2 CONNECTIONS=16 PORT=7080 PEER_PORT=9000
#   PACED_RATE=50 PACED_SECONDS=20 STACK_CACHE_SECONDS=10 (0 turns the intake's stack cache off)
#   LOG_LEVEL=Warning (the host's minimum log level) BURST_COUNT=2000 BURST_CONNECTIONS=64 LARGE_CONNECTIONS=8 HOST_ENV=
#   OUT=(a new /tmp folder)
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a run does not change that run.
{

mode=${1:-all}
case "$mode" in all | unique | large | memory | callback | pause | reject) ;; *) echo "usage: $0 [all|unique|large|memory|callback|pause|reject]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/scripts/load"
# The summary post.lua and callback.lua print, loaded by both (wrk gives a script no path of its own).
export SUMMARY_LUA="$here/summary.lua"
duration=${DURATION:-20}
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
port=${PORT:-7080}
peer_port=${PEER_PORT:-9000}
paced_rate=${PACED_RATE:-50}
paced_seconds=${PACED_SECONDS:-20}
stack_cache_seconds=${STACK_CACHE_SECONDS:-10}
log_level=${LOG_LEVEL:-Warning}
out=${OUT:-$(mktemp -d /tmp/redeploy-load.XXXXXX)}
mkdir -p "$out"
results="$out/results.txt"
: >"$results"

say() { echo "== $*" >&2; }
load_now() { cut -d' ' -f1 /proc/loadavg; }
result() { echo "$1=$2" | tee -a "$results"; }
value() { grep -m1 "^$2=" "$1" | cut -d= -f2-; }
peak_rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo -1; }
# The storage calls the host has made so far ($1: STORAGE_CALLS, STORAGE_CALLS_INTAKE, ...), from its counter's file.
calls() { sleep 0.6; value "$calls_file" "$1"; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a ~ /^[0-9.]+$/) printf "%.2f", a / b; else print "n/a" }'; }
# results_of NAME PREFIX KEY...: each KEY of $out/NAME.txt as the result PREFIX_key (in lower case).
results_of() {
  local name=$1 prefix=$2 key
  shift 2
  for key in "$@"; do result "${prefix}_$(echo "$key" | tr 'A-Z' 'a-z')" "$(value "$out/$name.txt" "$key")"; done
}
count_of() { echo "$1" | tr ',' '\n' | awk -F: -v s="$2" '$1 == s { n += $2 } END { print n + 0 }'; }

if [ "$mode" != pause ] && { ! command -v wrk >/dev/null || ! command -v webhook >/dev/null; }; then
  say "installing wrk and webhook (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk webhook >/dev/null
fi

# The machine is shared: the load average before and after says how much else was running.
result load_average_start "$(cut -d' ' -f1-3 /proc/loadavg)"
say "building Benchmarks (Release)"
dotnet build -c Release "$root/Benchmarks" -nologo -v q >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 1; }
bench=(dotnet "$root/Benchmarks/bin/Release/net10.0/Redeploy.Benchmarks.dll")
"${bench[@]}" payload --out "$out/payload" >&2
payload="$out/payload/github-push.json"
signature=$(cat "$out/payload/github-push.sig")
wrong_signature="sha256=$(printf '0%.0s' $(seq 64))"

host_pid=""
peer_pid=""
stop() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
azurite_pid=""
taker_pid=""
# Resume a paused Azurite first, or it would not end on SIGTERM.
trap '[ -z "$azurite_pid" ] || kill -CONT "$azurite_pid" 2>/dev/null; stop "$taker_pid"; stop "$host_pid"; stop "$peer_pid"' EXIT

# wrk for a bounded time against one URL. $1 name, $2 url, $3 mode (unique|same), $4 signature, $5 seconds; the
# payload file and connections are $payload and $connections unless DRIVE_PAYLOAD and DRIVE_CONNECTIONS say otherwise.
drive() {
  PAYLOAD="${DRIVE_PAYLOAD:-$payload}" SIGNATURE="$4" MODE="$3" RUN="$1-$$-$(date +%s)" timeout $(($5 + 60)) \
    wrk -t"$threads" -c"${DRIVE_CONNECTIONS:-$connections}" -d"$5s" --timeout 10s -s "$here/post.lua" "$2" >"$out/$1.txt" 2>&1
}

# ---- 1. Redeploy --------------------------------------------------------------------------------------------------
calls_file="$out/storage-calls.txt"
runtime_file="$out/runtime.txt"
# The host, with its own Azurite; HOST_ENV (e.g. "DOTNET_gcServer=1 DOTNET_GCgen0size=0x4000000") goes into its
# environment, for A/B runs of runtime settings. $1: its log file.
start_host() {
  say "starting the local host on 127.0.0.1:$port (stack cache ${stack_cache_seconds}s${HOST_ENV:+, $HOST_ENV})"
  rm -f "$calls_file" "$runtime_file"
  # Azurite's queue garbage collection, batched (scripts/load/azurite-batched-gc.cjs: one sweep otherwise held it for minutes).
  env NODE_OPTIONS="--require $here/azurite-batched-gc.cjs${NODE_OPTIONS:+ $NODE_OPTIONS}" ${HOST_ENV:-} "${bench[@]}" host --port "$port" --stack-cache-seconds "$stack_cache_seconds" --log-level "$log_level" \
    --count-storage "$calls_file" --runtime-file "$runtime_file" >"$1" 2>&1 &
  host_pid=$!
  for _ in $(seq 360); do grep -q '^READY' "$1" && break; kill -0 "$host_pid" || { cat "$1"; exit 1; }; sleep 0.5; done
  grep -q '^READY' "$1" || { say "host not ready after 180 s"; cat "$1"; exit 1; }
  url=$(value "$1" HOOK_URL)
  storage=$(value "$1" STORAGE)
  azurite_pid=$(value "$1" AZURITE_PID)
}
stop_host() {
  stop "$host_pid"
  host_pid="" azurite_pid=""
}
result host_env "${HOST_ENV:-none}"
start_host "$out/host.log"

# The host's GC and thread pool figures (Benchmarks/Load/RuntimeSampler.cs) around a run: runtime_reset before it
# (restarts the highest thread count and queue length), runtime_report NAME after it (GC counts and pause since the reset).
runtime_reset() { sleep 0.6; cp "$runtime_file" "$out/runtime-before.txt"; rm -f "$runtime_file"; sleep 0.3; }
runtime_report() {
  sleep 0.6
  cp "$runtime_file" "$out/runtime-$1.txt"
  local key
  for key in GC_GEN0 GC_GEN1 GC_GEN2 GC_PAUSE_MS; do
    result "$1_$(echo "$key" | tr 'A-Z' 'a-z')" "$(($(value "$out/runtime-$1.txt" "$key") - $(value "$out/runtime-before.txt" "$key")))"
  done
  result "$1_lock_contentions" "$(($(value "$out/runtime-$1.txt" LOCK_CONTENTIONS) - $(value "$out/runtime-before.txt" LOCK_CONTENTIONS)))"
  for key in GC_SERVER GC_COMMITTED_MAX_MB GC_LOH_MAX_MB GC_POH_MAX_MB WORKING_SET_MB THREADPOOL_THREADS_MAX THREADPOOL_QUEUED_MAX; do
    result "$1_$(echo "$key" | tr 'A-Z' 'a-z')" "$(value "$out/runtime-$1.txt" "$key")"
  done
}
drain() { "${bench[@]}" drain --storage "$storage" --seconds 300 >"$out/$1.txt"; }
# The run's deployer (Benchmarks/Load/JobTaker.cs): takes the jobs off deployment-jobs in the phases whose driver does
# not (all but the burst and the paced run), as Azurite's queue calls slow down with every message it holds.
take_jobs() {
  "${bench[@]}" take-jobs --storage "$storage" --out "$out/jobs-taken.txt" >>"$out/take-jobs.log" 2>&1 &
  taker_pid=$!
}
stop_taking_jobs() {
  stop "$taker_pid"
  taker_pid=""
}

# ---- Hostile memory (issue 18), alone: "run.sh memory" ---------------------------------------------------------------
# The peak RSS of one run: writing 5 to clear_refs resets the kernel's high-water mark (VmHWM) of the host process.
reset_peak_rss() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || say "cannot reset the peak RSS: figures are since start"; }

# ---- The 1 MB push path (issue 15: within 10 % of 77 accepted/s and 212 MiB at 8 connections) ------------------------
# Unique signed 1 MB GitHub pushes (2,000 commits) at LARGE_CONNECTIONS (8) for DURATION seconds; the host's peak RSS
# from a reset just before (its resident size then is large_host_rss_before_kb), then the backlog worked off.
large_run() {
  local conns=${LARGE_CONNECTIONS:-8}
  say "1 MB push: unique deliveries at $conns connections (${duration}s)"
  result load_average_large "$(load_now)"
  result large_host_rss_before_kb "$(awk '/^VmRSS:/ { print $2 }' "/proc/$host_pid/status" 2>/dev/null || echo -1)"
  reset_peak_rss "$host_pid"
  DRIVE_PAYLOAD="$out/payload/github-push-1mb.json" DRIVE_CONNECTIONS=$conns \
    drive large "$url" unique "$(cat "$out/payload/github-push-1mb.sig")" "$duration"
  result large_host_peak_rss_kb "$(peak_rss_kb "$host_pid")"
  result large_accepted_per_s "$(value "$out/large.txt" PER_SECOND_202)"
  results_of large large P50_MS P99_MS STATUSES SOCKET_ERRORS
  result ratio_large_accepted_over_baseline "$(per "$(value "$results" large_accepted_per_s)" 77)"
  result ratio_large_rss_over_baseline "$(per "$(value "$results" large_host_peak_rss_kb)" $((212 * 1024)))"
  drain drain-large || true
}

# $1 name, $2 signature file, $3 connections
memory_run() {
  local name=$1 sig=$2 conns=$3 seconds=${MEMORY_SECONDS:-20} rate=${MEMORY_RATE:-10}
  say "memory: $name, the 9.5 MB push at $conns connections for ${seconds}s, small pushes at $rate/s alongside"
  if [ "${MEMORY_FRESH_HOST:-1}" = 1 ] && [ -n "${host_used:-}" ]; then
    # Each run its own host: the peak is then the run's alone, not what the runs before left mapped.
    stop_host
    start_host "$out/host-$name.log"
  fi
  result "load_average_memory_$name" "$(cut -d' ' -f1 /proc/loadavg)"
  reset_peak_rss "$host_pid"
  runtime_reset
  timeout $((seconds + 120)) "${bench[@]}" paced --url "$url" --storage "$storage" --rate "$rate" --seconds "$seconds" \
    --payload "$payload" --signature "$out/payload/github-push.sig" >"$out/$name-small.txt" 2>&1 &
  local paced=$!
  PAYLOAD="$out/payload/github-push-large.json" SIGNATURE="$(cat "$sig")" MODE=unique RUN="$name-$$-$(date +%s)" \
    timeout $((seconds + 60)) wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 30s -s "$here/post.lua" "$url" \
    >"$out/$name.txt" 2>&1 || true
  wait "$paced" || true
  result "memory_${name}_host_peak_rss_kb" "$(peak_rss_kb "$host_pid")"
  runtime_report "memory_${name}"
  result "memory_${name}_large_statuses" "$(value "$out/$name.txt" STATUSES)"
  result "memory_${name}_large_rps" "$(value "$out/$name.txt" RPS)"
  result "memory_${name}_large_p99_ms" "$(value "$out/$name.txt" P99_MS)"
  result "memory_${name}_large_socket_errors" "$(value "$out/$name.txt" SOCKET_ERRORS)"
  local answers accepted
  answers=$(value "$out/$name-small.txt" PACED_ANSWERS)
  accepted=$(echo "$answers" | tr ',' '\n' | awk -F: '$1 == 202 { n += $2 } END { print n + 0 }')
  result "memory_${name}_small_answers" "$answers"
  result "memory_${name}_small_accepted_per_s" "$(awk -v a="$accepted" -v s="$seconds" 'BEGIN { printf "%.1f", a / s }')"
  result "memory_${name}_small_p99_ms" "$(value "$out/$name-small.txt" PACED_ANSWER_P99_MS)"
  drain "drain-$name" || true
  host_used=1
  result "memory_${name}_kestrel_reading_in_progress_errors" "$(grep -c 'Reading is already in progress' "$out"/host*.log | awk -F: '{ n += $NF } END { print n + 0 }')"
}

if [ "$mode" = memory ]; then
  printf '%s\n' "$wrong_signature" >"$out/payload/wrong.sig"
  # MEMORY_RUNS picks runs as signature:connections, e.g. "wrongsig:64 valid:16" (the two rows issue 18's goals name).
  for run in ${MEMORY_RUNS:-$(for c in ${MEMORY_CONNECTIONS:-16 64}; do echo "wrongsig:$c"; done) $(for c in ${MEMORY_CONNECTIONS:-16 64}; do echo "valid:$c"; done)}; do
    kind=${run%:*} conns=${run#*:}
    sig="$out/payload/github-push-large.sig"
    [ "$kind" = valid ] || sig="$out/payload/wrong.sig"
    memory_run "${kind}_c$conns" "$sig" "$conns"
  done
  result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "done: $out"
  exit 0
fi

# ---- The reject paths alone, for A/B runs of runtime settings (HOST_ENV): "run.sh reject" ----------------------------
# A 5 s warm-up, then wrong signatures and wrong tokens for DURATION seconds each, with the host's GC and thread pool
# figures. REJECT_STALL=N pauses Azurite (SIGSTOP) for N seconds, as a slow storage answer does, from REJECT_STALL_AT
# seconds after the warm-up began (its first call reads the stack): by default 19.5, across the entry's second expiry
# as a plain 10 s cache has it (20 s), inside the wrong-signature run when DURATION is 16 or more.
if [ "$mode" = reject ]; then
  warm_start_ms=$(date +%s%3N)
  drive reject-warmup "$url" unique "$wrong_signature" 5
  for run in wrongsig wrongtoken; do
    target=$url sig=$wrong_signature
    [ "$run" = wrongsig ] || { target="${url%/*}/$(echo "${url##*/}" | rev)"; sig=$signature; }
    result "load_average_reject_$run" "$(load_now)"
    runtime_reset
    if [ "$run" = wrongsig ] && [ "${REJECT_STALL:-0}" -gt 0 ]; then
      stall_in=$(awk -v at="${REJECT_STALL_AT:-19.5}" -v s="$warm_start_ms" -v n="$(date +%s%3N)" 'BEGIN { w = at - (n - s) / 1000; if (w < 0) w = 0; printf "%.3f", w }')
      result reject_stall_seconds "$REJECT_STALL"
      result reject_stall_at_s "${REJECT_STALL_AT:-19.5}"
      (sleep "$stall_in" && kill -STOP "$azurite_pid" && sleep "$REJECT_STALL"; kill -CONT "$azurite_pid") &
    fi
    drive "reject-$run" "$target" unique "$sig" "$duration"
    results_of "reject-$run" "reject_$run" RPS P50_MS P99_MS P999_MS MAX_MS STATUSES SOCKET_ERRORS
    runtime_report "reject_$run"
  done
  grep -c ' warn: \| fail: ' "$out/host.log" >"$out/host-log-lines.txt" || true
  result redeploy_host_log_lines "$(cat "$out/host-log-lines.txt")"
  result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "done: $out"
  exit 0
fi

# ---- Storage paused mid-run (issue 17), alone: "run.sh pause" ----------------------------------------------------------
if [ "$mode" = pause ]; then
  rate=${PAUSE_RATE:-20} seconds=${PAUSE_SECONDS:-30} at=${PAUSE_AT:-12} length=${PAUSE_LENGTH:-6} final=${PAUSE_FINAL_SECONDS:-150}
  say "pause: $rate deliveries/s for ${seconds}s, Azurite (pid $azurite_pid) paused ${length}s from ${at}s"
  timeout $((seconds + final + 120)) "${bench[@]}" paced --url "$url" --storage "$storage" --rate "$rate" --seconds "$seconds" \
    --final-seconds "$final" --payload "$payload" --signature "$out/payload/github-push.sig" >"$out/pause.txt" 2>&1 &
  paced=$!
  sleep "$at"
  kill -STOP "$azurite_pid"
  sleep "$length"
  kill -CONT "$azurite_pid"
  resumed_ms=$(date +%s%3N)
  wait "$paced" && paced_rc=0 || paced_rc=$?
  answers=$(value "$out/pause.txt" PACED_ANSWERS)
  count() { echo "$answers" | tr ',' '\n' | awk -F: -v s="$1" '$1 == s { n += $2 } END { print n + 0 }'; }
  result pause_sent "$(value "$out/pause.txt" PACED_SENT)"
  result pause_answers "$answers"
  result pause_202 "$(count 202)"
  result pause_200_duplicate "$(value "$out/pause.txt" PACED_DUPLICATE_ANSWERS)"
  result pause_503 "$(count 503)"
  result pause_answered_2xx "$(value "$out/pause.txt" PACED_ANSWERED_2XX)"
  result pause_jobs "$(value "$out/pause.txt" PACED_DISTINCT_JOBS)"
  result pause_lost "$(value "$out/pause.txt" PACED_LOST)"
  result pause_doubled "$(value "$out/pause.txt" PACED_DOUBLED)"
  result pause_statuses "$(value "$out/pause.txt" PACED_STATUSES)"
  final_at=$(value "$out/pause.txt" PACED_ALL_FINAL_AT_MS)
  if [ -n "$final_at" ] && [ "$final_at" != never ]; then
    result pause_all_final_seconds_after_resume "$(awk -v a="$final_at" -v r="$resumed_ms" 'BEGIN { printf "%.1f", (a - r) / 1000 }')"
  else
    result pause_all_final_seconds_after_resume "never (still open: $(value "$out/pause.txt" PACED_STILL_OPEN))"
  fi
  result pause_answer_p99_ms "$(value "$out/pause.txt" PACED_ANSWER_P99_MS)"
  grep -c ' warn: \| fail: ' "$out/host.log" >"$out/host-log-lines.txt" || true
  result redeploy_host_log_lines "$(cat "$out/host-log-lines.txt")"
  result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "done: $out"
  exit "$paced_rc"
fi

# ---- Deployer callbacks (issue 11), alone: "run.sh callback" -------------------------------------------------------
# $1 name, $2 paths file, $3 mode (cycle|once), $4 report body, $5 seconds
drive_callback() {
  PATHS="$2" MODE="$3" BODY="$4" THREADS="$threads" timeout $(($5 + 60)) \
    wrk -t"$threads" -c"$connections" -d"$5s" --timeout 10s -s "$here/callback.lua" "http://127.0.0.1:$port" >"$out/$1.txt" 2>&1
}

if [ "$mode" = callback ]; then
  jobs=${CALLBACK_JOBS:-1000}
  say "callback: $jobs pushes, their jobs and callback paths"
  timeout 420 "${bench[@]}" callback-jobs --url "$url" --storage "$storage" --jobs "$jobs" --seconds 300 --out "$out/callback" \
    --payload "$payload" --signature "$out/payload/github-push.sig" >"$out/callback-jobs.txt" 2>&1 || { cat "$out/callback-jobs.txt"; exit 1; }
  for key in CALLBACK_JOBS CALLBACK_STARTED CALLBACK_STARTED_RETRIED CALLBACK_PREPARE_SECONDS; do
    result "$(echo "$key" | tr 'A-Z' 'a-z')" "$(value "$out/callback-jobs.txt" "$key")"
  done
  result callback_load_average_before_wrk "$(cut -d' ' -f1-3 /proc/loadavg)"
  started='{"state":"started"}' # as callback-jobs reported it: the same report again is a duplicate
  succeeded='{"state":"succeeded","description":"load run","logUrl":"https://ci.example/logs/1"}'
  say "callback: wrong job token (${duration}s)"
  drive_callback callback-wrongtoken "$out/callback/wrong-token.txt" cycle "$started" "$duration"
  say "callback: started again on known jobs (${duration}s)"
  drive_callback callback-duplicate "$out/callback/jobs.txt" cycle "$started" "$duration"
  say "callback: succeeded once per job (at most ${duration}s)"
  drive_callback callback-succeeded "$out/callback/jobs.txt" once "$succeeded" "$duration"
  for run in wrongtoken duplicate succeeded; do
    results_of "callback-$run" "callback_$run" $([ "$run" = succeeded ] || echo RPS) P50_MS P99_MS STATUSES SOCKET_ERRORS
  done
  # wrk runs for its whole -d even when every thread has stopped: the rate of the "once" run is from callback.lua's clock.
  result callback_succeeded_seconds "$(value "$out/callback-succeeded.txt" ONCE_SECONDS)"
  result callback_succeeded_rps "$(value "$out/callback-succeeded.txt" ONCE_RPS)"
  result redeploy_host_peak_rss_kb "$(peak_rss_kb "$host_pid")"
  grep -c ' warn: \| fail: ' "$out/host.log" >"$out/host-log-lines.txt" || true
  result redeploy_host_log_lines "$(cat "$out/host-log-lines.txt")"
  result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "done: $out"
  exit 0
fi


# The unique run: DURATION seconds of unique signed deliveries, the backlog worked off, and every storage call the host
# made meanwhile per accepted delivery.
unique_run() {
  say "unique deliveries (${duration}s, $threads threads, $connections connections)"
  result load_average_unique "$(load_now)"
  calls_before=$(calls STORAGE_CALLS) intake_before=$(calls STORAGE_CALLS_INTAKE) polls_before=$(calls STORAGE_CALLS_POLLS)
  cp "$calls_file" "$out/storage-calls-before-unique.txt"
  drive redeploy-unique "$url" unique "$signature" "$duration"
  result redeploy_unique_rps "$(value "$out/redeploy-unique.txt" RPS)"
  result redeploy_unique_accepted_per_s "$(value "$out/redeploy-unique.txt" PER_SECOND_202)"
  results_of redeploy-unique redeploy_unique P50_MS P99_MS STATUSES
  say "waiting for the queue side to work off the backlog"
  drain drain-unique || true
  result redeploy_backlog "$(value "$out/drain-unique.txt" DRAIN_BACKLOG)"
  result redeploy_backlog_left "$(value "$out/drain-unique.txt" DRAIN_LEFT)"
  result redeploy_backlog_seconds "$(value "$out/drain-unique.txt" DRAIN_SECONDS)"
  # Every storage call from the first unique POST until the backlog was worked off (and the last request's processing
  # ended), over the deliveries accepted: intake, processor and the queue trigger's polling (the breakdown by call is in
  # storage-calls-*.txt).
  sleep 2
  cp "$calls_file" "$out/storage-calls-after-unique.txt"
  unique_202=$(count_of "$(value "$out/redeploy-unique.txt" STATUSES)" 202)
  result storage_calls_per_accepted "$(per $(($(calls STORAGE_CALLS) - calls_before)) "$unique_202")"
  result storage_calls_per_accepted_intake "$(per $(($(calls STORAGE_CALLS_INTAKE) - intake_before)) "$unique_202")"
  result storage_calls_per_accepted_queue_side "$(per $(($(calls STORAGE_CALLS_QUEUE_SIDE) - (calls_before - intake_before))) "$unique_202")"
  # Per kind of call (side, service, method, resource), per accepted delivery: storage-calls-per-delivery.txt.
  awk -F= -v n="$unique_202" 'FNR == NR { if ($1 ~ /^CALLS /) before[$1] = $2; next }
    $1 ~ /^CALLS / && $2 - before[$1] > 0 { printf "%-70s %8d %6.2f\n", substr($1, 7), $2 - before[$1], ($2 - before[$1]) / n }' \
    "$out/storage-calls-before-unique.txt" "$out/storage-calls-after-unique.txt" >"$out/storage-calls-per-delivery.txt"
  result storage_calls_per_accepted_polls "$(per $(($(calls STORAGE_CALLS_POLLS) - polls_before)) "$unique_202")"
}

take_jobs
say "warm-up (5 s)"
drive warmup "$url" unique "$signature" 5
drain drain-warmup

if [ "$mode" = unique ]; then
  unique_run
  result jobs_taken "$(value "$out/jobs-taken.txt" JOBS_TAKEN)"
  result jobs_taken_distinct "$(value "$out/jobs-taken.txt" JOBS_DISTINCT)"
  result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "done: $out"
  exit 0
fi

if [ "$mode" = large ]; then
  large_run
  result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  say "done: $out"
  exit 0
fi

# Azurite's own ceiling, from the host's storage clients in another process, at the connections wrk uses, the host idle.
say "storage ceiling (10 s, $connections concurrent calls: table upserts and queue sends)"
result load_average_ceiling "$(load_now)"
"${bench[@]}" ceiling --storage "$storage" --concurrency "$connections" --seconds 10 >"$out/ceiling.txt" 2>&1
result ceiling_calls_per_s "$(value "$out/ceiling.txt" CEILING_CALLS_PER_S)"
result ceiling_p50_ms "$(value "$out/ceiling.txt" CEILING_P50_MS)"
result ceiling_p99_ms "$(value "$out/ceiling.txt" CEILING_P99_MS)"

# What group commit would do (one table transaction of N request rows and one message at once): docs/PERFORMANCE.md.
say "storage ceiling with batched rows (N = 1, 4, 16; 5 s each, $connections at once)"
result load_average_ceiling_batch "$(load_now)"
"${bench[@]}" ceiling-batch --storage "$storage" --concurrency "$connections" --seconds 5 --rows 1,4,16 >"$out/ceiling-batch.txt" 2>&1 ||
  say "ceiling-batch failed: $(grep -m1 -i exception "$out/ceiling-batch.txt")"
for rows in 1 4 16; do
  result "ceiling_batch${rows}_rows_per_s" "$(value "$out/ceiling-batch.txt" "CEILING_BATCH${rows}_ROWS_PER_S")"
  result "ceiling_batch${rows}_p99_ms" "$(value "$out/ceiling-batch.txt" "CEILING_BATCH${rows}_P99_MS")"
done

unique_run
# The floors: the deliveries per second Azurite's ceiling allows at that many calls each, end to end (sustained: the
# queue side keeps up) and for the intake's calls alone (a burst: the queue side works the backlog off afterwards).
result floor_accepted_per_s "$(per "$(value "$results" ceiling_calls_per_s)" "$(value "$results" storage_calls_per_accepted)")"
result floor_intake_accepted_per_s "$(per "$(value "$results" ceiling_calls_per_s)" "$(value "$results" storage_calls_per_accepted_intake)")"
result ratio_accepted_over_floor "$(per "$(value "$results" redeploy_unique_accepted_per_s)" "$(value "$results" floor_accepted_per_s)")"
result ratio_accepted_over_intake_floor "$(per "$(value "$results" redeploy_unique_accepted_per_s)" "$(value "$results" floor_intake_accepted_per_s)")"

say "one repeated delivery id (${duration}s)"
result load_average_duplicate "$(load_now)"
dup_calls_before=$(calls STORAGE_CALLS_INTAKE)
drive redeploy-duplicate "$url" same "$signature" "$duration"
results_of redeploy-duplicate redeploy_duplicate RPS P50_MS P99_MS STATUSES
result redeploy_duplicate_intake_calls_per_answer "$(per $(($(calls STORAGE_CALLS_INTAKE) - dup_calls_before)) "$(value "$out/redeploy-duplicate.txt" REQUESTS)")"
drain drain-duplicate || true

say "wrong signature (${duration}s)"
result load_average_wrongsig "$(load_now)"
wrong_calls_before=$(calls STORAGE_CALLS_INTAKE)
runtime_reset
drive redeploy-wrongsig "$url" unique "$wrong_signature" "$duration"
results_of redeploy-wrongsig redeploy_wrongsig RPS P50_MS P99_MS STATUSES
result redeploy_wrongsig_intake_calls "$(($(calls STORAGE_CALLS_INTAKE) - wrong_calls_before))"
result redeploy_wrongsig_p999_ms "$(value "$out/redeploy-wrongsig.txt" P999_MS)"
result redeploy_wrongsig_max_ms "$(value "$out/redeploy-wrongsig.txt" MAX_MS)"
runtime_report redeploy_wrongsig

# The other reject path without storage: a wrong hook token (404, as an unknown stack), half as long.
say "wrong token ($((duration / 2))s)"
result load_average_wrongtoken "$(load_now)"
wrong_url="${url%/*}/$(echo "${url##*/}" | rev)"
drive redeploy-wrongtoken "$wrong_url" unique "$signature" $((duration / 2))
results_of redeploy-wrongtoken redeploy_wrongtoken RPS P50_MS P99_MS P999_MS MAX_MS STATUSES

# ---- Burst: BURST_COUNT unique deliveries at BURST_CONNECTIONS, every 202 checked against the jobs ------------------------
# The burst and paced drivers take the jobs themselves, each one checked against its delivery.
stop_taking_jobs
result jobs_taken_before_burst "$(value "$out/jobs-taken.txt" JOBS_TAKEN)"
result jobs_taken_distinct_before_burst "$(value "$out/jobs-taken.txt" JOBS_DISTINCT)"
burst_count=${BURST_COUNT:-2000} burst_connections=${BURST_CONNECTIONS:-64}
say "burst: $burst_count deliveries at $burst_connections connections"
result load_average_burst "$(load_now)"
timeout 300 "${bench[@]}" burst --url "$url" --storage "$storage" --count "$burst_count" --concurrency "$burst_connections" \
  --payload "$payload" --signature "$out/payload/github-push.sig" >"$out/burst.txt" 2>&1 || true
for key in BURST_ANSWERS BURST_5XX BURST_NO_ANSWER BURST_P50_MS BURST_P99_MS BURST_MAX_MS BURST_ACCEPTED BURST_ACCEPTED_PER_S \
  BURST_JOBS BURST_ACCEPTED_WITHOUT_JOB BURST_DOUBLED BURST_LAST_JOB_SECONDS BURST_BACKLOG_AT_LAST_ANSWER \
  BURST_BACKLOG_DRAINED BURST_BACKLOG_DRAIN_SECONDS BURST_BACKLOG_DRAIN_PER_S; do
  result "$(echo "$key" | tr 'A-Z' 'a-z')" "$(value "$out/burst.txt" "$key")"
done
result ratio_burst_drain_over_accept "$(per "$(value "$out/burst.txt" BURST_BACKLOG_DRAIN_PER_S)" "$(value "$out/burst.txt" BURST_ACCEPTED_PER_S)")"
drain drain-burst || true

# ---- 2. Paced: POST -> job ------------------------------------------------------------------------------------------
say "paced: $paced_rate deliveries/s for ${paced_seconds}s, POST -> job on deployment-jobs"
result load_average_paced "$(load_now)"
timeout $((paced_seconds + 120)) "${bench[@]}" paced --url "$url" --storage "$storage" --rate "$paced_rate" \
  --seconds "$paced_seconds" --payload "$payload" --signature "$out/payload/github-push.sig" >"$out/paced.txt" 2>&1 || true
for key in PACED_ANSWERS PACED_ANSWER_P50_MS PACED_ANSWER_P99_MS PACED_JOBS PACED_JOBS_MISSING PACED_JOB_DELAY_P50_MS PACED_JOB_DELAY_P99_MS PACED_JOB_DELAY_MAX_MS PACED_STATUSES; do
  result "$(echo "$key" | tr 'A-Z' 'a-z')" "$(value "$out/paced.txt" "$key")"
done

result redeploy_host_peak_rss_kb "$(peak_rss_kb "$host_pid")"
result azurite_peak_rss_kb "$(peak_rss_kb "$azurite_pid")"

# After the whole run's peak RSS is read: the 1 MB phase resets it.
take_jobs
large_run
stop_taking_jobs
grep -c ' warn: \| fail: ' "$out/host.log" >"$out/host-log-lines.txt" || true
result redeploy_host_log_lines "$(cat "$out/host-log-lines.txt")"
stop_host

# ---- 3. The peer: adnanh/webhook -------------------------------------------------------------------------------------
say "peer: webhook $(webhook -version 2>&1 | head -1) on 127.0.0.1:$peer_port"
sed "s/@SECRET@/$(cat "$out/payload/secret")/" "$here/hooks.json.in" >"$out/hooks.json"
webhook -hooks "$out/hooks.json" -ip 127.0.0.1 -port "$peer_port" >"$out/webhook.log" 2>&1 &
peer_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$peer_port") 2>/dev/null && break; sleep 0.1; done
peer_url="http://127.0.0.1:$peer_port/hooks/redeploy"
drive peer-warmup "$peer_url" unique "$signature" 5
result load_average_peer "$(load_now)"
drive peer-unique "$peer_url" unique "$signature" "$duration"
result peer_unique_rps "$(value "$out/peer-unique.txt" RPS)"
result peer_unique_accepted_per_s "$(value "$out/peer-unique.txt" PER_SECOND_200)"
results_of peer-unique peer_unique P50_MS P99_MS STATUSES
drive peer-wrongsig "$peer_url" unique "$wrong_signature" "$duration"
results_of peer-wrongsig peer_wrongsig RPS P50_MS P99_MS STATUSES P999_MS MAX_MS
drive peer-wrongtoken "${peer_url}x" unique "$signature" $((duration / 2))
results_of peer-wrongtoken peer_wrongtoken RPS P50_MS P99_MS STATUSES
result peer_peak_rss_kb "$(peak_rss_kb "$peer_pid")"
stop "$peer_pid"
peer_pid=""

ratio() { per "$(value "$results" "$1")" "$(value "$results" "$2")"; }
result ratio_accepted_redeploy_over_peer "$(ratio redeploy_unique_accepted_per_s peer_unique_accepted_per_s)"
# The peer keeps no record of deliveries: its answer to a repeated one is its answer to any (the unique run).
result ratio_duplicate_redeploy_over_peer "$(ratio redeploy_duplicate_rps peer_unique_rps)"
result ratio_duplicate_p99_redeploy_over_peer "$(ratio redeploy_duplicate_p99_ms peer_unique_p99_ms)"
result ratio_wrongsig_redeploy_over_peer "$(ratio redeploy_wrongsig_rps peer_wrongsig_rps)"
result ratio_wrongsig_p50_redeploy_over_peer "$(ratio redeploy_wrongsig_p50_ms peer_wrongsig_p50_ms)"
result ratio_wrongsig_p99_redeploy_over_peer "$(ratio redeploy_wrongsig_p99_ms peer_wrongsig_p99_ms)"
# The peer has no per-hook token: an unknown hook id is its wrong token (404 there too).
result ratio_wrongtoken_redeploy_over_peer "$(ratio redeploy_wrongtoken_rps peer_wrongtoken_rps)"
result ratio_wrongtoken_p99_redeploy_over_peer "$(ratio redeploy_wrongtoken_p99_ms peer_wrongtoken_p99_ms)"
result ratio_burst_accepted_redeploy_over_peer "$(ratio burst_accepted_per_s peer_unique_accepted_per_s)"
result load_average_end "$(cut -d' ' -f1-3 /proc/loadavg)"
say "done: $out"
exit
}

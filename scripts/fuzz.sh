#!/usr/bin/env bash
# Fuzzes the delivery readers and JsonSyntax with SharpFuzz and afl++ (docs/SECURITY.md, "Fuzzing"):
#   scripts/fuzz.sh [minutes]        default 30; runs afl-fuzz for that long on one core, then prints the figures
# Builds Fuzz/ in Release, instruments Redeploy.Core.dll (SharpFuzz.CommandLine), seeds afl-fuzz with Fuzz/corpus and
# replays what it found (crashes, hangs) through the same targets. Needs afl++ (Debian: apt-get install afl++); installs
# the sharpfuzz tool into the output folder. Settings (environment): OUT=Fuzz/out (kept between runs: a second run with
# RESUME=1 goes on from the first one's queue).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=${1:-30}
out=${OUT:-$root/Fuzz/out}
build="$out/build"
findings="$out/findings"
tools="$out/tools"

say() { echo "== $*" >&2; }

if ! command -v afl-fuzz >/dev/null; then
  say "installing afl++ (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi

if [ ! -x "$tools/sharpfuzz" ]; then
  say "installing SharpFuzz.CommandLine"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

# A fresh build each time: the instrumented Redeploy.Core.dll must never be instrumented twice.
say "building Fuzz (Release) and instrumenting Redeploy.Core.dll"
rm -rf "$build"
dotnet build -c Release "$root/Fuzz" -o "$build" -nologo -v q >"$out.build.log" 2>&1 || { tail -20 "$out.build.log"; exit 1; }
# The instrumented build runs only under afl-fuzz; crashes are replayed with an uninstrumented copy.
rm -rf "$out/replay"
cp -r "$build" "$out/replay"
"$tools/sharpfuzz" "$build/Redeploy.Core.dll"

input="$root/Fuzz/corpus"
if [ "${RESUME:-0}" = 1 ] && [ -d "$findings/default/queue" ]; then
  input=-
else
  rm -rf "$findings"
fi

say "afl-fuzz for $minutes minute(s); findings in $findings"
# dotnet itself is not instrumented (SharpFuzz reports coverage through afl's shared memory), so afl's binary check is off.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_AUTORESUME=1 \
  afl-fuzz -i "$input" -o "$findings" -t 5000 -m none -V $((minutes * 60)) -- "$(command -v dotnet)" "$build/Redeploy.Fuzz.dll" \
  >"$out/afl.log" 2>&1 || { tail -30 "$out/afl.log"; exit 1; }

stats="$findings/default/fuzzer_stats"
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
echo "run_time_seconds=$(stat run_time)"
echo "execs_done=$(stat execs_done)"
echo "execs_per_sec=$(stat execs_per_sec)"
echo "corpus_count=$(stat corpus_count)"
echo "edges_found=$(stat edges_found)"
echo "bitmap_cvg=$(stat bitmap_cvg)"
echo "saved_crashes=$(stat saved_crashes)"
echo "saved_hangs=$(stat saved_hangs)"

found=$(find "$findings/default/crashes" "$findings/default/hangs" -type f -name 'id:*' 2>/dev/null | sort)
if [ -n "$found" ]; then
  say "replaying crashes and hangs (keep each as a fixture in Tests/Fixtures/fuzz/)"
  # shellcheck disable=SC2086
  dotnet "$out/replay/Redeploy.Fuzz.dll" replay $found || true
fi

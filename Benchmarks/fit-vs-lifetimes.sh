#!/usr/bin/env bash
# `secondsale fit CDNOW_master.txt --model bgnbd` end to end (the wall-clock time of the whole
# process: start, import, summaries, fit, holdout check, output) against lifetimes'
# `calibration_and_holdout_data` + `BetaGeoFitter.fit` on the same file, measured side by side:
# rounds of five `secondsale` runs and one lifetimes run (medians of --repeats 3 of its steps),
# interleaved, so that both see the same load. Prints every figure, then medians and ranges.
#
# Usage: Benchmarks/fit-vs-lifetimes.sh PYTHON [ROUNDS]
#   PYTHON  the python of a virtual environment outside the repository with `pip install lifetimes`
#   ROUNDS  default 5
# Needs a release build (`swift build -c release --product secondsale`, on Linux linked
# statically with the Swift runtime and Foundation, see Package.swift; or name another
# binary, a build to compare with, in the SECONDSALE environment variable) and the shared
# tools folder beside the project (`../shared/tools/lifetimes_timings.py`).
set -euo pipefail
[ -n "${EPOCHREALTIME:-}" ] || { echo "needs bash 5 or later (EPOCHREALTIME)" >&2; exit 1; }
python=${1:?usage: $0 PYTHON [ROUNDS]}
rounds=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/Tests/Data/cdnow"
secondsale=${SECONDSALE:-"$root/.build/release/secondsale"}
timings="$root/../shared/tools/lifetimes_timings.py"
[ -x "$secondsale" ] || { echo "build first: swift build -c release --product secondsale" >&2; exit 1; }
[ -f "$timings" ] || { echo "missing $timings" >&2; exit 1; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for _ in 1 2 3 4 5; do
    # Microseconds from bash's own clock: a `$(date +%s%N)` around the run would count the start
    # of the second `date` process (2-3 ms here) in the run's time.
    start=${EPOCHREALTIME/[.,]/}
    "$secondsale" fit "$data/CDNOW_master.txt" --model bgnbd --calibration-end 1997-09-30 \
      --observation-end 1998-06-30 >/dev/null
    end=${EPOCHREALTIME/[.,]/}
    echo "secondsale $(( end - start ))" | tee -a "$results"
  done
  "$python" "$timings" --data "$data" --repeats 3 | "$python" -c '
import json, sys
seconds = json.load(sys.stdin)["CDNOW_master.txt"]["seconds"]
print("lifetimes %d %d" % (seconds["calibrationSummary"] * 1e6, seconds["bgnbdFitCompressed"] * 1e6))' \
    | tee -a "$results"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$results" <<'EOF'
import statistics, sys
ours, summary, fit, total = [], [], [], []
for line in open(sys.argv[1]):
    fields = line.split()
    if fields[0] == "secondsale":
        ours.append(int(fields[1]) / 1e3)
    else:
        summary.append(int(fields[1]) / 1e3); fit.append(int(fields[2]) / 1e3)
        total.append(summary[-1] + fit[-1])
def show(name, values):
    print(f"{name}: median {statistics.median(values):.1f} ms, range {min(values):.1f}-{max(values):.1f} ms, {len(values)} runs")
show("secondsale fit, end to end", ours)
show("lifetimes calibration_and_holdout_data", summary)
show("lifetimes BetaGeoFitter.fit (compressed)", fit)
show("lifetimes both", total)
print(f"ratio of the medians: {statistics.median(ours) / statistics.median(total):.3f}")
EOF

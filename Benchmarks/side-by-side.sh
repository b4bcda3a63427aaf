#!/usr/bin/env bash
# Runs two builds of retention-benchmarks alternately (A, B, A, B, ...) and prints, per benchmark,
# the median over the rounds of each build's median, and the ratio B / A.
#
#   Benchmarks/side-by-side.sh OLD_BINARY NEW_BINARY [ROUNDS] [-- benchmark options]
#
# Both binaries get the same options (for example `--repeats 5 --filter CDNOW`). Run it on a
# quiet machine: the load average is printed before and after.
set -euo pipefail
old=$1 new=$2 rounds=${3:-3}
shift 2; [ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$rounds"); do
  "$old" "$@" --json "$work/old-$round.json" >/dev/null
  "$new" "$@" --json "$work/new-$round.json" >/dev/null
  echo "round $round done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def load(side):
    runs = [json.load(open(f"{work}/{side}-{r}.json")) for r in range(1, rounds + 1)]
    names, medians = [], {}
    for run in runs:
        for result in (run if isinstance(run, list) else run.get("results", [])):
            if result["name"] not in medians:
                names.append(result["name"]); medians[result["name"]] = []
            medians[result["name"]].append(result["medianSeconds"])
    return names, {n: statistics.median(v) for n, v in medians.items()}
names, old = load("old")
_, new = load("new")
print("| benchmark | before (s) | after (s) | after / before |")
print("|---|---:|---:|---:|")
for name in names:
    if name in new:
        print(f"| {name.strip()} | {old[name]:.4f} | {new[name]:.4f} | {new[name] / old[name]:.2f} |")
PY

#!/usr/bin/env bash
# The Pareto/NBD fit on UCI Online Retail (calibration to 2011-06-30, 2,960 customers, 1,684
# (x, t_x, T) triples) against lifetimes' ParetoNBDFitter on the same triples, measured side by
# side: rounds of `retention-benchmarks --filter "Pareto/NBD fit, UCI"` (median of --repeats 11)
# and of lifetimes' fit on the compressed triples (median of 3), interleaved, so that both see
# the same load. The triples for lifetimes are built in pandas with the same conventions
# (REFERENCES.md: no customer id, `C` invoices, quantity <= 0 or price <= 0 are not purchases;
# one purchase per customer and day; weeks = days / 7). Prints every figure, then the medians.
#
# Usage: Benchmarks/uci-pareto-vs-lifetimes.sh PYTHON [ROUNDS]
#   PYTHON  the python of a virtual environment outside the repository with `pip install lifetimes`
#   ROUNDS  default 3
# Needs a release build (`swift build -c release --product retention-benchmarks`) and the shared
# data folder beside the project (`../shared/data/online-retail/online_retail.csv`).
set -euo pipefail
python=${1:?usage: $0 PYTHON [ROUNDS]}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/../shared/data/online-retail/online_retail.csv"
benchmarks="$root/.build/release/retention-benchmarks"
[ -x "$benchmarks" ] || { echo "build first: swift build -c release --product retention-benchmarks" >&2; exit 1; }
[ -f "$data" ] || { echo "missing $data" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/lifetimes_uci.py" <<'EOF'
import json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from lifetimes import ParetoNBDFitter
df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "CustomerID": str})
df = df[df.CustomerID.notna() & ~df.InvoiceNo.str.startswith("C") & (df.Quantity > 0) & (df.UnitPrice > 0)]
days = df.assign(day=pd.to_datetime(df.InvoiceDate).dt.normalize())[["CustomerID", "day"]].drop_duplicates()
end = pd.Timestamp("2011-06-30")
days = days[days.day <= end].groupby("CustomerID").day
summary = pd.DataFrame({"x": days.nunique() - 1, "tx": (days.max() - days.min()).dt.days / 7,
                        "T": (end - days.min()).dt.days / 7})
triples = summary.groupby(["x", "tx", "T"]).size().reset_index(name="w")
times, fitter = [], None
for _ in range(3):
    start = time.perf_counter()
    fitter = ParetoNBDFitter().fit(triples.x, triples.tx, triples["T"], weights=triples.w)
    times.append(time.perf_counter() - start)
print(json.dumps({"customers": int(triples.w.sum()), "triples": len(triples), "seconds": statistics.median(times),
                  "parameters": {k: float(v) for k, v in fitter.params_.items()}}))
EOF
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  "$benchmarks" --repeats 11 --filter "Pareto/NBD fit, UCI" --json "$work/ours-$round.json" | grep "Pareto/NBD fit, UCI"
  "$python" "$work/lifetimes_uci.py" "$data" | tee "$work/lifetimes-$round.json"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$work" "$rounds" <<'EOF'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
ours = []
for r in range(1, rounds + 1):
    run = json.load(open(f"{work}/ours-{r}.json"))
    ours += [x["medianSeconds"] for x in (run if isinstance(run, list) else run["results"])]
theirs = [json.load(open(f"{work}/lifetimes-{r}.json"))["seconds"] for r in range(1, rounds + 1)]
print(f"secondsale Pareto/NBD fit (UCI, compressed): median {statistics.median(ours) * 1e3:.1f} ms, range {min(ours) * 1e3:.1f}-{max(ours) * 1e3:.1f} ms")
print(f"lifetimes ParetoNBDFitter.fit (same triples): median {statistics.median(theirs):.2f} s, range {min(theirs):.2f}-{max(theirs):.2f} s")
print(f"ratio of the medians: {statistics.median(ours) / statistics.median(theirs):.4f}")
EOF

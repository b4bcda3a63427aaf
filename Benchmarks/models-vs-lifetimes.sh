#!/usr/bin/env bash
# The fits of `secondsale fit --model all` against lifetimes on the same data, side by side:
# rounds of `retention-benchmarks --filter "lifetimes"` (the MBG/NBD and BG/BB rows, and the
# CNBD-k and covariate fits, which lifetimes does not have) and of `--filter "model: "` (BG/NBD
# and Pareto/NBD), interleaved with lifetimes' ModifiedBetaGeoFitter, BetaGeoBetaBinomFitter,
# ParetoNBDFitter and BetaGeoFitter on the same compressed data (median of 3 each), so that both
# see the same load. Data: the CDNOW master file (calibration to 1997-09-30, weeks = days / 7)
# and UCI Online Retail (calibration to 2011-06-30; REFERENCES.md conventions: no customer id,
# `C` invoices, quantity <= 0 or price <= 0 are not purchases; one purchase per customer and
# day). The BG/BB has one opportunity per day: x repeat purchase days, t_x and n in days.
#
# Usage: Benchmarks/models-vs-lifetimes.sh PYTHON [ROUNDS]
#   PYTHON  the python of a virtual environment outside the repository with `pip install lifetimes`
#   ROUNDS  default 2
# Needs a release build (`swift build -c release --product retention-benchmarks`) and the shared
# data folder beside the project (`../shared/data/online-retail/online_retail.csv`).
set -euo pipefail
python=${1:?usage: $0 PYTHON [ROUNDS]}
rounds=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
retail="$root/../shared/data/online-retail/online_retail.csv"
cdnow="$root/Tests/Data/cdnow/CDNOW_master.txt"
benchmarks="$root/.build/release/retention-benchmarks"
[ -x "$benchmarks" ] || { echo "build first: swift build -c release --product retention-benchmarks" >&2; exit 1; }
[ -f "$retail" ] || { echo "missing $retail" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/lifetimes_models.py" <<'PY'
import json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from lifetimes import BetaGeoBetaBinomFitter, BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

def days_cdnow(path):
    df = pd.read_csv(path, sep=r"\s+", header=None, dtype=str)
    df = df[df[0].str.isdigit()]
    df = df.iloc[:, [0, -3]] if df.shape[1] == 4 else df.iloc[:, [0, 2]]
    df.columns = ["id", "day"]
    df["day"] = pd.to_datetime(df["day"], format="%Y%m%d")
    return df.drop_duplicates(), pd.Timestamp("1997-09-30")

def days_uci(path):
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "CustomerID": str})
    df = df[df.CustomerID.notna() & ~df.InvoiceNo.str.startswith("C") & (df.Quantity > 0) & (df.UnitPrice > 0)]
    df = df.assign(day=pd.to_datetime(df.InvoiceDate).dt.normalize())[["CustomerID", "day"]]
    df.columns = ["id", "day"]
    return df.drop_duplicates(), pd.Timestamp("2011-06-30")

def timed(fit):
    times, out = [], None
    for _ in range(3):
        start = time.perf_counter(); out = fit(); times.append(time.perf_counter() - start)
    return statistics.median(times), out

result = {}
for name, (days, end) in (("CDNOW master", days_cdnow(sys.argv[1])), ("UCI Online Retail", days_uci(sys.argv[2]))):
    grouped = days[days.day <= end].groupby("id").day
    x = grouped.nunique() - 1
    tx = (grouped.max() - grouped.min()).dt.days
    age = (end - grouped.min()).dt.days
    weeks = pd.DataFrame({"x": x, "tx": tx / 7, "T": age / 7}).groupby(["x", "tx", "T"]).size().reset_index(name="w")
    daily = pd.DataFrame({"x": x, "tx": tx, "n": age}).groupby(["x", "tx", "n"]).size().reset_index(name="w")
    entry = {"customers": int(weeks.w.sum()), "triples": len(weeks), "dailyPatterns": len(daily), "seconds": {}, "logLikelihood": {}}
    fits = {
        "BG/NBD": lambda: BetaGeoFitter().fit(weeks.x, weeks.tx, weeks["T"], weights=weeks.w),
        "MBG/NBD": lambda: ModifiedBetaGeoFitter().fit(weeks.x, weeks.tx, weeks["T"], weights=weeks.w),
        "Pareto/NBD": lambda: ParetoNBDFitter().fit(weeks.x, weeks.tx, weeks["T"], weights=weeks.w),
        "BG/BB (daily)": lambda: BetaGeoBetaBinomFitter().fit(daily.x, daily.tx, daily.n, weights=daily.w),
    }
    for model, fit in fits.items():
        start = time.perf_counter()
        try:
            seconds, fitter = timed(fit)
            entry["seconds"][model] = seconds
            entry["logLikelihood"][model] = float(fitter._negative_log_likelihood_) * -1 if hasattr(fitter, "_negative_log_likelihood_") else None
        except Exception as error:
            # The time until lifetimes gave up (one attempt).
            entry["seconds"][model] = time.perf_counter() - start
            entry["logLikelihood"][model] = "failed: %s" % str(error).strip()[:60]
    result[name] = entry
print(json.dumps(result, default=float))
PY
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  "$benchmarks" --repeats 5 --filter "lifetimes" --json "$work/ours-a-$round.json" | grep -E "lifetimes|counterpart"
  "$benchmarks" --repeats 5 --filter "model: " --json "$work/ours-b-$round.json" | grep -E "CDNOW master|UCI" | grep -v scoring
  "$benchmarks" --repeats 5 --filter "covariates: " --json "$work/ours-c-$round.json" | grep "first order"
  "$python" "$work/lifetimes_models.py" "$cdnow" "$retail" | tee "$work/lifetimes-$round.json"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

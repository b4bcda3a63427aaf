#!/usr/bin/env bash
# The whole scale pipeline: generated orders in Spark, triples into Swift, the fit, and the merge
# of 8 shards (see README.md in this directory).
#
#   bash Benchmarks/spark/scale/scale.sh [ORDERS]        # default 100000000
#
# Environment: SCALE_DATA (data and results, outside the repository; default /work/scale-data),
# SPARK_PYTHON (a Python with pyspark; default /work/venv-spark/bin/python), DRIVER_MEMORY,
# SHUFFLE_PARTITIONS, SKIP (Spark steps to leave out: summary, triples, shards; comma-separated).
# The table is generated once and reused; results go to $SCALE_DATA/run-ORDERS/ (results.json,
# whole.json, shards.json, the *.time logs, report.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
orders=${1:-100000000}
root=${SCALE_DATA:-/work/scale-data}
python=${SPARK_PYTHON:-/work/venv-spark/bin/python}
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
if [ "$orders" -ge 50000000 ]; then memory=12g partitions=32; else memory=8g partitions=8; fi
memory=${DRIVER_MEMORY:-$memory}
partitions=${SHUFFLE_PARTITIONS:-$partitions}
here=Benchmarks/spark/scale
data=$root/orders-$orders
out=$root/run-$orders
mkdir -p "$root"

bin=$(swift build -c release --show-bin-path)
if [ ! -x "$bin/secondsale" ] || [ ! -x "$bin/retention-benchmarks" ]; then
  swift build -c release --product secondsale
  swift build -c release --product retention-benchmarks
fi
arguments=(--dialect spark --table orders --customer-column customer_id --timestamp-column placed_at
  --amount-column amount --refund-column refunded --status-column status
  --purchase-statuses paid,pending,partially_refunded
  --calibration-end 2023-06-30 --observation-end 2023-12-31 --unit weeks --inline)
"$bin/secondsale" sql "${arguments[@]}" --query summary >"$root/summary.sql"
"$bin/secondsale" sql "${arguments[@]}" --query triples >"$root/triples.sql"

if [ ! -f "$data/_SUCCESS" ]; then
  echo "== generating $orders orders into $data"
  /usr/bin/time -v -o "$root/generate-$orders.time" "$python" "$here/generate.py" --orders "$orders" --out "$data" \
    2>&1 | grep '^generated'
fi
echo "== Spark, local[2], driver memory $memory, $partitions shuffle partitions (load $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -v -o "$root/spark-$orders.time" "$python" "$here/run.py" --data "$data" \
  --summary-sql "$root/summary.sql" --triples-sql "$root/triples.sql" --out "$out" \
  --driver-memory "$memory" --shuffle-partitions "$partitions" --skip "${SKIP:-}" >"$root/spark-$orders.log" 2>&1 ||
  { tail -n 40 "$root/spark-$orders.log"; exit 1; }
grep -E '^(summary|triples|shard-[0-9]):' "$root/spark-$orders.log"
mv "$root/generate-$orders.time" "$out/" 2>/dev/null || true
mv "$root/spark-$orders.time" "$root/spark-$orders.log" "$out/"

echo "== Swift: ingest the triples, merge, fit BG/NBD (load $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -v -o "$out/whole.time" "$bin/retention-benchmarks" triples --unit weeks --json "$out/whole.json" \
  "$out"/triples/part-*.csv >/dev/null
if [ -d "$out/shard-0" ]; then
  /usr/bin/time -v -o "$out/shards.time" "$bin/retention-benchmarks" triples --unit weeks --json "$out/shards.json" \
    "$out"/shard-*/part-*.csv >/dev/null
fi
"$python" "$here/report.py" "$out" | tee "$out/report.md"

#!/usr/bin/env bash
# Database-side customer summaries for 10 million generated orders in PostgreSQL.
#
#   [ROUNDS=n] bash Benchmarks/postgres/summary-10m.sh [ORDERS] [CUSTOMERS]
#
# Starts a throwaway cluster on a Unix socket in a temporary directory (as nobody when run as
# root), generates the orders with generate_series, runs the queries `secondsale sql` prints
# with \timing, and measures what would cross the wire: the per-customer summaries, the
# compressed triples, and the raw order rows, each as `COPY ... TO STDOUT (FORMAT csv, HEADER)`.
# The cluster is stopped and removed on exit. Figures: Documentation/LargeShops.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
orders=${1:-10000000}
customers=${2:-1000000}
secondsale=${SECONDSALE_BIN:-$(swift build --show-bin-path)/secondsale}
[ -x "$secondsale" ] || swift build --product secondsale
pg_initdb=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
pg_bin=$(dirname "$(readlink -f "$pg_initdb")")
work=$(mktemp -d /tmp/secondsale-bench-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then chown nobody: "$work"; as_pg=(runuser -u nobody --); fi
stop() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U bench --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -c listen_addresses= -p 54330 -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB -c work_mem=256MB" start >/dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$work" -p 54330 -U bench -d postgres)

echo "== $("${psql[@]}" -At -c 'SELECT version()')"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== generating $orders orders of $customers customers"
"${psql[@]}" <<SQL
\timing on
SELECT setseed(0.42);
-- Skewed customers (a few buy often), two years of orders, amounts in cents, 5 % cancelled,
-- 3 % refunded, 2 % partially refunded, 1 % guests.
CREATE UNLOGGED TABLE orders AS
SELECT
  CASE WHEN random() < 0.01 THEN NULL
       ELSE 'C' || lpad(floor(power(random(), 2) * $customers)::int::text, 7, '0') END AS customer_id,
  timestamptz '2022-01-01 00:00+00' + random() * interval '730 days' AS placed_at,
  round((5 + random() * 195)::numeric, 2) AS amount,
  0::numeric(12, 2) AS refunded,
  (ARRAY['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid',
         'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'pending', 'cancelled',
         'refunded'])[1 + floor(random() * 20)::int] AS status
FROM generate_series(1, $orders);
UPDATE orders SET status = 'partially_refunded', refunded = round(amount / 3, 2)
  WHERE status = 'paid' AND random() < 0.02;
VACUUM ANALYZE orders;
SELECT pg_size_pretty(pg_total_relation_size('orders')) AS table_size, count(*) AS orders,
  count(DISTINCT customer_id) AS customers FROM orders;
SQL

arguments=(--dialect postgres --table orders --customer-column customer_id --timestamp-column placed_at
  --amount-column amount --refund-column refunded --status-column status
  --purchase-statuses paid,pending,partially_refunded
  --calibration-end 2023-06-30 --observation-end 2023-12-31 --unit weeks --inline)
"$secondsale" sql "${arguments[@]}" --query summary | sed '$ s/;$//' >"$work/summary.sql"
"$secondsale" sql "${arguments[@]}" --query triples | sed '$ s/;$//' >"$work/triples.sql"
chmod a+r "$work"/*.sql

run() { # name, query file: time the query inside the database, then the CSV it returns
  echo "== $1: inside the database (CREATE TEMP TABLE AS, nothing sent)"
  { echo '\timing on'; echo "CREATE TEMP TABLE result AS"; cat "$2"; echo ";"; } | "${psql[@]}" | grep Time
  echo "== $1: as CSV to the client"
  { echo '\timing on'; echo "COPY ("; cat "$2"; echo ") TO STDOUT (FORMAT csv, HEADER);"; } |
    "${psql[@]}" >"$work/$1.csv" 2>"$work/$1.err" || { cat "$work/$1.err"; exit 1; }
  grep -a Time "$work/$1.csv" || true
  grep -av '^Time:' "$work/$1.csv" >"$work/$1.clean.csv"
  echo "   rows $(($(wc -l <"$work/$1.clean.csv") - 1)), bytes $(wc -c <"$work/$1.clean.csv"), gzip $(gzip -c "$work/$1.clean.csv" | wc -c)"
}
for round in $(seq 1 "${ROUNDS:-1}"); do
  echo "---- round $round"
  run summary "$work/summary.sql"
  run triples "$work/triples.sql"
done
echo "== raw rows (what a client-side summary would have to fetch)"
{ echo '\timing on'; echo "COPY (SELECT customer_id, placed_at, amount, refunded, status FROM orders) TO STDOUT (FORMAT csv, HEADER);"; } |
  "${psql[@]}" | grep -av '^Time:' >"$work/raw.csv"
echo "   rows $(($(wc -l <"$work/raw.csv") - 1)), bytes $(wc -c <"$work/raw.csv"), gzip $(gzip -c "$work/raw.csv" | wc -c)"

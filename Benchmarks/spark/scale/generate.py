"""Generates a synthetic order table as Parquet, split in 8 shards by customer.

    python generate.py --orders 100000000 --out /work/scale-data/orders-100m

The layout is the SDK's order table for `secondsale sql` (the columns of
Benchmarks/postgres/summary-10m.sh, with the same distributions): customer_id (string, NULL for
a guest), placed_at (TIMESTAMP, an instant), amount and refunded (decimal(12,2)), status. Every
value is a hash of the row number (xxhash64 with a salt per column), so the table is the same
whatever the number of tasks, cores or machines:

- customers: 'C' + 8 digits, floor(u^2 * customers) (a few buy often), 1 % guests (NULL);
- placed_at: uniform over the 730 days from 2022-01-01 00:00 UTC, whole seconds;
- amount: 5.00 to 200.00; status: 85 % paid, 5 % pending, 5 % cancelled, 5 % refunded;
  2 % of the paid orders are partially_refunded with a third of the amount refunded.

The table is written partitioned by shard = pmod(xxhash64(customer_id), 8): the directory
`shard=k` holds all the orders of its customers, and the whole directory is the whole table.
"""
import argparse
import os
import time

from pyspark.sql import SparkSession, functions as F


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, required=True)
    parser.add_argument("--customers", type=int, help="customer id space (default: orders / 10)")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--out", required=True, help="output directory (outside the repository)")
    parser.add_argument("--driver-memory", default="8g")
    args = parser.parse_args()
    customers = args.customers or max(1, args.orders // 10)
    spark = (
        SparkSession.builder.master("local[2]").appName("secondsale-scale-generate")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.parquet.compression.codec", "snappy")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    # One task per 12.5M rows: each writes one file per shard.
    tasks = max(2, -(-args.orders // 12_500_000))

    def uniform(salt):  # 53 random bits of the row number -> [0, 1)
        return F.expr(f"cast(xxhash64(id, {salt}) & 9007199254740991 as double) / 9007199254740992.0")

    rows = spark.range(0, args.orders, numPartitions=tasks)
    rows = rows.select(
        F.when(uniform(2) < 0.01, F.lit(None).cast("string"))
        .otherwise(F.concat(F.lit("C"), F.lpad(F.floor(uniform(1) * uniform(1) * customers).cast("string"), 8, "0")))
        .alias("customer_id"),
        F.expr(f"timestamp_seconds(1640995200 + cast(floor({uniform(3)._jc.toString()} * 63072000) as bigint))")
        .alias("placed_at"),
        F.round(F.lit(5) + uniform(4) * 195, 2).cast("decimal(12,2)").alias("amount"),
        F.floor(uniform(5) * 20).cast("int").alias("status_draw"),
        uniform(6).alias("partial_draw"),
    )
    partial = (F.col("status_draw") < 17) & (F.col("partial_draw") < 0.02)
    rows = rows.select(
        "customer_id", "placed_at", "amount",
        F.when(partial, F.round(F.col("amount") / 3, 2)).otherwise(F.lit(0)).cast("decimal(12,2)").alias("refunded"),
        F.when(partial, "partially_refunded").when(F.col("status_draw") < 17, "paid")
        .when(F.col("status_draw") == 17, "pending").when(F.col("status_draw") == 18, "cancelled")
        .otherwise("refunded").alias("status"),
        F.expr(f"pmod(xxhash64(customer_id), {args.shards})").cast("int").alias("shard"),
    )
    start = time.perf_counter()
    rows.write.mode("overwrite").partitionBy("shard").parquet(args.out)
    elapsed = time.perf_counter() - start
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(args.out) for f in fs)
    print(f"generated {args.orders} orders (customer id space {customers}) in {elapsed:.1f} s wall, "
          f"{size} bytes of Parquet in {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()

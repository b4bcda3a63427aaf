"""Times the SDK's generated Spark SQL on a generated order table in local mode, whole and by shard.

    python run.py --data /work/scale-data/orders-100m --summary-sql summary.sql \
        --triples-sql triples.sql --out /work/scale-data/run-100m

Reads the Parquet table written by generate.py as the view `orders` and runs, each in its own
job group: the summary query (one row per customer, written as CSV part files), the triple
query (written as one CSV file), and the triple query on each `shard=k` directory alone (one CSV
file per shard). Measures for each: wall time, the peak RSS of Spark's JVM during it (VmHWM of
/proc/PID/status, reset before each step through /proc/PID/clear_refs), and from Spark's event
log the task metrics of its stages: rows and bytes read from Parquet, rows and bytes shuffled,
spill, task and CPU time. Writes everything to OUT/results.json and the query plans to
OUT/plans.txt. The SQL is run as written; only the session time zone is set (--time-zone).
"""
import argparse
import contextlib
import glob
import io
import json
import os
import shutil
import time

from pyspark.sql import SparkSession

METRICS = {
    "input.recordsRead": "input_rows", "input.bytesRead": "input_bytes",
    "shuffle.write.recordsWritten": "shuffle_write_rows", "shuffle.write.bytesWritten": "shuffle_write_bytes",
    "shuffle.read.recordsRead": "shuffle_read_rows",
    "shuffle.read.localBytesRead": "shuffle_read_local_bytes",
    "shuffle.read.remoteBytesRead": "shuffle_read_remote_bytes",
    "memoryBytesSpilled": "spill_memory_bytes", "diskBytesSpilled": "spill_disk_bytes",
    "executorRunTime": "task_ms", "executorCpuTime": "task_cpu_ns",
    "output.recordsWritten": "output_rows", "output.bytesWritten": "output_bytes",
}


def jvm_pid(spark):
    pid = spark.sparkContext._gateway.proc.pid
    with open(f"/proc/{pid}/comm") as comm:
        if comm.read().strip() == "java":
            return pid
    for child in glob.glob(f"/proc/{pid}/task/*/children"):  # spark-submit did not exec java
        for candidate in open(child).read().split():
            if open(f"/proc/{candidate}/comm").read().strip() == "java":
                return int(candidate)
    raise RuntimeError("cannot find Spark's JVM")


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def cpu_seconds(pid):
    """User and system CPU time of the JVM so far (all its threads: tasks, GC, JIT)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
        return True
    except OSError:
        return False


def stage_metrics(event_dir):  # also: python -c 'import run; print(run.stage_metrics(DIR))'
    """Sums the task metrics of every completed stage by job group."""
    # Spark 4 writes a rolling log: a directory eventlog_v2_APP with events_N_APP files.
    logs = sorted(os.path.join(d, f) for d, _, fs in os.walk(event_dir) for f in fs if f.startswith(("events_", "app")))
    group_of_stage, totals = {}, {}
    for path in logs:
        with open(path) as events:
            for line in events:
                event = json.loads(line)
                kind = event.get("Event")
                if kind == "SparkListenerJobStart":
                    group = (event.get("Properties") or {}).get("spark.jobGroup.id")
                    for stage in event.get("Stage IDs", []):
                        group_of_stage[stage] = group
                elif kind == "SparkListenerStageCompleted":
                    info = event["Stage Info"]
                    group = group_of_stage.get(info["Stage ID"])
                    if group is None:
                        continue
                    entry = totals.setdefault(group, {"stages": 0, "tasks": 0})
                    entry["stages"] += 1
                    entry["tasks"] += info.get("Number of Tasks", 0)
                    for accumulable in info.get("Accumulables", []):
                        name = accumulable.get("Name", "")
                        if name.startswith("internal.metrics."):
                            key = METRICS.get(name[len("internal.metrics."):])
                            if key:
                                entry[key] = entry.get(key, 0) + int(accumulable["Value"])
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True)
    parser.add_argument("--summary-sql", required=True)
    parser.add_argument("--triples-sql", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--driver-memory", default="12g")
    parser.add_argument("--shuffle-partitions", type=int, default=16)
    parser.add_argument("--time-zone", default="UTC", help="spark.sql.session.timeZone")
    parser.add_argument("--skip", default="", help="comma-separated steps to skip: summary,triples,shards")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    summary_sql = open(args.summary_sql).read().strip().rstrip(";")
    triples_sql = open(args.triples_sql).read().strip().rstrip(";")
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    event_dir = os.path.join(args.out, "eventlog")
    os.makedirs(event_dir)
    spark = (
        SparkSession.builder.master("local[2]").appName("secondsale-scale-run")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
        .config("spark.sql.session.timeZone", args.time_zone)
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.compress", "false")
        .config("spark.eventLog.dir", "file://" + os.path.abspath(event_dir))
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    pid = jvm_pid(spark)
    results = {
        "spark": spark.version, "master": "local[2]", "driver_memory": args.driver_memory,
        "shuffle_partitions": args.shuffle_partitions, "session_time_zone": args.time_zone,
        "load_average_start": open("/proc/loadavg").read().split()[:3], "steps": {},
    }
    orders = spark.read.parquet(args.data)
    results["rows"] = orders.count()
    results["parquet_bytes"] = sum(
        os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(args.data) for f in fs if f.endswith(".parquet"))
    plans = io.StringIO()

    def save():
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)

    def step(name, sql, view_path, out_dir, single_file):
        spark.sparkContext.setJobGroup("setup", "listing and reading Parquet footers")
        spark.read.parquet(view_path).createOrReplaceTempView("orders")
        frame = spark.sql(sql)
        if name in ("summary", "triples"):
            with contextlib.redirect_stdout(plans):
                print(f"==== {name}")
                frame.explain(mode="formatted")
        spark.sparkContext.setJobGroup(name, name)
        had_reset = reset_peak(pid)
        cpu_before = cpu_seconds(pid)
        start = time.perf_counter()
        (frame.coalesce(1) if single_file else frame).write.mode("overwrite").option("header", "true").csv(out_dir)
        wall = time.perf_counter() - start
        entry = {"wall_seconds": wall, "jvm_cpu_seconds": cpu_seconds(pid) - cpu_before,
                 "jvm_peak_rss_kb": status_kb(pid, "VmHWM"), "peak_reset": had_reset,
                 "load_average": open("/proc/loadavg").read().split()[:3], "output": out_dir}
        entry["output_csv_bytes"] = sum(
            os.path.getsize(p) for p in glob.glob(os.path.join(out_dir, "part-*")))
        results["steps"][name] = entry
        save()  # after every step, so that an interrupted run keeps what it measured
        print(f"{name}: {wall:.1f} s wall, {entry['jvm_cpu_seconds']:.1f} s JVM CPU, JVM peak RSS {entry['jvm_peak_rss_kb'] / 1048576:.2f} GiB", flush=True)

    if "summary" not in skip:
        step("summary", summary_sql, args.data, os.path.join(args.out, "summary"), False)
    if "triples" not in skip:
        step("triples", triples_sql, args.data, os.path.join(args.out, "triples"), True)
    if "shards" not in skip:
        for k in range(args.shards):
            step(f"shard-{k}", triples_sql, os.path.join(args.data, f"shard={k}"),
                 os.path.join(args.out, f"shard-{k}"), True)
    spark.sparkContext.setJobGroup("idle", "idle")
    results["jvm_peak_rss_kb_max"] = max((s["jvm_peak_rss_kb"] for s in results["steps"].values()), default=None)
    spark.stop()
    for group, metrics in stage_metrics(event_dir).items():
        if group in results["steps"]:
            results["steps"][group]["stages"] = metrics
    results["event_log"] = event_dir
    with open(os.path.join(args.out, "plans.txt"), "w") as f:
        f.write(plans.getvalue())
    save()
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()

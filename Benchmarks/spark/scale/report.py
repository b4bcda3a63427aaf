"""Prints the figures of one scale run as Markdown: python report.py OUT (see scale.sh)."""
import json
import os
import re
import sys


def gnu_time(path):
    """Wall, user, system seconds and peak RSS (KiB) from a `/usr/bin/time -v` log."""
    if not os.path.exists(path):
        return None
    text = open(path).read()

    def number(label):
        found = re.search(re.escape(label) + r": ([0-9.:]+)", text)
        return found.group(1) if found else None
    parts = [float(p) for p in (number("Elapsed (wall clock) time (h:mm:ss or m:ss)") or "0").split(":")]
    wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return {"wall": wall, "user": float(number("User time (seconds)")), "system": float(number("System time (seconds)")),
            "rss_kb": int(number("Maximum resident set size (kbytes)"))}


def gib(kb):
    return f"{kb / 1048576:.2f} GiB"


def mb(n):
    return f"{n / 1e6:,.1f} MB"


def main():
    out = sys.argv[1]
    spark = json.load(open(os.path.join(out, "results.json")))
    whole = json.load(open(os.path.join(out, "whole.json")))
    shards_path = os.path.join(out, "shards.json")
    shards = json.load(open(shards_path)) if os.path.exists(shards_path) else None
    steps = spark["steps"]
    if any("stages" not in step for step in steps.values()):  # an interrupted run: read the event log
        from run import stage_metrics
        for group, metrics in stage_metrics(os.path.join(out, "eventlog")).items():
            if group in steps:
                steps[group]["stages"] = metrics
    print(f"Spark {spark['spark']} {spark['master']}, driver memory {spark['driver_memory']}, "
          f"{spark['shuffle_partitions']} shuffle partitions; load average at the start {' '.join(spark['load_average_start'])}\n")
    summary_rows = steps.get("summary", {}).get("stages", {}).get("output_rows")
    print(f"- orders: {spark['rows']:,}; Parquet: {mb(spark['parquet_bytes'])}")
    if summary_rows is not None:
        print(f"- customers summarised (summary rows): {summary_rows:,}")
    print(f"- customers in the triples: {whole['customers']:,.0f}; unique triples: {whole['uniqueTriples']:,}\n")
    print("| Spark step | wall | JVM CPU | task CPU | JVM peak RSS | rows read | shuffled rows | shuffled bytes | spilled to disk | result |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    shard_total = {}
    for name, step in steps.items():
        stages = step.get("stages", {})
        row = [f"{step['wall_seconds']:.1f} s", f"{step['jvm_cpu_seconds']:.1f} s",
               f"{stages.get('task_cpu_ns', 0) / 1e9:.1f} s", gib(step["jvm_peak_rss_kb"]),
               f"{stages.get('input_rows', 0):,}", f"{stages.get('shuffle_write_rows', 0):,}",
               mb(stages.get("shuffle_write_bytes", 0)), mb(stages.get("spill_disk_bytes", 0)),
               f"{stages.get('output_rows', 0):,} rows, {mb(step['output_csv_bytes'])}"]
        if name.startswith("shard-"):
            for key, value in [("wall", step["wall_seconds"]), ("cpu", step["jvm_cpu_seconds"]),
                               ("task_cpu", stages.get("task_cpu_ns", 0) / 1e9),
                               ("rss", step["jvm_peak_rss_kb"]), ("rows", stages.get("input_rows", 0)),
                               ("shuffle_rows", stages.get("shuffle_write_rows", 0)),
                               ("shuffle_bytes", stages.get("shuffle_write_bytes", 0)),
                               ("spill", stages.get("spill_disk_bytes", 0)),
                               ("out_rows", stages.get("output_rows", 0)), ("out_bytes", step["output_csv_bytes"])]:
                shard_total[key] = max(shard_total.get(key, 0), value) if key == "rss" else shard_total.get(key, 0) + value
        else:
            print(f"| {name} | " + " | ".join(row) + " |")
    if shard_total:
        t = shard_total
        print(f"| 8 shards' triples (sum) | {t['wall']:.1f} s | {t['cpu']:.1f} s | {t['task_cpu']:.1f} s | {gib(t['rss'])} | "
              f"{t['rows']:,} | {t['shuffle_rows']:,} | {mb(t['shuffle_bytes'])} | {mb(t['spill'])} | "
              f"{t['out_rows']:,} rows, {mb(t['out_bytes'])} |")
    print("\n| Swift step (wall, CPU) | read | ingest | merge | BG/NBD fit | process wall / user / sys | peak RSS |")
    print("|---|---|---|---|---|---|---|")
    runs = [("whole table's triples (1 file)", whole, gnu_time(os.path.join(out, "whole.time")))]
    if shards:
        runs.append(("8 shards' triples (8 files)", shards, gnu_time(os.path.join(out, "shards.time"))))
    for label, report, timing in runs:
        process = f"{timing['wall']:.2f} / {timing['user']:.2f} / {timing['system']:.2f} s" if timing else ""
        cpu = report["cpuSeconds"]
        print(f"| {label}: {report['triplesRead']:,} rows, {mb(report['bytes'])} | {report['readSeconds']:.3f} s, "
              f"{cpu['read']:.3f} s | {report['ingestSeconds']:.3f} s, {cpu['ingest']:.3f} s | "
              f"{report['mergeSeconds']:.3f} s, {cpu['merge']:.3f} s | {report['fitSeconds']:.3f} s, {cpu['fit']:.3f} s "
              f"({report['iterations']} iterations) | {process} | {gib(timing['rss_kb']) if timing else ''} |")
    p = whole["parameters"]
    print(f"\nBG/NBD on the whole table: r = {p['r']!r}, alpha = {p['alpha']!r}, a = {p['a']!r}, b = {p['b']!r}, "
          f"LL = {whole['logLikelihood']!r}")
    if not shards:
        print("No shard run.")
        return
    same = whole["bits"] == shards["bits"] and whole["uniqueTriples"] == shards["uniqueTriples"] \
        and whole["customers"] == shards["customers"]
    if same:
        print("Fit on the merged shards: identical, bit for bit (parameters and log-likelihood).")
    else:
        q = shards["parameters"]
        print(f"Fit on the merged shards DIFFERS: r = {q['r']!r}, alpha = {q['alpha']!r}, a = {q['a']!r}, "
              f"b = {q['b']!r}, LL = {shards['logLikelihood']!r}")
        sys.exit(1)


if __name__ == "__main__":
    main()

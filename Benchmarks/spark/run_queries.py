#!/usr/bin/env python3
"""Runs SecondSale's generated Spark SQL on a real Apache Spark and parses its BigQuery SQL.

Usage: python run_queries.py JOB.json

The job (written by Tests/ExamplesTests/SparkSummaryTests.swift, or by hand) names:

  "tables":   [{"name": "cdnow_orders", "csv": ["orders.csv", ...]}, ...]
              Each CSV has the header order_id,customer_id,placed_at,amount,refunded,status with
              placed_at written as yyyy-MM-ddTHH:mm:ss[.SSS]Z (an instant in UTC), an
              empty customer_id for a guest order (NULL) and RFC 4180 quoting. The files of one
              table are read with an explicit schema, written once as Parquet in the work folder
              and registered as a temporary view of that Parquet.
  "setup":    ["CREATE OR REPLACE TEMPORARY VIEW ... AS SELECT ...", ...]
              Statements run after loading (derived views: other column names and types).
  "queries":  [{"name": "...", "sql": "...", "args": {"purchase_status_1": "paid"},
               "output": "result.csv"}, ...]
              Spark SQL run with named parameter markers bound from "args"; each result is
              written as CSV (header, RFC 4180, floats in Python's shortest round-trip form).
  "bigquery": [{"name": "...", "sql": "...", "schema": {"table": {"column": "TYPE"}}}, ...]
              BigQuery Standard SQL, parsed with sqlglot's BigQuery dialect (see check_bigquery).
  "work":     a folder for the Parquet copies;
  "report":   where to write the JSON report (row counts, seconds per step, sqlglot results);
  "session_time_zone": the Spark session time zone (default UTC). The queries must not depend on
              it; the tests set a zone far from UTC (Pacific/Chatham, UTC+12:45/+13:45).

One Spark session (local[2]) runs every table and query of the job. Exit status 0 means every
step ran; a failing query or BigQuery check is reported in the JSON and makes the exit status 1;
an error before the report can be written exits with 2.

Needs pyspark (and a Java 17 runtime) and sqlglot. Not used by the default `swift test`.
"""

import csv
import json
import os
import sys
import time


def log(message):
    print(f"[spark] {message}", file=sys.stderr, flush=True)


def start_spark(time_zone):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("secondsale-sql-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", os.environ.get("SECONDSALE_SPARK_DRIVER_MEMORY", "3g"))
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", time_zone)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def load_table(spark, table, work):
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    schema = StructType(
        [
            StructField("order_id", StringType()),
            StructField("customer_id", StringType()),
            StructField("placed_at", StringType()),
            StructField("amount", DoubleType()),
            StructField("refunded", DoubleType()),
            StructField("status", StringType()),
        ]
    )
    raw = (
        spark.read.option("header", "true")
        .option("escape", '"')  # RFC 4180: a quote inside a quoted field is doubled
        .option("mode", "FAILFAST")
        .schema(schema)
        .csv(table["csv"])
    )
    # The instant is parsed with its explicit Z, so the session time zone does not enter.
    typed = raw.select(
        "order_id",
        "customer_id",
        F.to_timestamp("placed_at", "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX").alias("placed_at"),
        "amount",
        "refunded",
        "status",
    )
    path = os.path.join(work, table["name"] + ".parquet")
    typed.write.mode("overwrite").parquet(path)
    frame = spark.read.parquet(path)
    frame.createOrReplaceTempView(table["name"])
    nulls = frame.filter(F.col("placed_at").isNull()).count()
    if nulls:
        raise ValueError(f"{table['name']}: {nulls} rows have an unparseable placed_at")
    return frame.count()


def write_csv(frame, path):
    """Writes a result with Python's float repr, which round-trips every double exactly."""
    table = frame.toArrow()
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(table.column_names)
        for batch in table.to_batches():
            columns = [column.to_pylist() for column in batch.columns]
            for row in zip(*columns):
                writer.writerow([cell_text(value) for value in row])
    return table.num_rows


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            raise ValueError("a query returned NaN")
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    return str(value)


KEYWORDS_BEFORE_PARENTHESES = {"AS", "IN", "OVER", "AND", "OR", "NOT", "FROM", "JOIN", "EXISTS", "VALUES", "ON", "THEN",
                                "ELSE", "WHEN", "BY", "SELECT", "WHERE", "HAVING", "INTERVAL", "USING"}


def called_names(text):
    """The upper-cased names written directly before an opening parenthesis (function calls),
    outside comments, string literals and quoted identifiers."""
    import re

    text = re.sub(r"--[^\n]*", " ", text)
    text = re.sub(r"'(?:[^'\\]|\\.)*'", "''", text)
    text = re.sub(r"`[^`]*`", "x", text)
    names = {name.upper() for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", text)}
    return names - KEYWORDS_BEFORE_PARENTHESES


def check_bigquery(entry):
    """Parses one BigQuery statement with sqlglot and checks what a parser can check.

    - parse: sqlglot's BigQuery dialect reads the whole statement without an error;
    - functions: every function call is one sqlglot knows (no `Anonymous` node) and sqlglot's
      BigQuery printer keeps its name, so a misspelt function (to_date) fails, and so does a
      function of another dialect that sqlglot would rewrite for BigQuery (datediff -> DATE_DIFF);
    - columns: with the table's schema, sqlglot's qualifier resolves every column reference
      to the table or a CTE (a misspelt or missing column fails);
    - round trip: the statement printed back as BigQuery reads again and prints the same.
    Not checked: types, the values the functions compute, and BigQuery's own limits.
    """
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ErrorLevel
    from sqlglot.optimizer.qualify import qualify

    result = {"name": entry["name"], "checks": {}}
    try:
        tree = sqlglot.parse_one(entry["sql"], read="bigquery", error_level=ErrorLevel.RAISE)
        result["checks"]["parse"] = "ok"
    except Exception as error:  # noqa: BLE001 - reported, not swallowed
        result["checks"]["parse"] = f"error: {error}"
        return result
    unknown = sorted({node.name for node in tree.find_all(exp.Anonymous)})
    translated = sorted(called_names(entry["sql"]) - called_names(tree.sql(dialect="bigquery")))
    if unknown:
        result["checks"]["functions"] = f"error: functions sqlglot does not know {unknown}"
    elif translated:
        result["checks"]["functions"] = f"error: not BigQuery spellings (sqlglot rewrites them) {translated}"
    else:
        result["checks"]["functions"] = "ok"
    result["functions"] = sorted({type(node).__name__ for node in tree.find_all(exp.Func)})
    try:
        qualify(
            tree.copy(),
            schema=entry.get("schema"),
            dialect="bigquery",
            validate_qualify_columns=True,
            quote_identifiers=False,
        )
        result["checks"]["columns"] = "ok"
    except Exception as error:  # noqa: BLE001
        result["checks"]["columns"] = f"error: {error}"
    # sqlglot prints its own canonical form (GROUP BY repeat_days may come back as the select
    # alias, frequency, which BigQuery resolves to the same column), so the check is that the
    # printed form is a fixed point: printed, read and printed again, it is unchanged.
    printed = tree.sql(dialect="bigquery")
    again = sqlglot.parse_one(printed, read="bigquery").sql(dialect="bigquery")
    result["checks"]["round trip"] = "ok" if again == printed else "error: the printed statement is not a fixed point"
    result["parameters"] = sorted({node.sql(dialect="bigquery") for node in tree.find_all(exp.Parameter)})
    return result


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as file:
        job = json.load(file)
    report = {"tables": {}, "queries": {}, "bigquery": [], "seconds": {}, "failures": []}
    started = time.monotonic()

    if job.get("bigquery"):
        import sqlglot

        report["sqlglot"] = sqlglot.__version__
        for entry in job["bigquery"]:
            checked = check_bigquery(entry)
            report["bigquery"].append(checked)
            for name, outcome in checked["checks"].items():
                if outcome != "ok":
                    report["failures"].append(f"BigQuery {entry['name']}: {name}: {outcome}")
        log(f"BigQuery: {len(job['bigquery'])} statements checked with sqlglot {sqlglot.__version__}")

    if job.get("tables") or job.get("queries"):
        import pyspark

        report["pyspark"] = pyspark.__version__
        step = time.monotonic()
        spark = start_spark(job.get("session_time_zone", "UTC"))
        report["java"] = spark.sparkContext._jvm.java.lang.System.getProperty("java.version")
        report["seconds"]["start session"] = round(time.monotonic() - step, 3)
        work = job["work"]
        os.makedirs(work, exist_ok=True)
        for table in job.get("tables", []):
            step = time.monotonic()
            rows = load_table(spark, table, work)
            report["tables"][table["name"]] = rows
            report["seconds"]["load " + table["name"]] = round(time.monotonic() - step, 3)
            log(f"loaded {table['name']}: {rows} rows as Parquet")
        for statement in job.get("setup", []):
            spark.sql(statement)
        for query in job.get("queries", []):
            step = time.monotonic()
            try:
                frame = spark.sql(query["sql"], args=query.get("args") or None)
                rows = write_csv(frame, query["output"])
                report["queries"][query["name"]] = rows
                log(f"{query['name']}: {rows} rows in {time.monotonic() - step:.1f} s")
            except Exception as error:  # noqa: BLE001 - the engine's message goes into the report
                message = str(error).split("\n")[0][:2000]
                report["failures"].append(f"Spark {query['name']}: {message}")
                log(f"{query['name']} FAILED: {message}")
            report["seconds"][query["name"]] = round(time.monotonic() - step, 3)
        spark.stop()

    report["seconds"]["total"] = round(time.monotonic() - started, 3)
    with open(job["report"], "w", encoding="utf-8") as file:
        json.dump(report, file, indent=2, sort_keys=True)
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # noqa: BLE001
        log(f"error: {type(error).__name__}: {error}")
        sys.exit(2)

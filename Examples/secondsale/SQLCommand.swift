import Foundation
import RetentionCore
import _CommandLineSupport

let sqlCommand = Command(
  name: "sql",
  abstract: "print the SQL that summarises customers inside PostgreSQL, BigQuery or Spark",
  valueOptions: [
    "dialect", "table", "customer-column", "order-column", "timestamp-column", "timestamp-type", "amount-column",
    "refund-column", "status-column", "purchase-statuses", "query", "observation-end", "calibration-end", "unit",
    "time-zone",
  ],
  flags: ["inline"],
  positionals: 0,
  help: """
    usage: secondsale sql --dialect D --table T --observation-end D [options]

    Prints the queries that compute the customer summaries (x, t_x, T, mean repeat value, orders,
    revenue, holdout) and the compressed (x, t_x, T) triples with counts where the orders live,
    with the conventions of `secondsale summary`: same-day purchases merge, x counts repeat
    purchase days, time in days or days / 7, guests (NULL customer) are not attributed, only the
    purchase statuses count. Ingest the results with CustomerSummaries(sqlResultCSV:options:)
    and FrequencyRecencyData(sqlResultCSV:).

    Status values are bound parameters by default; their values are printed after each query
    (as comments) in placeholder order. Identifiers are quoted for the dialect.

    options:
      --dialect D            postgres | bigquery | spark (required)
      --table T              the orders table, optionally qualified: schema.orders (required)
      --customer-column C    customer id column; NULL = guest (default: customer_id)
      --order-column C       order id column when rows are line items (default: one row per order)
      --timestamp-column C   order time column (default: placed_at)
      --timestamp-type K     timestamptz | timestamp | date (default: timestamptz; timestamp holds UTC)
      --amount-column C      gross amount column (default: amount)
      --refund-column C      refunded amount column, netted from the amount (default: none)
      --status-column C      status column (default: none: every row is a purchase)
      --purchase-statuses S  comma-separated statuses that are purchases (default with a status
                             column: paid,pending,partially_refunded)
      --observation-end D    last observed day, YYYY-MM-DD (required)
      --calibration-end D    end of the calibration period, YYYY-MM-DD (default: none)
      --unit U               days | weeks (default: weeks)
      --time-zone TZ         fixed-offset time zone of calendar days (default: UTC)
      --query Q              summary | triples | both (default: both)
      --inline               write the statuses as checked literals instead of parameters
    """,
  run: { arguments in
    guard let dialectName = arguments.value("dialect") else {
      throw CommandLineError("--dialect is required (postgres, bigquery or spark)")
    }
    guard let tableName = arguments.value("table") else { throw CommandLineError("--table is required") }
    guard let observationEnd = try arguments.date("observation-end") else {
      throw CommandLineError("--observation-end is required (YYYY-MM-DD)")
    }
    let calibrationEnd = try arguments.date("calibration-end")
    if let calibrationEnd, calibrationEnd > observationEnd {
      throw CommandLineError("--calibration-end must not be after --observation-end")
    }
    let unit: TimeUnit
    switch arguments.value("unit") ?? "weeks" {
    case "weeks", "week": unit = .weeks
    case "days", "day": unit = .days
    case let other: throw CommandLineError("--unit: expected days or weeks, got \(other)")
    }
    var zone = TimeZone(secondsFromGMT: 0)!
    if let name = arguments.value("time-zone") {
      guard let named = TimeZone(identifier: name) else {
        throw CommandLineError("--time-zone: unknown time zone \(name)")
      }
      zone = named
    }
    let which = arguments.value("query") ?? "both"
    guard ["summary", "triples", "both"].contains(which) else {
      throw CommandLineError("--query: expected summary, triples or both, got \(which)")
    }
    do {
      let dialect = try SQLDialect(name: dialectName)
      let timestampType: OrderTable.TimestampType
      switch (arguments.value("timestamp-type") ?? "timestamptz").lowercased() {
      case "timestamptz", "timestamp with time zone", "instant": timestampType = .timestampWithTimeZone
      case "timestamp", "datetime", "timestamp_ntz", "timestamp without time zone":
        timestampType = .timestampWithoutTimeZone
      case "date": timestampType = .date
      case let other: throw CommandLineError("--timestamp-type: expected timestamptz, timestamp or date, got \(other)")
      }
      let status = try arguments.value("status-column").map { try SQLIdentifier($0) }
      var statuses: [String] = []
      if status != nil {
        statuses = (arguments.value("purchase-statuses") ?? "paid,pending,partially_refunded")
          .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      } else if arguments.value("purchase-statuses") != nil {
        throw CommandLineError("--purchase-statuses needs --status-column")
      }
      let table = try OrderTable(
        table: SQLIdentifier(qualified: tableName),
        customer: SQLIdentifier(arguments.value("customer-column") ?? "customer_id"),
        orderID: arguments.value("order-column").map { try SQLIdentifier($0) },
        timestamp: SQLIdentifier(arguments.value("timestamp-column") ?? "placed_at"), timestampType: timestampType,
        amount: SQLIdentifier(arguments.value("amount-column") ?? "amount"),
        refundedAmount: arguments.value("refund-column").map { try SQLIdentifier($0) },
        status: status, purchaseStatuses: statuses)
      let queries = try SummaryQueries(
        table: table,
        options: SummaryOptions(
          observationEnd: observationEnd, calibrationEnd: calibrationEnd, unit: unit, clock: DayClock(timeZone: zone)),
        dialect: dialect)
      let style: SQLQuery.ValueStyle = arguments.flag("inline") ? .inlineLiterals : .boundParameters
      var printed: [SQLQuery] = []
      if which != "triples" { printed.append(try queries.summaryQuery(values: style)) }
      if which != "summary" { printed.append(try queries.tripleQuery(values: style)) }
      print(
        printed.map { query in
          query.text + ";"
            + query.parameters.map { "\n-- parameter \($0.placeholder) = \($0.value.debugDescription)" }.joined()
        }.joined(separator: "\n\n"))
    } catch let error as RetentionCoreError {
      throw CommandLineError(error.description)
    }
  }
)

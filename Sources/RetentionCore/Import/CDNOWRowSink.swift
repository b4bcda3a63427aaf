/// Where ``CDNOWRows`` puts the rows it has read: rejections, excluded blank rows, and good
/// rows, each one paid order of `cds` units of the product "CD"; and the log they make.
///
/// Two sinks build the same log: ``CDNOWBuilderSink`` hands every row to the general
/// ``OrderLogBuilder`` (the plain reference, used for text read by the CSV reader), and
/// ``CDNOWColumns`` keeps one small record per row and writes the log's columns once, in time
/// order (the whole file in memory). `CDNOWColumnsEquivalenceTests` checks that they agree.
protocol CDNOWRowSink {
  /// Creates an empty sink with room for about `expectedRows` rows.
  init(context: ImportContext, expectedRows: Int)

  /// Rejects one row: throws `error` in strict mode, otherwise counts it in the report.
  mutating func reject(_ error: RetentionCoreError) throws

  /// Counts a blank row after the first data row as excluded.
  mutating func excludeBlankRow()

  /// Adds one good row as an order whose id is the customer's digits, `-` and the row number.
  ///
  /// - Parameters:
  ///   - customer: The customer id (its digits without leading zeros).
  ///   - time: The order's time, seconds since 1970.
  ///   - cds: The number of CDs (finite, non-negative).
  ///   - dollars: The order's total in USD (finite, non-negative).
  ///   - unitPrice: `dollars / cds`, or 0 when `cds` is 0 (finite).
  ///   - row: The 1-based row of the input.
  /// - Throws: In strict mode, the error of an order the currency choice rejects.
  mutating func addOrder(customer: String, time: Double, cds: Double, dollars: Double, unitPrice: Double, row: Int)
    throws

  /// The log of the rows added, with `rowsRead` rows read in all.
  ///
  /// - Throws: `.mixedCurrency` as ``OrderLogBuilder/build(inParallel:)``.
  consuming func build(rowsRead: Int) throws -> OrderLog
}

/// The plain reference: every CDNOW row goes through the general ``OrderLogBuilder`` as an
/// order with one line.
struct CDNOWBuilderSink: CDNOWRowSink {
  private var builder: OrderLogBuilder
  private var cdProduct: Int32?

  init(context: ImportContext, expectedRows: Int) {
    builder = OrderLogBuilder(
      mode: context.mode, expectedCount: expectedRows, expectedLineCount: expectedRows, currency: context.currency,
      idsAreDistinct: true)
  }

  mutating func reject(_ error: RetentionCoreError) throws {
    try builder.reject(error, rows: 1)
  }

  mutating func excludeBlankRow() {
    builder.report.exclude("blank row")
  }

  mutating func addOrder(customer: String, time: Double, cds: Double, dollars: Double, unitPrice: Double, row: Int)
    throws
  {
    // One order of `cds` units of the product "CD" at `dollars` in total, added without
    // making an `Order` value (the same checks, in the same order, as `append(_:)`).
    if let order = try builder.appendOrder(
      id: customer + "-" + String(row), customer: customer, time: time, currency: "USD",
      total: dollars, row: row, rowCount: 1)
    {
      let product = cdProduct ?? builder.productNumber(ofID: "CD")
      cdProduct = product
      builder.appendLine(toOrder: order, product: product, quantity: cds, unitPrice: unitPrice)
    }
  }

  consuming func build(rowsRead: Int) throws -> OrderLog {
    builder.report.rowsRead = rowsRead
    return try builder.build()
  }
}

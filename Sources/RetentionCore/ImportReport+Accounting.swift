extension ImportReport {
  /// A reason rows were left out or rejected, with the number of rows.
  public struct ReasonCount: Sendable, Hashable, Codable {
    /// The reason: an exclusion such as `"cancellation invoice"`, or a kind of rejection such
    /// as `"invalid date in \"InvoiceDate\""`.
    public var reason: String
    /// The number of rows.
    public var rows: Int

    /// Creates a count.
    ///
    /// - Parameters:
    ///   - reason: The reason.
    ///   - rows: The number of rows.
    public init(reason: String, rows: Int) {
      self.reason = reason
      self.rows = rows
    }
  }

  /// The kind of a rejection, as counted in ``rejectionReasons``: the error's code and field.
  static func kind(of error: RetentionCoreError) -> String {
    guard let field = error.field else { return "\(error.code)" }
    return "\(error.code) in \"\(RetentionCoreError.excerpt(field, limit: 60))\""
  }

  /// The share of the rows read that were rejected, `0...1` (zero when no row was read).
  public var rejectedFraction: Double {
    rowsRead > 0 ? Double(rowsRejected) / Double(rowsRead) : 0
  }

  /// The most common kinds of rejection, most rows first (ties by name).
  ///
  /// ```swift
  /// for entry in log.report.mostCommonRejectionReasons() { print(entry.reason, entry.rows) }
  /// ```
  ///
  /// - Parameter limit: How many kinds to return; three by default.
  /// - Returns: At most `limit` reasons with their row counts.
  /// - Complexity: O(*k* log *k*), where *k* is the number of kinds.
  public func mostCommonRejectionReasons(limit: Int = 3) -> [ReasonCount] {
    Self.mostCommon(rejectionReasons, limit: limit)
  }

  /// The most common reasons rows were excluded, most rows first (ties by name).
  ///
  /// - Parameter limit: How many reasons to return; three by default.
  /// - Returns: At most `limit` reasons with their row counts.
  /// - Complexity: O(*k* log *k*), where *k* is the number of reasons.
  public func mostCommonExclusionReasons(limit: Int = 3) -> [ReasonCount] {
    Self.mostCommon(exclusions, limit: limit)
  }

  /// The accounting of the import in a few lines of plain text, the same wherever it is shown
  /// (the command-line programs, the retention report): the rows read, imported, excluded and
  /// rejected, and the most common reasons for exclusions and rejections.
  ///
  /// ```swift
  /// print(log.report.accountingLines(source: "orders.csv").joined(separator: "\n"))
  /// // orders.csv: 8,307 rows read: 8,300 imported as 2,000 orders, 4 excluded, 3 rejected
  /// // (an event file: "events.csv: 120 rows read: 117 imported as events, 1 excluded, 2 rejected")
  /// //   excluded: cancellation invoice (3), blank row (1)
  /// //   rejected: invalid date in "Created at" (2), malformed CSV (1)
  /// ```
  ///
  /// - Parameters:
  ///   - source: The name of the file, printed first; `nil` for none.
  ///   - reasonLimit: How many reasons of each kind to list; three by default.
  /// - Returns: The first line, then one line for exclusions and one for rejections when there
  ///   are any (indented by two spaces).
  /// - Complexity: O(*k* log *k*), where *k* is the number of reasons.
  public func accountingLines(source: String? = nil, reasonLimit: Int = 3) -> [String] {
    let prefix = source.map { RetentionCoreError.excerpt($0, limit: 120) + ": " } ?? ""
    // An event file's rows are events; an order file's are lines of orders.
    let imported =
      eventsImported > 0
      ? "\(Self.grouped(eventsImported)) imported as \(eventsImported == 1 ? "an event" : "events")"
      : "\(Self.grouped(linesImported)) imported as \(Self.grouped(ordersImported)) \(ordersImported == 1 ? "order" : "orders")"
    var lines = [
      prefix + "\(Self.grouped(rowsRead)) \(rowsRead == 1 ? "row" : "rows") read: \(imported), "
        + "\(Self.grouped(rowsExcluded)) excluded, \(Self.grouped(rowsRejected)) rejected"
    ]
    func reasons(_ counts: [String: Int], _ label: String) {
      guard !counts.isEmpty else { return }
      let shown = Self.mostCommon(counts, limit: reasonLimit)
      var line = "  \(label): " + shown.map { "\($0.reason) (\(Self.grouped($0.rows)))" }.joined(separator: ", ")
      let more = counts.count - shown.count
      if more > 0 { line += ", and \(more) more \(more == 1 ? "reason" : "reasons")" }
      lines.append(line)
    }
    if rowsExcluded > 0 { reasons(exclusions, "excluded") }
    if rowsRejected > 0 { reasons(rejectionReasons, "rejected") }
    return lines
  }

  private static func mostCommon(_ counts: [String: Int], limit: Int) -> [ReasonCount] {
    counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(Swift.max(0, limit))
      .map { ReasonCount(reason: $0.key, rows: $0.value) }
  }

  /// `1234567` as `1,234,567`.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }
}

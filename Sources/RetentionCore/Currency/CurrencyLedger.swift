import Foundation

/// Applies a ``CurrencyChoice`` while a log is built: decides per order whether it is kept,
/// converted or rejected, and at the end names the log's currency or refuses a mixed input.
///
/// Orders keep the number of their own currency (an index into ``codes``, -1 for none), so that
/// the decision about a mixed input waits until every order has been seen: the first order's
/// currency never wins by position.
struct CurrencyLedger: Sendable {
  /// What becomes of one order.
  enum Admission: Sendable {
    /// Keep the order; its amounts are multiplied by `factor` (1 unless converted).
    case keep(code: Int32, factor: Double)
    /// Reject the order with this error.
    case reject(RetentionCoreError)
  }

  let choice: CurrencyChoice
  /// The distinct currency codes seen, upper case, in order of first sight.
  private(set) var codes: [String] = []
  private var numberOfCode: [String: Int32] = [:]
  private var lastCode: String?
  private var lastNumber: Int32 = -1

  init(_ choice: CurrencyChoice) {
    self.choice = choice
  }

  /// Decides about an order in currency `code` (as written) placed at `time`.
  ///
  /// - Parameters:
  ///   - code: The order's currency code, or `nil` when it names none.
  ///   - time: Seconds since 1970 UTC (for the exchange rate).
  ///   - row: The row to name in a rejection.
  /// Whether the choice converts currencies; otherwise a currency code is admitted alike
  /// (kept with factor 1, or rejected) whatever the order's time and row.
  var converts: Bool {
    if case .converted = choice.kind { return true }
    return false
  }

  mutating func admit(_ code: String?, time: Double, row: Int) -> Admission {
    guard let code else { return .keep(code: -1, factor: 1) }
    let number: Int32
    if code == lastCode {
      number = lastNumber
    } else {
      let normalized = normalizedCurrencyCode(code)
      guard isCurrencyCode(normalized) else {
        return .reject(
          RetentionCoreError(
            .invalidArgument, row: row, field: "currency",
            reason: "not an ISO 4217 currency code (three letters): \(RetentionCoreError.quoted(code, limit: 40))"))
      }
      if let known = numberOfCode[normalized] {
        number = known
      } else {
        number = Int32(codes.count)
        numberOfCode[normalized] = number
        codes.append(normalized)
      }
      lastCode = code
      lastNumber = number
    }
    let actual = codes[Int(number)]
    switch choice.kind {
    case .single:
      return .keep(code: number, factor: 1)
    case .only(let chosen):
      guard actual == chosen else {
        return .reject(
          RetentionCoreError(
            .mixedCurrency, row: row, field: "currency",
            reason: "the order is in \(actual), not in the chosen currency \(chosen)"))
      }
      return .keep(code: number, factor: 1)
    case .converted(let target, let converter):
      if actual == target { return .keep(code: number, factor: 1) }
      let date = Date(timeIntervalSince1970: time)
      guard let rate = converter.rate(from: actual, to: target, at: date), rate.isFinite, rate > 0 else {
        return .reject(
          RetentionCoreError(
            .mixedCurrency, row: row, field: "currency",
            reason:
              "no exchange rate from \(actual) to \(target) for the order's date \(DayClock().isoDate(of: date)) (UTC)")
        )
      }
      return .keep(code: number, factor: rate)
    }
  }

  /// The code of a currency number, or `nil` for -1.
  func code(_ number: Int32) -> String? {
    number < 0 ? nil : codes[Int(number)]
  }

  /// The currency of the finished log, given the currency number of every kept order.
  ///
  /// - Throws: `.mixedCurrency` when no currency was chosen and the kept orders are in more than
  ///   one, listing each currency with its number of orders and how to choose.
  func logCurrency(orderCurrencies: [Int32]) throws -> String? {
    if let chosen = choice.currency { return chosen }
    var counts = [Int](repeating: 0, count: codes.count)
    for number in orderCurrencies where number >= 0 { counts[Int(number)] += 1 }
    let present = counts.indices.filter { counts[$0] > 0 }
    guard present.count > 1 else { return present.first.map { codes[$0] } }
    let ranked = present.sorted { (counts[$1], codes[$0]) < (counts[$0], codes[$1]) }
    var listed = ranked.prefix(10).map { "\(codes[$0]) (\(counts[$0]) order\(counts[$0] == 1 ? "" : "s"))" }
      .joined(separator: ", ")
    if ranked.count > 10 { listed += " and \(ranked.count - 10) more" }
    throw RetentionCoreError(
      .mixedCurrency,
      reason: "the orders are in \(present.count) currencies: \(listed). An order log holds one currency: "
        + "choose one with --currency CODE (ImportOptions.currency = .only(\"CODE\") in the API; orders in other "
        + "currencies are then rejected), or convert them with a CurrencyConverter "
        + "(ImportOptions.currency = .converted(to: \"CODE\", using: rates))")
  }
}

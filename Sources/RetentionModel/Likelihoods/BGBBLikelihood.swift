/// The BG/BB log-likelihood of (x, t_x, n) patterns with counts and its exact gradient in the
/// log-parameters; the formula is ``BGBBModel``'s (Fader, Hardie & Shang 2010).
struct BGBBLikelihood: LogLikelihood {
  /// The patterns with a positive count.
  let patterns: [(x: Double, tx: Double, n: Double, weight: Double)]
  /// The sum of the counts.
  let customers: Double
  /// The number of patterns with a positive count.
  var rows: Int { patterns.count }

  /// Validates patterns.
  ///
  /// - Throws: ``RetentionModelError`` `.invalidData` for values that are not whole numbers or
  ///   out of order (0 <= x <= t_x <= n), `.emptyData` when no pattern has a positive count.
  /// - Complexity: O(*u*), where *u* is the number of patterns.
  init(_ data: BGBBModel.Patterns) throws {
    var patterns: [(x: Double, tx: Double, n: Double, weight: Double)] = []
    var customers = 0.0
    for row in 0..<data.patternCount {
      let x = data.frequency[row], tx = data.recency[row], n = data.opportunities[row], weight = data.count[row]
      try IndexedTriples.validate(x: x, tx: tx, t: n, weight: weight, row: row, integerFrequency: true)
      guard tx == tx.rounded(), n == n.rounded(), x <= tx else {
        throw RetentionModelError(
          .invalidData, row: row, reason: "BG/BB needs whole numbers with x <= t_x <= n, got (\(x), \(tx), \(n))")
      }
      if weight > 0 {
        patterns.append((x, tx, n, weight))
        customers += weight
      }
    }
    guard !patterns.isEmpty else { throw RetentionModelError(.emptyData, reason: "no customers to fit on") }
    self.patterns = patterns
    self.customers = customers
  }

  /// The log-likelihood at the log-parameters (ln α, ln β, ln γ, ln δ) and its gradient.
  ///
  /// - Complexity: O(*u* · *n*) for *u* patterns of up to *n* opportunities.
  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    BGBBModel.logLikelihood(patterns: patterns, logParameters: theta, gradient: &gradient)
  }
}

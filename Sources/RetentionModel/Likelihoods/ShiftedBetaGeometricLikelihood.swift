import Foundation

/// The shifted-beta-geometric log-likelihood of cohorts' survivor counts and its exact gradient
/// in the log-parameters; the formula is ``ShiftedBetaGeometricModel``'s (Fader & Hardie 2007).
struct ShiftedBetaGeometricLikelihood: LogLikelihood {
  /// For each cohort, the number of customers active at the start of periods 0, 1, ..., k.
  let cohorts: [[Double]]
  /// The sum of the cohort sizes.
  let customers: Double
  /// The number of periods observed over all cohorts.
  let rows: Int

  /// Validates survivor counts.
  ///
  /// - Throws: ``RetentionModelError`` `.invalidData` for negative, non-finite or increasing
  ///   counts, `.emptyData` for a cohort with fewer than two counts or an empty first period,
  ///   or no cohorts.
  /// - Complexity: O(total periods).
  init(cohorts: [[Double]]) throws {
    var customers = 0.0
    var periods = 0
    for (row, cohort) in cohorts.enumerated() {
      guard cohort.count >= 2, let first = cohort.first, first > 0 else {
        throw RetentionModelError(
          .emptyData, row: row, reason: "a cohort needs a positive size and at least one more count")
      }
      for (index, count) in cohort.enumerated() {
        guard count.isFinite, count >= 0 else {
          throw RetentionModelError(
            .invalidData, row: row, reason: "count \(count) in period \(index) is not a non-negative number")
        }
        guard index == 0 || count <= cohort[index - 1] else {
          throw RetentionModelError(
            .invalidData, row: row,
            reason: "survivors increase from \(cohort[index - 1]) to \(count) in period \(index)")
        }
      }
      customers += first
      periods += cohort.count - 1
    }
    guard !cohorts.isEmpty else { throw RetentionModelError(.emptyData, reason: "no cohorts") }
    self.cohorts = cohorts
    self.customers = customers
    self.rows = periods
  }

  /// The log-likelihood at the log-parameters (ln α, ln β) and its gradient.
  ///
  /// - Complexity: O(total periods).
  func evaluate(logParameters theta: [Double], gradient: inout [Double]) -> Double {
    ShiftedBetaGeometricModel.logLikelihood(
      cohorts: cohorts, alpha: exp(theta[0]), beta: exp(theta[1]), gradient: &gradient)
  }
}

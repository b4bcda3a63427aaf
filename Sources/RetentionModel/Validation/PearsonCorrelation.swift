/// The Pearson correlation of two equally long columns, or `nil` when it is undefined (fewer than
/// two values, or a constant column).
///
/// r = Σ (a_i - ā)(b_i - b̄) / √(Σ (a_i - ā)² Σ (b_i - b̄)²). Used by the holdout check
/// (predicted against actual purchases) and by the Gamma-Gamma fit (frequency against spend).
///
/// - Complexity: O(*n*) for *n* values.
package func pearsonCorrelation(_ a: [Double], _ b: [Double]) -> Double? {
  precondition(a.count == b.count, "the two columns of a correlation must be equally long")
  guard a.count > 1 else { return nil }
  let n = Double(a.count)
  let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
  var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
  for index in a.indices {
    let da = a[index] - meanA, db = b[index] - meanB
    covariance += da * db
    varianceA += da * da
    varianceB += db * db
  }
  guard varianceA > 0, varianceB > 0 else { return nil }
  return covariance / (varianceA * varianceB).squareRoot()
}

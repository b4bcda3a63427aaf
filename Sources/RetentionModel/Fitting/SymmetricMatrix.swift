import Foundation

/// Small dense symmetric linear algebra for the fits.
enum SymmetricMatrix {
  /// The Cholesky factor L (lower triangular, A = L Lᵀ), or `nil` if A is not positive definite.
  static func cholesky(_ matrix: [[Double]]) -> [[Double]]? {
    let n = matrix.count
    var factor = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for j in 0..<n {
      var diagonal = matrix[j][j]
      for k in 0..<j { diagonal -= factor[j][k] * factor[j][k] }
      guard diagonal > 0, diagonal.isFinite else { return nil }
      let root = sqrt(diagonal)
      factor[j][j] = root
      for i in (j + 1)..<n {
        var value = matrix[i][j]
        for k in 0..<j { value -= factor[i][k] * factor[j][k] }
        factor[i][j] = value / root
      }
    }
    return factor
  }

  /// The inverse of a symmetric positive-definite matrix, or `nil` if it is not one.
  static func inverseOfPositiveDefinite(_ matrix: [[Double]]) -> [[Double]]? {
    guard let factor = cholesky(matrix) else { return nil }
    let n = matrix.count
    var inverse = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for column in 0..<n {
      // Solve L y = e_column, then Lᵀ x = y.
      var y = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var value = i == column ? 1.0 : 0.0
        for k in 0..<i { value -= factor[i][k] * y[k] }
        y[i] = value / factor[i][i]
      }
      var x = [Double](repeating: 0, count: n)
      for i in stride(from: n - 1, through: 0, by: -1) {
        var value = y[i]
        for k in (i + 1)..<n { value -= factor[k][i] * x[k] }
        x[i] = value / factor[i][i]
      }
      for i in 0..<n { inverse[i][column] = x[i] }
    }
    return inverse
  }

  /// The eigenvalues (ascending) and unit eigenvectors (`vectors[k]` belongs to `values[k]`) of
  /// a symmetric matrix, by cyclic Jacobi rotations (Golub & Van Loan 2013, Algorithm 8.5.3),
  /// or `nil` when an entry is not finite.
  ///
  /// - Complexity: O(*n*³) per sweep, a handful of sweeps for the 2-4 parameters of a model.
  static func eigen(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]])? {
    let n = matrix.count
    guard matrix.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) }) else { return nil }
    var a = matrix
    var v = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
    for _ in 0..<100 {
      var off = 0.0, total = 0.0
      for i in 0..<n {
        for j in 0..<n {
          total += a[i][j] * a[i][j]
          if i != j { off += a[i][j] * a[i][j] }
        }
      }
      if off <= 1e-30 * total || off == 0 { break }
      for p in 0..<n {
        for q in (p + 1)..<n where a[p][q] != 0 {
          let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot(), s = t * c
          for k in 0..<n {
            let akp = a[k][p], akq = a[k][q]
            a[k][p] = c * akp - s * akq
            a[k][q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p][k], aqk = a[q][k]
            a[p][k] = c * apk - s * aqk
            a[q][k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k][p], vkq = v[k][q]
            v[k][p] = c * vkp - s * vkq
            v[k][q] = s * vkp + c * vkq
          }
        }
      }
    }
    let order = (0..<n).sorted { a[$0][$0] < a[$1][$1] }
    return (order.map { a[$0][$0] }, order.map { k in (0..<n).map { v[$0][k] } })
  }
}

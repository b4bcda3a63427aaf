import Foundation
import _RetentionSupport

/// An L2-regularised logistic regression fitted by Newton's method, on standardised features.
///
/// The learned ranker's model: each row is a feature vector with a 0/1 label; the fit minimises
/// − Σ [y log σ(w·z) + (1 − y) log(1 − σ(w·z))] + (λ / 2) Σ_{j ≥ 1} w_j², where z is the row
/// standardised to mean 0 and standard deviation 1 per feature (a constant feature stays 0) with a
/// leading 1 for the intercept, which is not penalised. Newton steps (the Hessian of a handful of
/// features is small) from w = 0 until the largest step is below 1e-8 or 25 steps. The sums run
/// over the raw rows, skipping zero features, and are mapped to the standardised ones (the same
/// numbers up to rounding: the tests check the fit against hand-computed optima).
struct LogisticRegression: Sendable, Hashable {
  /// The feature means and standard deviations of the training rows.
  let means: [Double]
  let scales: [Double]
  /// The intercept, then one weight per standardised feature.
  let weights: [Double]
  /// The Newton steps taken.
  let steps: Int

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - rows: The feature vectors, `featureCount` values per row, one row after another.
  ///   - labels: One label per row.
  ///   - featureCount: The features per row (at least 1).
  ///   - l2: λ ≥ 0.
  /// - Complexity: O(*s* *n* *d*² + *s* *d*³), where *n* is the number of rows, *d* the number of
  ///   features and *s* the Newton steps; the sums run in parallel chunks of rows.
  init(rows: [Double], labels: [Bool], featureCount: Int, l2: Double) {
    precondition(featureCount >= 1 && rows.count == labels.count * featureCount, "one label per row")
    precondition(l2 >= 0 && l2.isFinite, "the penalty must not be negative")
    let n = labels.count
    let d = featureCount
    var means = [Double](repeating: 0, count: d)
    var scales = [Double](repeating: 1, count: d)
    if n > 0 {
      for row in 0..<n { for j in 0..<d { means[j] += rows[row * d + j] } }
      for j in 0..<d { means[j] /= Double(n) }
      var variances = [Double](repeating: 0, count: d)
      for row in 0..<n {
        for j in 0..<d {
          let deviation = rows[row * d + j] - means[j]
          variances[j] += deviation * deviation
        }
      }
      for j in 0..<d {
        let deviation = (variances[j] / Double(n)).squareRoot()
        scales[j] = deviation > 1e-12 ? deviation : 0
      }
    }
    self.means = means
    self.scales = scales
    let p = d + 1
    var weights = [Double](repeating: 0, count: p)
    var steps = 0
    let chunks = ParallelWork.chunks(of: n, count: 8, minimumSize: 4_096)
    // Row j + 1 of A maps a raw row x' = (1, x) to the standardised z' = A x':
    // z_j = (x_j − mean_j) / scale_j, 0 for a constant feature.
    var shift = [Double](repeating: 0, count: p)
    var stretch = [Double](repeating: 0, count: p)
    stretch[0] = 1
    for j in 0..<d where scales[j] > 0 {
      shift[j + 1] = -means[j] / scales[j]
      stretch[j + 1] = 1 / scales[j]
    }
    let (shifts, stretches) = (shift, stretch)
    while steps < 25 && n > 0 {
      steps += 1
      let current = weights
      // The same linear predictor on raw rows: v = Aᵀ w.
      var raw = [Double](repeating: 0, count: p)
      for a in 0..<p {
        raw[a] += stretches[a] * current[a]
        if a > 0 { raw[0] += shifts[a] * current[a] }
      }
      let rawWeights = raw
      // Gradient and Hessian on the raw rows, skipping their zeros (most features of a product
      // the customer never bought are 0), then mapped to the standardised ones: g = A g_x,
      // H = A H_x Aᵀ.
      let partials = ParallelWork.map(chunks) { range -> [Double] in
        var sums = [Double](repeating: 0, count: p + p * p)
        var indices = [Int](repeating: 0, count: p)
        var values = [Double](repeating: 0, count: p)
        for row in range {
          indices[0] = 0
          values[0] = 1
          var count = 1
          var eta = rawWeights[0]
          for j in 0..<d {
            let value = rows[row * d + j]
            guard value != 0, stretches[j + 1] != 0 else { continue }
            indices[count] = j + 1
            values[count] = value
            count += 1
            eta += rawWeights[j + 1] * value
          }
          let probability = 1 / (1 + exp(-eta))
          let residual = probability - (labels[row] ? 1 : 0)
          let curvature = Swift.max(probability * (1 - probability), 1e-12)
          for first in 0..<count {
            let a = indices[first]
            sums[a] += residual * values[first]
            let scaled = curvature * values[first]
            for second in first..<count { sums[p + a * p + indices[second]] += scaled * values[second] }
          }
        }
        return sums
      }
      var rawGradient = [Double](repeating: 0, count: p)
      var rawHessian = [Double](repeating: 0, count: p * p)
      for sums in partials {
        for a in 0..<p { rawGradient[a] += sums[a] }
        for a in 0..<p { for b in a..<p { rawHessian[a * p + b] += sums[p + a * p + b] } }
      }
      for a in 0..<p { for b in 0..<a { rawHessian[a * p + b] = rawHessian[b * p + a] } }
      var gradient = [Double](repeating: 0, count: p)
      var hessian = [Double](repeating: 0, count: p * p)
      for a in 0..<p {
        gradient[a] = a == 0 ? rawGradient[0] : stretches[a] * rawGradient[a] + shifts[a] * rawGradient[0]
      }
      for a in 0..<p {
        for b in 0..<p {
          if a == 0 && b == 0 {
            hessian[0] = rawHessian[0]
          } else if a == 0 {
            hessian[b] = stretches[b] * rawHessian[b] + shifts[b] * rawHessian[0]
          } else if b == 0 {
            hessian[a * p] = stretches[a] * rawHessian[a * p] + shifts[a] * rawHessian[0]
          } else {
            hessian[a * p + b] =
              stretches[a] * stretches[b] * rawHessian[a * p + b] + stretches[a] * shifts[b] * rawHessian[a * p]
              + shifts[a] * stretches[b] * rawHessian[b] + shifts[a] * shifts[b] * rawHessian[0]
          }
        }
      }
      for j in 1..<p {
        gradient[j] += l2 * current[j]
        hessian[j * p + j] += l2
      }
      // Constant features have a zero row and column; keep them at weight 0.
      for j in 1..<p where scales[j - 1] == 0 { hessian[j * p + j] = 1 }
      guard let step = solveSymmetric(hessian, gradient, size: p) else { break }
      var largest = 0.0
      for j in 0..<p {
        weights[j] -= step[j]
        largest = Swift.max(largest, abs(step[j]))
      }
      if largest < 1e-8 { break }
    }
    self.weights = weights
    self.steps = steps
  }

  /// The linear predictor w·z of a feature vector.
  ///
  /// - Parameter features: `means.count` values.
  @inline(__always)
  func linearPredictor(_ features: [Double]) -> Double {
    var eta = weights[0]
    for j in 0..<means.count where scales[j] > 0 {
      eta += weights[j + 1] * (features[j] - means[j]) / scales[j]
    }
    return eta
  }

  /// The predicted probability σ(w·z) of a feature vector.
  ///
  /// - Parameter features: `means.count` values.
  func probability(_ features: [Double]) -> Double { 1 / (1 + exp(-linearPredictor(features))) }
}

/// Solves A x = b for a symmetric positive definite A by Cholesky factorisation; `nil` when A is
/// not positive definite.
func solveSymmetric(_ matrix: [Double], _ vector: [Double], size n: Int) -> [Double]? {
  var l = [Double](repeating: 0, count: n * n)
  for i in 0..<n {
    for j in 0...i {
      var sum = matrix[i * n + j]
      for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
      if i == j {
        guard sum > 0, sum.isFinite else { return nil }
        l[i * n + i] = sum.squareRoot()
      } else {
        l[i * n + j] = sum / l[j * n + j]
      }
    }
  }
  var y = [Double](repeating: 0, count: n)
  for i in 0..<n {
    var sum = vector[i]
    for k in 0..<i { sum -= l[i * n + k] * y[k] }
    y[i] = sum / l[i * n + i]
  }
  var x = [Double](repeating: 0, count: n)
  for i in stride(from: n - 1, through: 0, by: -1) {
    var sum = y[i]
    for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
    x[i] = sum / l[i * n + i]
  }
  return x
}

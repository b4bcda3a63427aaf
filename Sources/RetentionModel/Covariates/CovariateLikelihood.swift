import Foundation
import _RetentionSupport

/// The log-likelihood of a covariate fit and its exact gradient: the sum over covariate
/// profiles of the model's own likelihood at each profile's individual parameters.
///
/// The argument is (ln θ_0, γ_P, γ_D): the baseline log-parameters, then one purchase and one
/// dropout coefficient per column. A profile with covariates z has the log-parameters
/// ln θ_0 + e_P (γ_Pᵀz) + e_D (γ_Dᵀz) (``CovariateModel``); with g its likelihood's gradient in
/// those log-parameters, the chain rule gives ∂/∂ ln θ_0 = g, ∂/∂γ_P = z (e_P · g) and
/// ∂/∂γ_D = z (e_D · g). The profile likelihoods are the models' tested triple likelihoods;
/// few profiles are evaluated one after another (each in parallel chunks), many in parallel
/// chunks of profiles, so the sum never depends on the number of threads.
struct CovariateLikelihood: Sendable {
  let profiles: [[Double]]
  let likelihoods: [any LogLikelihood]
  let purchaseEffect: [Double]
  let dropoutEffect: [Double]
  let columns: Int
  let parameterCount: Int
  let profilesInParallel: Bool

  /// Profiles at or above which the sum runs over profiles in parallel.
  static let parallelProfiles = 8

  init(
    _ data: CovariateData, purchaseEffect: [Double], dropoutEffect: [Double], isParallel: Bool,
    likelihood: (IndexedTriples, Bool) -> any LogLikelihood
  ) throws {
    profilesInParallel = isParallel && data.profiles.count >= Self.parallelProfiles
    let innerParallel = isParallel && !profilesInParallel
    likelihoods = try data.triples.map { likelihood(try IndexedTriples($0), innerParallel) }
    profiles = data.profiles
    columns = data.covariateNames.count
    parameterCount = purchaseEffect.count
    self.purchaseEffect = purchaseEffect
    self.dropoutEffect = dropoutEffect
  }

  /// The number of entries of the argument.
  var dimension: Int { parameterCount + 2 * columns }

  /// The log-likelihood at `theta`, with its gradient written into `gradient`.
  ///
  /// The gradient has ``dimension`` entries; the value is NaN when a profile's likelihood is
  /// not finite.
  func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
    let (p, k) = (parameterCount, columns)
    let parts = ParallelWork.map(ParallelWork.chunks(of: profiles.count, size: 16), isParallel: profilesInParallel) {
      chunk in
      var value = 0.0
      var total = [Double](repeating: 0, count: p + 2 * k)
      var individual = [Double](repeating: 0, count: p)
      var profileGradient = [Double](repeating: 0, count: p)
      for profile in chunk {
        let z = profiles[profile]
        var purchase = 0.0, dropout = 0.0
        for j in 0..<k {
          purchase += theta[p + j] * z[j]
          dropout += theta[p + k + j] * z[j]
        }
        for i in 0..<p { individual[i] = theta[i] + purchaseEffect[i] * purchase + dropoutEffect[i] * dropout }
        value += likelihoods[profile].evaluate(logParameters: individual, gradient: &profileGradient)
        var purchaseSlope = 0.0, dropoutSlope = 0.0
        for i in 0..<p {
          total[i] += profileGradient[i]
          purchaseSlope += purchaseEffect[i] * profileGradient[i]
          dropoutSlope += dropoutEffect[i] * profileGradient[i]
        }
        for j in 0..<k where z[j] != 0 {
          total[p + j] += z[j] * purchaseSlope
          total[p + k + j] += z[j] * dropoutSlope
        }
      }
      return (value, total)
    }
    var value = 0.0
    gradient = [Double](repeating: 0, count: p + 2 * k)
    for part in parts {
      value += part.0
      for index in gradient.indices { gradient[index] += part.1[index] }
    }
    guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
      gradient = [Double](repeating: .nan, count: p + 2 * k)
      return .nan
    }
    return value
  }
}

import Foundation

/// A model whose gamma scale parameters move with time-invariant covariates, as in CLVTools
/// (Bachmann, Meierer & Näf 2021, "The Role of Time-Invariant Covariates in Customer Lifetime
/// Value Modeling").
///
/// A customer with covariates z has the model's parameters with the logarithm of each moved by
/// a purchase index γ_Pᵀz and a dropout index γ_Dᵀz:
///
///     ln θ_i = ln θ_0 + e_P · (γ_Pᵀz) + e_D · (γ_Dᵀz)
///
/// where the conforming model names the directions e_P (``purchaseCovariateEffect``) and e_D
/// (``dropoutCovariateEffect``). The parameters θ_0 are those of a customer with z = 0.
public protocol CovariateModel: ParametricModel where Unit == TimeUnit {
  /// How much the logarithm of each parameter (in ``ModelParameters/names`` order) moves per
  /// unit of the purchase index γ_Pᵀz.
  static var purchaseCovariateEffect: [Double] { get }
  /// How much the logarithm of each parameter moves per unit of the dropout index γ_Dᵀz.
  static var dropoutCovariateEffect: [Double] { get }
}

extension CovariateModel {
  /// The parameters of a customer whose covariates give these indices.
  ///
  /// - Parameters:
  ///   - baseline: The parameters of a customer with z = 0.
  ///   - purchaseIndex: γ_Pᵀz.
  ///   - dropoutIndex: γ_Dᵀz.
  /// - Returns: The individual parameters.
  public static func individualParameters(
    baseline: Parameters, purchaseIndex: Double, dropoutIndex: Double
  ) -> Parameters {
    let values = baseline.values.indices.map { index in
      baseline.values[index]
        * exp(purchaseCovariateEffect[index] * purchaseIndex + dropoutCovariateEffect[index] * dropoutIndex)
    }
    return Parameters(values: values)
  }
}

extension ParetoNBDModel: CovariateModel {
  /// α_i = α_0 exp(−γ_Pᵀz): a positive purchase coefficient raises the mean purchase rate
  /// r/α_i by the factor exp(γ_P) (CLVTools `pnbd_staticcov_alpha_i`).
  public static var purchaseCovariateEffect: [Double] { [0, -1, 0, 0] }
  /// β_i = β_0 exp(−γ_Dᵀz): a positive dropout coefficient raises the mean dropout rate s/β_i by
  /// the factor exp(γ_D) (CLVTools `pnbd_staticcov_beta_i`).
  public static var dropoutCovariateEffect: [Double] { [0, 0, 0, -1] }

  /// Fits the Pareto/NBD with time-invariant covariates by maximum likelihood.
  ///
  /// The purchase rates are gamma(r, α_i) with α_i = α_0 exp(−γ_Pᵀz), the dropout rates
  /// gamma(s, β_i) with β_i = β_0 exp(−γ_Dᵀz), as in CLVTools (Bachmann, Meierer & Näf 2021;
  /// CLVTools `src/pnbd.cpp`); each customer's likelihood is that of note 008 at their α_i and
  /// β_i. See ``CovariateFit`` for what the fit reports.
  ///
  /// ```swift
  /// let fit = try ParetoNBDModel.fit(try CovariateData(summaries, covariates: covariates))
  /// for effect in fit.covariates { print(effect.name, effect.purchase, effect.dropout) }
  /// ```
  ///
  /// - Parameters:
  ///   - data: The customers' triples by covariate profile.
  ///   - options: Tolerances, bounds and parallelism (its starts apply to the fit without
  ///     covariates, which starts this one).
  ///   - testsBlocks: Whether to refit without each block for its likelihood-ratio test; `true`
  ///     by default.
  /// - Returns: The fit.
  /// - Throws: ``RetentionModelError`` for bad data, `.fitFailed` when the likelihood is not
  ///   finite at any start.
  /// - Complexity: O(*b* · *k* · (*u* + *P*)) for *b* blocks tested, *k* iterations, *u* unique rows
  ///   and *P* profiles.
  public static func fit(
    _ data: CovariateData, options: FitOptions = FitOptions(), testsBlocks: Bool = true
  ) throws -> CovariateFit<ParetoNBDModel> {
    try CovariateEstimation.fit(
      data, options: options, testsBlocks: testsBlocks, baseFit: { try ParetoNBDModel.fit($0, options: options) },
      likelihood: { ParetoNBDLikelihood(triples: $0, isParallel: $1) })
  }
}

extension BGNBDModel: CovariateModel {
  /// α_i = α_0 exp(−γ_Pᵀz): a positive purchase coefficient raises the mean purchase rate
  /// r/α_i by the factor exp(γ_P) (CLVTools `bgnbd_staticcov_alpha_i`).
  public static var purchaseCovariateEffect: [Double] { [0, -1, 0, 0] }
  /// a_i = a_0 exp(γ_Dᵀz) and b_i = b_0 exp(γ_Dᵀz) (CLVTools `bgnbd_staticcov_a_i`, `_b_i`):
  /// the mean dropout probability a/(a+b) stays, its spread across customers shrinks as γ_Dᵀz
  /// grows.
  public static var dropoutCovariateEffect: [Double] { [0, 0, 1, 1] }

  /// Fits the BG/NBD with time-invariant covariates by maximum likelihood.
  ///
  /// The purchase rates are gamma(r, α_i) with α_i = α_0 exp(−γ_Pᵀz); the dropout
  /// probabilities beta(a_i, b_i) with a_i = a_0 exp(γ_Dᵀz) and b_i = b_0 exp(γ_Dᵀz), as in
  /// CLVTools (Bachmann, Meierer & Näf 2021; CLVTools `src/bgnbd.cpp`); each customer's
  /// likelihood is FHL (2005) eq. 6 at their α_i, a_i and b_i. See ``CovariateFit``.
  ///
  /// ```swift
  /// let fit = try BGNBDModel.fit(try CovariateData(summaries, covariates: covariates))
  /// ```
  ///
  /// - Parameters:
  ///   - data: The customers' triples by covariate profile.
  ///   - options: Tolerances, bounds and parallelism (its starts apply to the fit without
  ///     covariates, which starts this one).
  ///   - testsBlocks: Whether to refit without each block for its likelihood-ratio test; `true`
  ///     by default.
  /// - Returns: The fit.
  /// - Throws: ``RetentionModelError`` for bad data, `.fitFailed` when the likelihood is not
  ///   finite at any start.
  /// - Complexity: O(*b* · *k* · (*u* + *P*)) for *b* blocks tested, *k* iterations, *u* unique rows
  ///   and *P* profiles.
  public static func fit(
    _ data: CovariateData, options: FitOptions = FitOptions(), testsBlocks: Bool = true
  ) throws -> CovariateFit<BGNBDModel> {
    try CovariateEstimation.fit(
      data, options: options, testsBlocks: testsBlocks, baseFit: { try BGNBDModel.fit($0, options: options) },
      likelihood: { BetaGeometricLikelihood(triples: $0, isModified: false, isParallel: $1) })
  }
}

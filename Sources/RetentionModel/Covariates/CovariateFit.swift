/// The estimated effect of one covariate column on purchasing and on dropout.
///
/// It encodes to the JSON of `secondsale fit --covariates`:
/// `{"name": "source=instagram", "purchase": 0.21, "purchaseSE": 0.05, "dropout": -0.4, "dropoutSE": 0.2}`.
public struct CovariateEffect: Sendable, Hashable, Codable {
  /// The column's name.
  public var name: String
  /// γ_P: the purchase coefficient (see the model's ``CovariateModel/purchaseCovariateEffect``).
  public var purchase: Double
  /// The standard error of ``purchase``, or `nil` when the Hessian does not give one.
  public var purchaseSE: Double?
  /// γ_D: the dropout coefficient (see the model's ``CovariateModel/dropoutCovariateEffect``).
  public var dropout: Double
  /// The standard error of ``dropout``, or `nil` when the Hessian does not give one.
  public var dropoutSE: Double?

  /// Creates an effect.
  ///
  /// - Parameters:
  ///   - name: The column's name.
  ///   - purchase: γ_P.
  ///   - purchaseSE: Its standard error.
  ///   - dropout: γ_D.
  ///   - dropoutSE: Its standard error.
  public init(name: String, purchase: Double, purchaseSE: Double?, dropout: Double, dropoutSE: Double?) {
    self.name = name
    self.purchase = purchase
    self.purchaseSE = purchaseSE
    self.dropout = dropout
    self.dropoutSE = dropoutSE
  }
}

/// A likelihood-ratio test of a set of covariate coefficients (Wilks 1938): the model with them
/// against the model with them held at zero.
public struct LikelihoodRatioTest: Sendable, Hashable, Codable {
  /// What is tested: a block's name, or `all covariates`.
  public var name: String
  /// The columns whose purchase and dropout coefficients are held at zero.
  public var columns: [String]
  /// The number of coefficients held at zero (two per column that varies).
  public var degreesOfFreedom: Int
  /// 2 (ℓ − ℓ₀), at least 0.
  public var statistic: Double
  /// P(χ²(degreesOfFreedom) > statistic); 1 without degrees of freedom.
  public var pValue: Double
  /// ℓ₀, the maximised log-likelihood with the coefficients held at zero.
  public var restrictedLogLikelihood: Double

  /// Creates a test from the two log-likelihoods.
  ///
  /// - Parameters:
  ///   - name: What is tested.
  ///   - columns: The columns held at zero.
  ///   - degreesOfFreedom: The number of coefficients held at zero.
  ///   - logLikelihood: ℓ, the full model's.
  ///   - restrictedLogLikelihood: ℓ₀.
  public init(
    name: String, columns: [String], degreesOfFreedom: Int, logLikelihood: Double, restrictedLogLikelihood: Double
  ) {
    self.name = name
    self.columns = columns
    self.degreesOfFreedom = degreesOfFreedom
    self.restrictedLogLikelihood = restrictedLogLikelihood
    statistic = Swift.max(0, 2 * (logLikelihood - restrictedLogLikelihood))
    pValue =
      degreesOfFreedom > 0 ? SpecialFunctions.chiSquaredSurvival(statistic, degreesOfFreedom: degreesOfFreedom) : 1
  }
}

/// A model fitted with time-invariant covariates: the baseline parameters, each covariate's
/// purchase and dropout coefficient with standard errors, and likelihood-ratio tests.
///
/// Standard errors come from the Hessian of the log-likelihood (central differences of its
/// exact gradient) by the delta method: diag(θ) H⁻¹ diag(θ) for the baseline parameters (fitted
/// on the log scale), H⁻¹ for the coefficients. A column that is constant over the customers
/// cannot be told from the baseline: its coefficients stay at zero without standard errors, and
/// ``notes`` says so.
///
/// ```swift
/// let fit = try ParetoNBDModel.fit(data)
/// let customer = fit.model(for: [1, 0])     // the Pareto/NBD of a customer with z = (1, 0)
/// print(customer.probabilityAlive(frequency: 2, recency: 30.4, age: 38.9))
/// ```
public struct CovariateFit<Model: CovariateModel>: Sendable, Codable {
  /// The model's identifier (`"paretonbd"`, `"bgnbd"`).
  public var model: String
  /// The parameters of a customer with all covariates zero (α_0, β_0, ...).
  public var baseline: Model.Parameters
  /// The standard errors of the baseline parameters, by name (those the Hessian gives).
  public var baselineStandardErrors: [String: Double]
  /// The effect of each covariate column, in column order.
  public var covariates: [CovariateEffect]
  /// The maximised log-likelihood.
  public var logLikelihood: Double
  /// The maximised log-likelihood of the model without covariates on the same customers.
  public var logLikelihoodWithoutCovariates: Double
  /// The test of all coefficients together against the model without covariates.
  public var overallTest: LikelihoodRatioTest
  /// One test per block of columns (empty when the blocks were not tested).
  public var blockTests: [LikelihoodRatioTest]
  /// The covariance of the baseline parameters, the purchase coefficients and the dropout
  /// coefficients, in that order, or `nil` when the Hessian is not positive definite.
  public var covariance: [[Double]]?
  /// The number of customers.
  public var customers: Double
  /// The number of unique (x, t_x, T, covariates) rows.
  public var uniqueRows: Int
  /// The number of distinct covariate profiles.
  public var profiles: Int
  /// Whether the optimiser met its gradient tolerance.
  public var converged: Bool
  /// The optimiser's iterations.
  public var iterations: Int
  /// The likelihood evaluations of the fit (without the tests).
  public var evaluations: Int
  /// The unit of the data, which the parameters are per period of.
  public var unit: TimeUnit
  /// What a reader should know: constant columns, missing standard errors, no convergence.
  public var notes: [String]

  /// The model of a customer with these covariate values.
  ///
  /// - Parameter covariates: One value per column, in column order.
  /// - Returns: The model at the customer's individual parameters.
  /// - Precondition: One value per column.
  public func model(for covariates: [Double]) -> Model {
    precondition(covariates.count == self.covariates.count, "one covariate value per column")
    var purchase = 0.0, dropout = 0.0
    for (value, effect) in zip(covariates, self.covariates) {
      purchase += value * effect.purchase
      dropout += value * effect.dropout
    }
    return Model(
      parameters: Model.individualParameters(baseline: baseline, purchaseIndex: purchase, dropoutIndex: dropout),
      unit: unit)
  }
}

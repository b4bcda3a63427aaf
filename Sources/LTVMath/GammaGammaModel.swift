import Foundation
public import RetentionModel

/// The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
/// iso-value curves", *JMR* 42(4); Fader & Hardie note 025).
///
/// A customer's purchase values are Gamma(p, ν) with a customer-specific rate ν ~ Gamma(q, γ),
/// so the mean spend p/ν varies across customers but not over time, independently of how often
/// they buy. Fit it on the repeat buyers (x > 0, z̄ > 0):
///
/// ```swift
/// let fit = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
/// let expected = fit.model.expectedAverageOrderValue(frequency: 2, monetaryValue: 22.35)
/// ```
///
/// The model assumes spend and frequency are independent; ``SpendModelFit/frequencySpendCorrelation``
/// reports the Pearson correlation of x and z̄ among the customers fitted and
/// ``SpendModelFit/warnings`` warns when it exceeds 0.3 in absolute value.
public struct GammaGammaModel: SpendModel, Hashable, Codable {
  /// The shape p of the per-purchase Gamma distribution.
  public var p: Double
  /// The shape q of the Gamma mixing distribution of the rate.
  public var q: Double
  /// The scale γ of the Gamma mixing distribution of the rate.
  public var gamma: Double

  /// Creates a model with given parameters.
  ///
  /// - Precondition: `p`, `q` and `gamma` are positive and finite.
  public init(p: Double, q: Double, gamma: Double) {
    precondition([p, q, gamma].allSatisfy { $0 > 0 && $0.isFinite }, "Gamma-Gamma parameters must be positive")
    self.p = p
    self.q = q
    self.gamma = gamma
  }

  /// E[M | x, z̄] = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · z̄, a weighted mean of
  /// the population mean and the customer's own mean (note 025, eq. 5).
  ///
  /// For q ≤ 1 the population mean is infinite; the result is then p(γ + x z̄)/(px + q − 1)
  /// when that is positive, and z̄ otherwise.
  public func expectedAverageOrderValue(frequency x: Double, monetaryValue zbar: Double) -> Double {
    let zbar = x > 0 ? zbar : 0
    let denominator = p * x + q - 1
    guard denominator > 0 else { return zbar }
    return p * (gamma + x * zbar) / denominator
  }

  /// E[M] = pγ/(q − 1), or infinity for q ≤ 1.
  public var populationMeanOrderValue: Double {
    q > 1 ? p * gamma / (q - 1) : .infinity
  }

  /// The log-likelihood of one customer's x repeat purchases of mean z̄ (note 025, eq. 3).
  ///
  /// - Parameters:
  ///   - x: The number of repeat purchases, positive.
  ///   - zbar: Their mean value, positive.
  public func logLikelihood(frequency x: Double, monetaryValue zbar: Double) -> Double {
    let px = p * x
    return SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - SpecialFunctions.logGamma(q)
      + q * log(gamma) + (px - 1) * log(zbar) + px * log(x) - (px + q) * log(gamma + x * zbar)
  }

  /// Fits the model by maximum likelihood on the customers with x > 0 and z̄ > 0.
  ///
  /// The optimiser is the bounded L-BFGS on log-parameters of `RetentionModel`
  /// (``MaximumLikelihood``) with the exact gradient; standard errors by the delta method.
  ///
  /// - Parameters:
  ///   - frequency: x per customer.
  ///   - monetaryValue: z̄ per customer (the mean of the *repeat* purchases).
  ///   - options: Starts and tolerances.
  /// - Returns: The fitted model and its diagnostics.
  /// - Throws: ``LTVMathError`` `.invalidArgument` for columns of different lengths,
  ///   `.insufficientData` with fewer than 2 usable customers, `.fitFailed` if no start works.
  /// - Complexity: O(*k* · *n*) for *k* iterations over *n* repeat customers.
  public static func fit(frequency: [Double], monetaryValue: [Double], options: FitOptions = FitOptions())
    throws -> SpendModelFit<GammaGammaModel>
  {
    guard frequency.count == monetaryValue.count else {
      throw LTVMathError(.invalidArgument, reason: "frequency and monetary value columns differ in length")
    }
    var xs: [Double] = [], zs: [Double] = []
    for index in frequency.indices
    where frequency[index] > 0 && monetaryValue[index] > 0 && frequency[index].isFinite
      && monetaryValue[index].isFinite
    {
      xs.append(frequency[index])
      zs.append(monetaryValue[index])
    }
    guard xs.count >= 2 else {
      throw LTVMathError(.insufficientData, reason: "the Gamma-Gamma model needs repeat buyers with a positive spend; found \(xs.count)")
    }
    let logX = xs.map { log($0) }, logZ = zs.map { log($0) }
    // Method-of-moments style start: p around 1-5, q a little above 1, gamma from the mean spend.
    let meanSpend = zs.reduce(0, +) / Double(zs.count)
    let starts = [[1, 1, 1], [2, 3, meanSpend], [5, 3, meanSpend / 2], [1, 2, meanSpend / 4]]
    let estimate: MaximumLikelihoodEstimate
    do {
      estimate = try MaximumLikelihood.maximize(starts: starts, options: options) { theta, gradient in
        let p = exp(theta[0]), q = exp(theta[1]), g = exp(theta[2])
        let lgq = SpecialFunctions.logGamma(q), dgq = SpecialFunctions.digamma(q), logG = log(g)
        var total = 0.0, dp = 0.0, dq = 0.0, dg = 0.0
        for index in xs.indices {
          let x = xs[index], z = zs[index], px = p * x
          let rate = g + x * z, logRate = log(rate)
          let dgpxq = SpecialFunctions.digamma(px + q)
          total += SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - lgq + q * logG
            + (px - 1) * logZ[index] + px * logX[index] - (px + q) * logRate
          dp += x * (dgpxq - SpecialFunctions.digamma(px) + logZ[index] + logX[index] - logRate)
          dq += dgpxq - dgq + logG - logRate
          dg += q / g - (px + q) / rate
        }
        gradient[0] = dp * p
        gradient[1] = dq * q
        gradient[2] = dg * g
        return total
      }
    } catch {
      throw LTVMathError(.fitFailed, reason: "\(error)")
    }
    let model = GammaGammaModel(p: estimate.parameters[0], q: estimate.parameters[1], gamma: estimate.parameters[2])
    let correlation = pearsonCorrelation(xs, zs)
    var warnings: [String] = []
    if let correlation, abs(correlation) > 0.3 {
      warnings.append(
        "frequency and spend are correlated (Pearson \(String(format: "%.2f", correlation))): the Gamma-Gamma model assumes they are independent, so its spend predictions are biased")
    }
    return SpendModelFit(
      model: model, logLikelihood: estimate.logLikelihood,
      standardErrors: estimate.standardErrors.map { GammaGammaModel.StandardErrors(p: $0[0], q: $0[1], gamma: $0[2]) },
      covariance: estimate.covariance, customers: xs.count, converged: estimate.converged,
      iterations: estimate.iterations, frequencySpendCorrelation: correlation, warnings: warnings)
  }

  /// Standard errors of the Gamma-Gamma parameters.
  public struct StandardErrors: Sendable, Hashable, Codable {
    /// The standard error of p.
    public var p: Double
    /// The standard error of q.
    public var q: Double
    /// The standard error of γ.
    public var gamma: Double
  }
}

/// A fitted spend model with its diagnostics.
public struct SpendModelFit<Model: SpendModel & Codable>: Sendable where Model: Hashable {
  /// The fitted model.
  public var model: Model
  /// The log-likelihood at the estimate.
  public var logLikelihood: Double
  /// Standard errors by the delta method, or `nil` when the Hessian is not positive definite.
  public var standardErrors: GammaGammaModel.StandardErrors?
  /// The covariance matrix of (p, q, γ) by the delta method, diag(θ) H⁻¹ diag(θ), or `nil`
  /// with ``standardErrors``; the parametric bootstrap of ``LifetimeValue/scores(_:purchases:spend:within:margin:discount:bootstrap:isParallel:)``
  /// draws the spend parameters from it.
  public var covariance: [[Double]]?
  /// The number of customers fitted (repeat buyers with a positive spend).
  public var customers: Int
  /// Whether the optimiser met its tolerance.
  public var converged: Bool
  /// The number of optimiser iterations.
  public var iterations: Int
  /// The Pearson correlation of x and z̄ among the customers fitted, or `nil` when it is
  /// undefined (fewer than two customers, or x or z̄ the same for all).
  public var frequencySpendCorrelation: Double?
  /// Warnings about the model's assumptions.
  public var warnings: [String]
}

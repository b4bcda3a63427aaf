import Foundation

/// The fitting shared by ``MBGCNBDModel`` and ``BGCNBDModel``: maximum likelihood in r, α, a
/// and b for a fixed k, the timing term added to the maximum.
enum ErlangBetaGeometricFitting {
  /// Why k has no standard error.
  static let regularityReason =
    "k is a whole number held fixed in this fit (chosen by comparing the maximised likelihoods of several k), not estimated from the Hessian; the other standard errors are conditional on it"

  /// Fits r, α, a, b for a fixed k.
  ///
  /// - Complexity: O(*u* · k) per likelihood evaluation for *u* unique triples.
  static func fit<Model: ParametricModel>(
    _ data: PurchaseTimingData, k: Int, isModified: Bool, options: FitOptions
  ) throws -> ModelFit<Model> where Model.Parameters == MBGCNBDModel.Parameters, Model.Unit == TimeUnit {
    guard k >= 1, k <= 1_000 else {
      throw RetentionModelError(.invalidArgument, reason: "k must be a whole number in 1...1000, got \(k)")
    }
    let triples = try IndexedTriples(data.triples)
    let likelihood = ErlangBetaGeometricLikelihood(
      triples: triples, k: k, isModified: isModified, isParallel: options.isParallel)
    // k stages per purchase: the stage rate is about k times the purchase rate, so α about 1/k.
    let starts = BGNBDModel.defaultStarts(triples).map { [$0[0], $0[1] / Double(k), $0[2], $0[3]] }
    let estimate = try MaximumLikelihood.maximize(starts: starts, options: options) { theta, gradient in
      likelihood.evaluate(logParameters: theta, gradient: &gradient)
    }
    let limits: ModelLimits =
      k == 1
      ? .nbdFamily(
        dropout: ["a", "b"], triples: triples, options: options, dropoutShare: { $0[2] / ($0[2] + $0[3]) })
      : ModelLimits(
        hasDropout: true, dropout: ["a", "b"], purchase: ["r", "alpha"], repeatPurchases: triples.repeatPurchases)
    let values = estimate.parameters
    let model = Model(
      parameters: MBGCNBDModel.Parameters(k: k, r: values[0], alpha: values[1], a: values[2], b: values[3]),
      unit: data.unit)
    return ModelFit(
      model: model, estimate: estimate, freeNames: ["r", "alpha", "a", "b"], fixed: ["k": regularityReason],
      logLikelihoodOffset: timingTerm(of: data, k: k), customers: triples.customers, uniqueTriples: triples.count,
      options: options, limits: limits)
  }

  /// Σ over customers of (k−1) litt − x ln (k−1)!.
  static func timingTerm(of data: PurchaseTimingData, k: Int) -> Double {
    ErlangBetaGeometric.timingTerm(
      k: k, frequency: data.interPurchaseTimeCount, logInterPurchaseTimes: data.logInterPurchaseTimeSum)
  }

  /// The total log-likelihood of data (in the model's unit) at the core's parameters.
  static func logLikelihood(of data: PurchaseTimingData, core: ErlangBetaGeometric) throws -> Double {
    let likelihood = ErlangBetaGeometricLikelihood(
      triples: try IndexedTriples(data.triples), k: core.k, isModified: core.m == 1, isParallel: true)
    let parameters = BGNBDModel.Parameters(r: core.r, alpha: core.alpha, a: core.a, b: core.b)
    return likelihood.value(at: parameters) + timingTerm(of: data, k: core.k)
  }
}

/// The fits of an Erlang-k model for several k and the one with the largest likelihood.
///
/// ```swift
/// let search = try MBGCNBDModel.fit(data, regularities: 1...12)
/// for fit in search.fits { print(fit.parameters.k, fit.logLikelihood) }
/// let best = search.best      // its parameters.k is the chosen regularity
/// ```
public struct RegularitySearch<Model: ParametricModel>: Sendable {
  /// The fit of every k tried, in the order tried (increasing k).
  public var fits: [ModelFit<Model>]
  /// The index in ``fits`` of the fit with the largest log-likelihood (the first on ties).
  public var bestIndex: Int

  /// The fit with the largest log-likelihood.
  public var best: ModelFit<Model> { fits[bestIndex] }

  /// Fits k in increasing order and stops early once the log-likelihood has fallen twice in a
  /// row (BTYDplus's `xbgcnbd.EstimateParameters`).
  ///
  /// - Parameters:
  ///   - regularities: The k to try.
  ///   - fit: The fit for one k.
  /// - Throws: What `fit` throws, or ``RetentionModelError`` `.invalidArgument` for an
  ///   empty range or k below 1.
  /// - Complexity: Up to `regularities.count` fits.
  init(regularities: ClosedRange<Int>, fit: (Int) throws -> ModelFit<Model>) throws {
    guard regularities.lowerBound >= 1 else {
      throw RetentionModelError(.invalidArgument, reason: "k must be at least 1, got \(regularities.lowerBound)")
    }
    var fits: [ModelFit<Model>] = []
    for k in regularities {
      fits.append(try fit(k))
      let n = fits.count
      if n >= 3, fits[n - 1].logLikelihood < fits[n - 2].logLikelihood,
        fits[n - 2].logLikelihood < fits[n - 3].logLikelihood
      {
        break
      }
    }
    self.fits = fits
    var bestIndex = 0
    for index in fits.indices where fits[index].logLikelihood > fits[bestIndex].logLikelihood { bestIndex = index }
    self.bestIndex = bestIndex
  }
}

extension RegularitySearch: Codable {}

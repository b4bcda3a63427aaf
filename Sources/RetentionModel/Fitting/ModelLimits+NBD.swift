import Foundation

extension ModelLimits {
  /// The limits of a buy-till-you-die model whose limit without dropout is the NBD (BG/NBD,
  /// MBG/NBD, Pareto/NBD): as the dropout probability or rate goes to 0, the likelihood of
  /// every customer tends to the NBD's (Fader, Hardie & Lee 2005; Schmittlein, Morrison &
  /// Colombo 1987), so an optimum with no better likelihood than the NBD's maximum is that limit.
  ///
  /// The NBD is fitted on the same triples only when the diagnostics ask (after the main fit),
  /// from the main fit's r and α first, without standard errors.
  ///
  /// - Parameters:
  ///   - dropout: The model's dropout parameters.
  ///   - triples: The indexed triples of the fit.
  ///   - options: The options of the main fit (bounds, parallelism).
  ///   - dropoutShare: The share of customers the fitted parameters let drop out (the NBD is
  ///     fitted only when it is small or the Hessian is ill-conditioned).
  /// - Complexity: O(*u*) to build; the NBD fit costs O(*u*) per evaluation for *u* triples.
  static func nbdFamily(
    dropout: [String], triples: IndexedTriples, options: FitOptions, dropoutShare: @escaping ([Double]) -> Double
  ) -> ModelLimits {
    var nbdOptions = options
    nbdOptions.computesStandardErrors = false
    nbdOptions.exhaustiveStarts = false
    let likelihood = NBDLikelihood(triples: triples, isParallel: options.isParallel)
    return ModelLimits(
      hasDropout: true, dropout: dropout, purchase: ["r", "alpha"],
      noDropout: (
        "the NBD",
        { fitted in
          var startOptions = nbdOptions
          startOptions.starts = [Array(fitted.prefix(2))]
          let estimate = try? MaximumLikelihood.maximize(
            starts: NBDModel.defaultStarts(triples), options: startOptions
          ) { theta, gradient in
            likelihood.evaluate(logParameters: theta, gradient: &gradient)
          }
          return estimate?.logLikelihood
        }
      ),
      dropoutShare: dropoutShare, repeatPurchases: triples.repeatPurchases)
  }
}

extension IndexedTriples {
  /// Σ count × x: the repeat purchases in the data.
  ///
  /// - Complexity: O(*u*), where *u* is the number of triples.
  var repeatPurchases: Double {
    zip(weights, frequency).reduce(0) { $0 + $1.0 * $1.1 }
  }
}

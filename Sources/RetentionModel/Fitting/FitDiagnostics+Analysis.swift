import Foundation

/// What a model knows about the edges of its parameter space, for ``FitDiagnostics``.
struct ModelLimits {
  /// Whether the model has dropout at all (`false` for the NBD).
  var hasDropout = true
  /// The dropout parameters, which the limit without dropout leaves unidentified.
  var dropout: [String] = []
  /// The purchase-rate parameters; both at the upper bound is the limit of equal purchase rates.
  var purchase: [String] = []
  /// The model this one tends to without dropout (`"the NBD"`) and its maximised
  /// log-likelihood on the same data, computed only when asked (from the fitted parameters).
  var noDropout: (name: String, logLikelihood: ([Double]) -> Double?)?
  /// How much dropout the fitted parameters imply, as a share of customers in `0...1`.
  ///
  /// For example the mean dropout probability a/(a+b). Below
  /// ``FitDiagnostics/dropoutShareToCheck``, or when the Hessian is not well conditioned, the
  /// diagnostics fit the limit without dropout to compare; above it, with a well-conditioned
  /// Hessian, dropout is plainly identified and the limit's fit is skipped.
  var dropoutShare: (([Double]) -> Double)?
  /// The number of repeat purchases in the data, for the models that count them.
  var repeatPurchases: Double?
}

extension FitDiagnostics {
  /// The parameters within this distance (on the log scale) of a bound are at it.
  static let boundTolerance = 1e-3
  /// A Hessian eigenvalue below this fraction of the largest is a flat direction.
  static let flatness = 1e-9
  /// Below this implied dropout share the optimum is compared with the limit without dropout.
  static let dropoutShareToCheck = 0.01

  /// The diagnostics of an estimate, with the standard errors of the identified parameters.
  ///
  /// - Parameters:
  ///   - estimate: The optimiser's estimate with its Hessian.
  ///   - names: The parameter names in vector order.
  ///   - options: The options of the fit (its bounds and whether standard errors were asked for).
  ///   - limits: What the model knows about its limits.
  /// - Returns: The diagnostics, the standard errors by name of the parameters that have one,
  ///   and the covariance matrix when every parameter has one.
  /// - Complexity: O(*d*⁴) for *d* parameters, plus the limit's fit when the optimum may be on it.
  static func analysing(
    _ estimate: MaximumLikelihoodEstimate, names: [String], options: FitOptions, limits: ModelLimits
  ) -> (diagnostics: FitDiagnostics, standardErrors: [String: Double], covariance: [[Double]]?) {
    let dimension = names.count
    let theta = estimate.parameters.map { log($0) }
    let lower = log(options.parameterBounds.lowerBound), upper = log(options.parameterBounds.upperBound)
    var diagnostics = FitDiagnostics()
    var excluded: [Int: String] = [:]
    var boundary = Set<Int>()
    func index(_ name: String) -> Int? { names.firstIndex(of: name) }

    for i in 0..<dimension {
      if theta[i] - lower <= boundTolerance {
        boundary.insert(i)
        excluded[i] =
          "\(names[i]) is at the lower bound \(short(options.parameterBounds.lowerBound)) of the parameter box"
      } else if upper - theta[i] <= boundTolerance {
        boundary.insert(i)
        excluded[i] =
          "\(names[i]) is at the upper bound \(short(options.parameterBounds.upperBound)) of the parameter box"
      }
    }
    let boxNames = boundary.sorted().map { names[$0] }
    var limitNames: [String] = []

    if limits.repeatPurchases == 0 {
      diagnostics.dropoutIdentified = false
      diagnostics.purchaseHeterogeneityIdentified = false
      let shape = limits.purchase.first ?? "r"
      diagnostics.limitingModel = "no repeat purchases: \(shape) → 0"
      if let i = index(shape) { boundary.insert(i) }
      for i in 0..<dimension where excluded[i] == nil || names[i] == shape {
        excluded[i] = "no customer made a repeat purchase, so the data do not determine \(names[i])"
      }
      diagnostics.notes.append(
        "No customer made a repeat purchase: the likelihood rises as \(shape) goes to 0 (nobody buys again), so the fit sits on that boundary and the data say nothing about dropout or about how purchase rates differ."
      )
    } else {
      if !limits.hasDropout { diagnostics.dropoutIdentified = false }
      let condition = estimate.hessian.flatMap(SymmetricMatrix.eigen).flatMap { eigen in
        eigen.values.first.flatMap { $0 > 0 ? (eigen.values.last ?? 0) / $0 : nil }
      }
      let dropoutParameterAtBound = limits.dropout.contains { name in index(name).map(boundary.contains) == true }
      let needsComparison =
        dropoutParameterAtBound || (condition ?? .infinity) > 1e8
        || (limits.dropoutShare?(estimate.parameters) ?? 0) < dropoutShareToCheck
      if needsComparison, let limit = limits.noDropout,
        let limitLogLikelihood = limit.logLikelihood(estimate.parameters)
      {
        let gap = estimate.logLikelihood - limitLogLikelihood
        if gap <= 1e-8 * Swift.max(1, abs(estimate.logLikelihood)) {
          diagnostics.dropoutIdentified = false
          diagnostics.limitingModel = "no dropout: \(limit.name)"
          for name in limits.dropout {
            guard let i = index(name) else { continue }
            boundary.insert(i)
            limitNames.append(name)
            excluded[i] =
              "dropout is not identified: the maximum is the limit without dropout (\(limit.name)), which does not depend on \(name)"
          }
          var note =
            "No dropout: the maximum likelihood is this model's limit without dropout, \(limit.name) (log-likelihood \(String(format: "%.4f", limitLogLikelihood)), this fit \(String(format: "%.4f", estimate.logLikelihood))). These data show no customer dropping out, so every customer looks alive and \(limits.dropout.joined(separator: " and ")) are not identified; use \(limit.name), or judge lapsing by each customer's usual gap between orders."
          if gap < -1e-8 * Swift.max(1, abs(estimate.logLikelihood)) {
            note += " The optimiser stopped \(short(-gap)) below that limit."
          }
          diagnostics.notes.append(note)
        }
      }
      let purchase = limits.purchase.compactMap(index)
      if !purchase.isEmpty, purchase.allSatisfy({ upper - theta[$0] <= boundTolerance }) {
        diagnostics.purchaseHeterogeneityIdentified = false
        let (first, last) = (names[purchase[0]], names[purchase[purchase.count - 1]])
        let ratio =
          "\(first)/\(last) = \(short(estimate.parameters[purchase[0]] / estimate.parameters[purchase[purchase.count - 1]]))"
        let limitName = "no purchase heterogeneity: every customer buys at the same rate (\(ratio))"
        diagnostics.limitingModel = diagnostics.limitingModel.map { "\($0); \(limitName)" } ?? limitName
        diagnostics.notes.append(
          "Purchase rates do not differ: \(limits.purchase.joined(separator: " and ")) run to the upper bound, the limit in which every customer buys at the same rate; their ratio (\(ratio)) is determined, each alone is not."
        )
      }
    }
    let newlyAtBound = boxNames.filter { !limitNames.contains($0) && limits.repeatPurchases != 0 }
    if !newlyAtBound.isEmpty {
      diagnostics.notes.append(
        "\(newlyAtBound.joined(separator: " and ")) \(newlyAtBound.count == 1 ? "is" : "are") at a bound of the parameter box (\(short(options.parameterBounds.lowerBound))...\(short(options.parameterBounds.upperBound))): the likelihood keeps rising toward the edge, so the estimate is that bound, not an interior maximum."
      )
    }
    diagnostics.atBoundary = boundary.sorted().map { names[$0] }

    var standardErrors: [String: Double] = [:]
    var covariance: [[Double]]?
    if !options.computesStandardErrors {
      for i in 0..<dimension where excluded[i] == nil { excluded[i] = "standard errors were not requested" }
    } else if let hessian = estimate.hessian {
      if let (values, _) = SymmetricMatrix.eigen(hessian), let smallest = values.first, let largest = values.last {
        if smallest > 0 {
          let condition = largest / smallest
          diagnostics.hessianCondition = condition.isFinite ? condition : nil
        } else if boundary.isEmpty {
          diagnostics.notes.append(
            "The Hessian of the log-likelihood is not positive definite at the estimate (its smallest eigenvalue is \(short(smallest))): it is not a strict maximum in every direction."
          )
        }
      }
      var free = (0..<dimension).filter { excluded[$0] == nil }
      while !free.isEmpty {
        let block = free.map { i in free.map { j in hessian[i][j] } }
        guard let (values, vectors) = SymmetricMatrix.eigen(block) else { break }
        let largest = Swift.max(values.last ?? 0, 0)
        if let smallest = values.first, smallest > flatness * largest, largest > 0,
          let inverse = SymmetricMatrix.inverseOfPositiveDefinite(block)
        {
          let errors = free.indices.map { k in estimate.parameters[free[k]] * inverse[k][k].squareRoot() }
          if errors.allSatisfy(\.isFinite) {
            for (k, i) in free.enumerated() { standardErrors[names[i]] = errors[k] }
            if free.count == dimension {
              covariance = (0..<dimension).map { i in
                (0..<dimension).map { j in estimate.parameters[i] * inverse[i][j] * estimate.parameters[j] }
              }
            }
          }
          break
        }
        let direction = vectors[0].map(abs)
        let dominant = free[direction.indices.max { direction[$0] < direction[$1] } ?? 0]
        let smallest = values.first ?? 0
        let reason =
          smallest <= 0
          ? "the log-likelihood is not concave along \(names[dominant]) at the estimate (the Hessian is not positive definite in that direction)"
          : "the log-likelihood is flat along \(names[dominant]) (Hessian eigenvalue \(short(smallest)), \(short(smallest / largest)) of the largest): the data do not determine it"
        excluded[dominant] = reason
        diagnostics.notes.append("No standard error for \(names[dominant]): \(reason).")
        free.removeAll { $0 == dominant }
      }
    } else {
      for i in 0..<dimension where excluded[i] == nil {
        excluded[i] = "the log-likelihood is not finite next to the estimate, so its Hessian could not be computed"
      }
    }
    for i in 0..<dimension where standardErrors[names[i]] == nil {
      diagnostics.missingStandardErrors[names[i]] = excluded[i] ?? "the Hessian could not be inverted"
    }
    if !estimate.converged {
      diagnostics.notes.append(
        "The optimiser stopped after \(estimate.iterations) iterations without meeting its gradient tolerance; the estimate may not be the maximum."
      )
    }
    return (diagnostics, standardErrors, covariance)
  }

  /// A number in four significant digits.
  static func short(_ value: Double) -> String { String(format: "%.4g", value) }
}

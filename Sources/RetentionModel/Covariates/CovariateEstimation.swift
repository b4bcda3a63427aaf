import Foundation

/// The maximum-likelihood fit behind ``ParetoNBDModel/fit(_:options:testsBlocks:)`` and
/// ``BGNBDModel/fit(_:options:testsBlocks:)``.
///
/// The model without covariates is fitted first (its own starts and checks); the covariate fit
/// starts from its estimate with every coefficient zero, so that covariates that are all zero
/// reproduce it exactly. L-BFGS runs on (ln θ_0, γ_P, γ_D) in a box: the baseline within
/// ``FitOptions/parameterBounds``, each coefficient within ±50 / max |z| (a factor of e^50 at
/// the largest value), a constant column's coefficients held at zero.
enum CovariateEstimation {
  static func fit<Model: CovariateModel>(
    _ data: CovariateData, options: FitOptions, testsBlocks: Bool,
    baseFit: (FrequencyRecencyData) throws -> ModelFit<Model>,
    likelihood: (IndexedTriples, Bool) -> any LogLikelihood
  ) throws -> CovariateFit<Model> {
    let base = try baseFit(data.pooled)
    let likelihood = try CovariateLikelihood(
      data, purchaseEffect: Model.purchaseCovariateEffect, dropoutEffect: Model.dropoutCovariateEffect,
      isParallel: options.isParallel, likelihood: likelihood)
    let names = data.covariateNames
    let (p, k) = (likelihood.parameterCount, names.count)
    let largest = (0..<k).map { j in data.profiles.reduce(0.0) { Swift.max($0, abs($1[j])) } }
    let isConstant = (0..<k).map { j in data.profiles.allSatisfy { $0[j] == data.profiles[0][j] } }
    var evaluations = 0
    func negative(_ theta: [Double], _ gradient: inout [Double]) -> Double {
      evaluations += 1
      let value = likelihood.evaluate(theta, gradient: &gradient)
      for index in gradient.indices { gradient[index] = -gradient[index] }
      return -value
    }
    func minimize(from start: [Double], heldAtZero: Set<Int>) -> LBFGSMinimizer.Result {
      // The same box for the purchase and the dropout coefficient of a column.
      let bounds = (0..<k).map { j in heldAtZero.contains(j) || isConstant[j] ? 0 : 50 / largest[j] }
      let lower = [Double](repeating: log(options.parameterBounds.lowerBound), count: p) + (bounds + bounds).map { -$0 }
      let upper = [Double](repeating: log(options.parameterBounds.upperBound), count: p) + bounds + bounds
      let minimizer = LBFGSMinimizer(
        lowerBounds: lower, upperBounds: upper, maximumIterations: options.maximumIterations,
        gradientTolerance: options.gradientTolerance)
      return minimizer.minimize(from: start, objective: negative)
    }

    let start = base.parameters.values.map { log($0) } + [Double](repeating: 0, count: 2 * k)
    let best = minimize(from: start, heldAtZero: [])
    guard best.value.isFinite else {
      throw RetentionModelError(
        .fitFailed, reason: "the covariate likelihood is not finite at the fit without covariates")
    }
    let fitEvaluations = evaluations
    let logLikelihood = -best.value

    // Standard errors over the coordinates that are not held at zero.
    let free = Array(0..<p) + (0..<(2 * k)).filter { !isConstant[$0 % k] }.map { p + $0 }
    var covariance: [[Double]]?
    var notes: [String] = []
    if options.computesStandardErrors {
      func reduced(_ point: [Double], _ gradient: inout [Double]) -> Double {
        var full = best.point
        for (index, coordinate) in free.enumerated() { full[coordinate] = point[index] }
        var fullGradient = [Double](repeating: 0, count: full.count)
        let value = negative(full, &fullGradient)
        gradient = free.map { fullGradient[$0] }
        return value
      }
      if let hessian = MaximumLikelihood.hessian(
        at: free.map { best.point[$0] }, dimension: free.count, objective: reduced),
        let inverse = SymmetricMatrix.inverseOfPositiveDefinite(hessian)
      {
        // The delta method: the baseline was fitted on the log scale, the coefficients directly.
        let scale = free.map { $0 < p ? exp(best.point[$0]) : 1 }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: p + 2 * k), count: p + 2 * k)
        for (a, i) in free.enumerated() {
          for (b, j) in free.enumerated() { matrix[i][j] = scale[a] * inverse[a][b] * scale[b] }
        }
        if free.allSatisfy({ matrix[$0][$0] >= 0 && matrix[$0][$0].isFinite }) { covariance = matrix }
      }
      if covariance == nil {
        notes.append(
          "no standard errors: the Hessian is not positive definite (a parameter at a boundary or not identified)")
      }
    }
    for j in 0..<k where isConstant[j] {
      notes.append("'\(names[j])' is the same for every customer: it cannot be told from the baseline and stays at 0")
    }
    if !best.converged { notes.append("the optimiser did not meet its gradient tolerance") }
    notes += base.diagnostics.notes.map { "without covariates: \($0)" }

    func standardError(_ index: Int) -> Double? {
      guard let covariance, free.contains(index) else { return nil }
      return sqrt(covariance[index][index])
    }
    let parameterNames = Model.Parameters.names
    var baselineErrors: [String: Double] = [:]
    for i in 0..<p { baselineErrors[parameterNames[i]] = standardError(i) }
    let effects = (0..<k).map { j in
      CovariateEffect(
        name: names[j], purchase: best.point[p + j], purchaseSE: standardError(p + j),
        dropout: best.point[p + k + j], dropoutSE: standardError(p + k + j))
    }

    let varying = (0..<k).filter { !isConstant[$0] }
    let overall = LikelihoodRatioTest(
      name: "all covariates", columns: names, degreesOfFreedom: 2 * varying.count, logLikelihood: logLikelihood,
      restrictedLogLikelihood: base.logLikelihood)
    var blockTests: [LikelihoodRatioTest] = []
    if testsBlocks {
      for block in data.blocks {
        let columns = Set(block.columns.compactMap { names.firstIndex(of: $0) })
        let tested = columns.filter { !isConstant[$0] }
        let restricted: Double
        if tested.isEmpty {
          restricted = logLikelihood
        } else if tested.count == varying.count {
          restricted = base.logLikelihood
        } else {
          var start = best.point
          for j in columns {
            start[p + j] = 0
            start[p + k + j] = 0
          }
          let result = minimize(from: start, heldAtZero: columns)
          restricted = result.value.isFinite ? -result.value : base.logLikelihood
        }
        blockTests.append(
          LikelihoodRatioTest(
            name: block.name, columns: block.columns, degreesOfFreedom: 2 * tested.count,
            logLikelihood: logLikelihood, restrictedLogLikelihood: restricted))
      }
    }

    return CovariateFit(
      model: Model.identifier, baseline: Model.Parameters(values: (0..<p).map { exp(best.point[$0]) }),
      baselineStandardErrors: baselineErrors, covariates: effects, logLikelihood: logLikelihood,
      logLikelihoodWithoutCovariates: base.logLikelihood, overallTest: overall, blockTests: blockTests,
      covariance: covariance, customers: data.customerCount, uniqueRows: data.uniqueRowCount,
      profiles: data.profiles.count, converged: best.converged, iterations: best.iterations,
      evaluations: fitEvaluations, unit: data.unit, notes: notes)
  }
}

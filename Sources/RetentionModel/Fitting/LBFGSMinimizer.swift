import Foundation

/// A limited-memory BFGS minimiser for smooth functions of a few variables in a box.
///
/// The search direction comes from the two-loop recursion over the last ``memory`` steps
/// (Nocedal & Wright 2006, Algorithm 7.4) restricted to the variables that are not held at a
/// bound; the step length satisfies the strong Wolfe conditions (Algorithm 3.5 with cubic
/// interpolation), capped where the step would leave the box. Every accepted step lowers the
/// function, so the result is never worse than the start; non-finite function values count as
/// `+infinity` and make the line search step back.
///
/// ```swift
/// var minimizer = LBFGSMinimizer(lowerBounds: [-5, -5], upperBounds: [5, 5])
/// let result = minimizer.minimize(from: [1, 1]) { x, gradient in
///   gradient = [2 * (x[0] - 2), 4 * (x[1] + 1)]
///   return (x[0] - 2) * (x[0] - 2) + 2 * (x[1] + 1) * (x[1] + 1)
/// }
/// print(result.point)  // [2, -1]
/// ```
public struct LBFGSMinimizer: Sendable, Hashable {
  /// The lower bound of each variable.
  public var lowerBounds: [Double]
  /// The upper bound of each variable.
  public var upperBounds: [Double]
  /// The number of past steps kept for the inverse-Hessian approximation.
  public var memory: Int
  /// The largest number of iterations (accepted steps).
  public var maximumIterations: Int
  /// Convergence: the largest projected gradient component must be at most this times
  /// max(1, |f|).
  public var gradientTolerance: Double

  /// The outcome of a minimisation.
  public struct Result: Sendable, Hashable, Codable {
    /// The best point found (inside the box).
    public var point: [Double]
    /// The function value there.
    public var value: Double
    /// The gradient there.
    public var gradient: [Double]
    /// The number of accepted steps.
    public var iterations: Int
    /// The number of function (and gradient) evaluations.
    public var evaluations: Int
    /// Whether the projected gradient met the tolerance.
    public var converged: Bool
  }

  /// Creates a minimiser for a box.
  ///
  /// - Parameters:
  ///   - lowerBounds: The lower bound of each variable.
  ///   - upperBounds: The upper bound of each variable (each at least its lower bound).
  ///   - memory: The number of past steps kept; 8 by default.
  ///   - maximumIterations: The iteration limit; 500 by default.
  ///   - gradientTolerance: The relative gradient tolerance; 1e-9 by default.
  public init(
    lowerBounds: [Double], upperBounds: [Double], memory: Int = 8, maximumIterations: Int = 500,
    gradientTolerance: Double = 1e-9
  ) {
    precondition(lowerBounds.count == upperBounds.count, "bounds must have equal lengths")
    precondition(zip(lowerBounds, upperBounds).allSatisfy { $0 <= $1 }, "lower bounds must not exceed upper bounds")
    precondition(memory >= 1 && maximumIterations >= 0 && gradientTolerance >= 0)
    self.lowerBounds = lowerBounds
    self.upperBounds = upperBounds
    self.memory = memory
    self.maximumIterations = maximumIterations
    self.gradientTolerance = gradientTolerance
  }

  /// Minimises a function from a starting point.
  ///
  /// - Parameters:
  ///   - start: The starting point; it is moved into the box first.
  ///   - objective: Returns f(x) and writes its gradient into the second argument (already of
  ///     the right length). Non-finite values mark points to step away from.
  /// - Returns: The best point found; its value is at most the start's value. If the start's
  ///   value is not finite the result is the start with `converged == false`.
  /// - Complexity: O(*k* · (*m* · *d* + *e*)), for *k* iterations, memory *m*, *d* variables and
  ///   an objective that costs *e*.
  public func minimize(
    from start: [Double], objective: (_ point: [Double], _ gradient: inout [Double]) -> Double
  ) -> Result {
    precondition(start.count == lowerBounds.count, "the start must have one value per variable")
    let dimension = start.count
    var evaluations = 0
    func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
      evaluations += 1
      let value = objective(point, &gradient)
      if !value.isFinite || gradient.contains(where: { !$0.isFinite }) { return .infinity }
      return value
    }

    var point = clamped(start)
    var gradient = [Double](repeating: 0, count: dimension)
    var value = evaluate(point, &gradient)
    guard value.isFinite else {
      return Result(point: point, value: value, gradient: gradient, iterations: 0, evaluations: evaluations, converged: false)
    }
    var steps: [[Double]] = []
    var gradientChanges: [[Double]] = []
    var iterations = 0
    var converged = false
    var stalls = 0

    while true {
      let free = freeMask(point, gradient)
      let projected = (0..<dimension).map { free[$0] ? gradient[$0] : 0 }
      let largest = projected.reduce(0) { Swift.max($0, abs($1)) }
      if largest <= gradientTolerance * Swift.max(1, abs(value)) {
        converged = true
        break
      }
      if iterations >= maximumIterations { break }

      var direction = twoLoopDirection(projected, free: free, steps: steps, changes: gradientChanges)
      var slope = zip(direction, gradient).reduce(0) { $0 + $1.0 * $1.1 }
      if !(slope < 0) {
        steps.removeAll()
        gradientChanges.removeAll()
        direction = projected.map { -$0 }
        slope = -projected.reduce(0) { $0 + $1 * $1 }
      }
      // When even a full quasi-Newton step would change f only in its last digits, the optimum
      // is reached in double precision (the Newton decrement is about -slope / 2).
      if -slope <= 1e-13 * Swift.max(1, abs(value)) && !steps.isEmpty { break }
      var longest = Double.infinity
      for index in 0..<dimension where direction[index] != 0 {
        let room = direction[index] > 0 ? upperBounds[index] - point[index] : lowerBounds[index] - point[index]
        longest = Swift.min(longest, Swift.max(0, room / direction[index]))
      }
      guard longest > 0 else { break }
      var initial = 1.0
      if steps.isEmpty {
        let size = direction.reduce(0) { Swift.max($0, abs($1)) }
        initial = Swift.min(1, 1 / size)
      }
      initial = Swift.min(initial, longest)

      let search = lineSearch(
        point: point, value: value, slope: slope, direction: direction, initial: initial,
        longest: longest, evaluate: evaluate)
      guard let search, search.value < value || (search.value == value && search.step > 0) else {
        if steps.isEmpty { break }
        steps.removeAll()
        gradientChanges.removeAll()
        continue
      }
      iterations += 1
      let step = (0..<dimension).map { search.point[$0] - point[$0] }
      let change = (0..<dimension).map { search.gradient[$0] - gradient[$0] }
      let curvature = zip(step, change).reduce(0) { $0 + $1.0 * $1.1 }
      let decrease = value - search.value
      point = search.point
      value = search.value
      gradient = search.gradient
      if curvature > 1e-12 * sqrt(step.reduce(0) { $0 + $1 * $1 } * change.reduce(0) { $0 + $1 * $1 }) {
        steps.append(step)
        gradientChanges.append(change)
        if steps.count > memory {
          steps.removeFirst()
          gradientChanges.removeFirst()
        }
      }
      // Stop when steps no longer change the value in its last few digits.
      if decrease <= 1e-15 * Swift.max(1, abs(value)) {
        stalls += 1
        if stalls >= 3 { break }
      } else {
        stalls = 0
      }
    }
    if !converged {
      let free = freeMask(point, gradient)
      let largest = (0..<dimension).reduce(0.0) { Swift.max($0, free[$1] ? abs(gradient[$1]) : 0) }
      // A stall with a gradient at the noise level of the sum is an optimum in double precision.
      converged = largest <= 1e3 * gradientTolerance * Swift.max(1, abs(value))
    }
    return Result(point: point, value: value, gradient: gradient, iterations: iterations, evaluations: evaluations, converged: converged)
  }

  private func clamped(_ point: [Double]) -> [Double] {
    (0..<point.count).map { Swift.min(Swift.max(point[$0], lowerBounds[$0]), upperBounds[$0]) }
  }

  /// Variables held at a bound by a gradient pushing outward are fixed for this iteration.
  private func freeMask(_ point: [Double], _ gradient: [Double]) -> [Bool] {
    (0..<point.count).map { index in
      if point[index] <= lowerBounds[index] && gradient[index] > 0 { return false }
      if point[index] >= upperBounds[index] && gradient[index] < 0 { return false }
      return true
    }
  }

  private func twoLoopDirection(_ gradient: [Double], free: [Bool], steps: [[Double]], changes: [[Double]]) -> [Double] {
    var q = gradient
    let count = steps.count
    guard count > 0 else { return q.map { -$0 } }
    func masked(_ vector: [Double]) -> [Double] { (0..<vector.count).map { free[$0] ? vector[$0] : 0 } }
    let s = steps.map(masked)
    let y = changes.map(masked)
    var alphas = [Double](repeating: 0, count: count)
    var rhos = [Double](repeating: 0, count: count)
    for index in 0..<count {
      let sy = zip(s[index], y[index]).reduce(0) { $0 + $1.0 * $1.1 }
      rhos[index] = sy > 0 ? 1 / sy : 0
    }
    for index in stride(from: count - 1, through: 0, by: -1) {
      alphas[index] = rhos[index] * zip(s[index], q).reduce(0) { $0 + $1.0 * $1.1 }
      for j in q.indices { q[j] -= alphas[index] * y[index][j] }
    }
    let last = count - 1
    let yy = y[last].reduce(0) { $0 + $1 * $1 }
    let sy = zip(s[last], y[last]).reduce(0) { $0 + $1.0 * $1.1 }
    let scale = yy > 0 && sy > 0 ? sy / yy : 1
    for j in q.indices { q[j] *= scale }
    for index in 0..<count {
      let beta = rhos[index] * zip(y[index], q).reduce(0) { $0 + $1.0 * $1.1 }
      for j in q.indices { q[j] += s[index][j] * (alphas[index] - beta) }
    }
    return (0..<q.count).map { free[$0] ? -q[$0] : 0 }
  }

  private struct Trial {
    var step: Double
    var point: [Double]
    var value: Double
    var gradient: [Double]
    var slope: Double
  }

  /// Strong Wolfe line search (Nocedal & Wright 2006, Algorithms 3.5 and 3.6), with the step
  /// capped at `longest` (where the first variable reaches its bound).
  private func lineSearch(
    point: [Double], value: Double, slope: Double, direction: [Double], initial: Double,
    longest: Double, evaluate: (_ point: [Double], _ gradient: inout [Double]) -> Double
  ) -> Trial? {
    let sufficient = 1e-4
    let curvature = 0.9
    func trial(_ step: Double) -> Trial {
      let moved = clamped((0..<point.count).map { point[$0] + step * direction[$0] })
      var gradient = [Double](repeating: 0, count: point.count)
      let trialValue = evaluate(moved, &gradient)
      let trialSlope = trialValue.isFinite ? zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 } : .nan
      return Trial(step: step, point: moved, value: trialValue, gradient: gradient, slope: trialSlope)
    }
    var best: Trial?
    func remember(_ candidate: Trial) {
      if candidate.value.isFinite, candidate.value < (best?.value ?? value) { best = candidate }
    }

    let start = Trial(step: 0, point: point, value: value, gradient: [], slope: slope)
    var previous = start
    var step = initial
    for iteration in 0..<30 {
      let current = trial(step)
      remember(current)
      if !current.value.isFinite {
        // Step back into the region where the function is defined.
        return zoom(low: previous, high: nil, highStep: step, value: value, slope: slope, trial: trial, remember: remember) ?? best
      }
      if current.value > value + sufficient * step * slope || (iteration > 0 && current.value >= previous.value) {
        return zoom(low: previous, high: current, highStep: step, value: value, slope: slope, trial: trial, remember: remember) ?? best
      }
      if abs(current.slope) <= -curvature * slope { return current }
      if current.slope >= 0 {
        return zoom(low: current, high: previous, highStep: previous.step, value: value, slope: slope, trial: trial, remember: remember) ?? best
      }
      if step >= longest { return current }
      previous = current
      step = Swift.min(2 * step, longest)
    }
    return best
  }

  private func zoom(
    low initialLow: Trial, high initialHigh: Trial?, highStep: Double, value: Double, slope: Double,
    trial: (Double) -> Trial, remember: (Trial) -> Void
  ) -> Trial? {
    let sufficient = 1e-4
    let curvature = 0.9
    var low = initialLow
    var high = initialHigh
    var highAt = highStep
    for _ in 0..<20 {
      var step = 0.5 * (low.step + highAt)
      if let high, high.value.isFinite, low.value.isFinite, low.slope.isFinite, high.slope.isFinite {
        // Cubic interpolation between the bracket ends (Nocedal & Wright 2006, eq. 3.59).
        let d1 = low.slope + high.slope - 3 * (low.value - high.value) / (low.step - high.step)
        let radicand = d1 * d1 - low.slope * high.slope
        if radicand >= 0 {
          let d2 = (high.step > low.step ? 1.0 : -1.0) * sqrt(radicand)
          let candidate = high.step - (high.step - low.step) * (high.slope + d2 - d1) / (high.slope - low.slope + 2 * d2)
          let lower = Swift.min(low.step, high.step)
          let upper = Swift.max(low.step, high.step)
          let margin = 0.1 * (upper - lower)
          if candidate.isFinite, candidate > lower + margin, candidate < upper - margin { step = candidate }
        }
      }
      if abs(step - low.step) <= 1e-16 * Swift.max(1, abs(step)) { return nil }
      let current = trial(step)
      remember(current)
      if !current.value.isFinite || current.value > value + sufficient * step * slope || current.value >= low.value {
        high = current.value.isFinite ? current : nil
        highAt = step
      } else {
        if abs(current.slope) <= -curvature * slope { return current }
        if current.slope * (highAt - low.step) >= 0 {
          high = low
          highAt = low.step
        }
        low = current
      }
    }
    return nil
  }
}

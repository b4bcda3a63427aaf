import Foundation

/// The tail integral of the Pareto/NBD likelihood and its derivatives, in log space.
///
/// F(t) = ∫_t^∞ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ is the probability density mass of dying after t
/// (up to constants), and the Pareto/NBD likelihood is
/// Γ(r+x) α^r β^s / Γ(r) × [(α+T)^-(r+x) (β+T)^-s + s (F(t_x) - F(T))]
/// (Fader & Hardie 2005, note 008, with its A₀ term: s/(r+s+x) A₀ = s (F(t_x) - F(T))).
///
/// Both branches of note 008 are one integral, G = ∫_0^∞ (a+τ)^-P (a+δ+τ)^-Q dτ with the nearer
/// pole first: for α < β, P = r+x, Q = s+1, a = α+t, δ = β-α; for α >= β, P = s+1, Q = r+x,
/// a = β+t, δ = α-β. With z = δ/(a+δ) in `0..<1` it is evaluated one of three ways:
/// - the series of 2F1 after Euler's transformation (A&S 15.3.3):
///   ln G = -ln(P+Q-1) - Q ln(a+δ) - (P-1) ln a + ln 2F1(1, Q; P+Q; z)
///   (``UnitHypergeometricSeries``: positive terms; cheap unless z is near 1 and P is small);
/// - near z = 1, ln G = (1-P-Q) ln δ + ln I(1-z; P, P+Q-2), the upper incomplete beta integral
///   expanded at z = 1 (``IncompleteBetaTail``: about ln(ε)/ln(1-z) terms, fewer the closer z
///   is to 1), with the parts that depend on x only computed once per x (``Family``);
/// - where neither is affordable, tanh-sinh quadrature of I (``IncompleteBetaTail/byQuadrature(zeta:n:m:)``).
/// The choice uses the estimated number of terms; every path bounds its own error and reports a
/// failure in ``isConverged``. Value and gradient are continuous through α = β (z = 0).
struct ParetoIntegral {
  /// ln F(t).
  var value: Double
  /// ∂ ln F / ∂(r, α, s, β).
  var dR: Double
  var dAlpha: Double
  var dS: Double
  var dBeta: Double
  /// Whether the evaluation met its error bound; when it did not, ``value`` is NaN (which is
  /// how the flag is stored, so that the likelihood's tables stay five numbers a pair).
  var isConverged: Bool { !value.isNaN }

  /// ∂ ln F / ∂(r, α, s, β) as one vector.
  var derivatives: SIMD4<Double> { SIMD4(dR, dAlpha, dS, dBeta) }

  /// F(t) for one frequency: builds the ``Family`` of x and evaluates it at t.
  init(r: Double, alpha: Double, s: Double, beta: Double, x: Double, t: Double) {
    self = Family(r: r, alpha: alpha, s: s, beta: beta, x: x).integral(at: t)
  }

  init(value: Double, derivatives: SIMD4<Double>, isConverged: Bool) {
    self.value = isConverged ? value : .nan
    dR = derivatives[0]
    dAlpha = derivatives[1]
    dS = derivatives[2]
    dBeta = derivatives[3]
  }

  /// The integrals of one frequency x at the parameters: what depends on x only is computed
  /// once, so that a likelihood evaluates many (x, t) pairs of the same x cheaply.
  struct Family {
    let r: Double, alpha: Double, s: Double, beta: Double
    /// Whether α < β, so that the pole at -α is the nearer one (P = r+x, Q = s+1).
    let isAlphaNearer: Bool
    /// The exponents of the nearer and the farther factor.
    let near: Double, far: Double
    /// The positions of the poles' origin: u (nearer) and v (farther).
    let nearOrigin: Double, farOrigin: Double
    /// ln(P+Q-1) and 1/(P+Q-1), the series form's normaliser.
    let logNormalizer: Double, inverseNormalizer: Double
    /// The expansion at z = 1, when some t >= 0 will want it. (Plain values only, so that the
    /// likelihood's loop reads a family without reference counting.)
    let expansion: IncompleteBetaTail.Expansion?

    /// Series terms beyond which the expansion (or the quadrature) is considered.
    static let directTermLimit = 300.0
    /// Series terms beyond which the quadrature replaces the series.
    static let quadratureTermLimit = 20_000.0
    /// The argument z up to which the series needs at most ``directTermLimit`` terms whatever
    /// b and c: (41 - 2 ln(1 - z)) / -ln z is 261 at z = 0.85.
    static let seriesArgument = 0.85

    init(r: Double, alpha: Double, s: Double, beta: Double, x: Double) {
      self.r = r
      self.alpha = alpha
      self.s = s
      self.beta = beta
      isAlphaNearer = alpha < beta
      (near, far) = isAlphaNearer ? (r + x, s + 1) : (s + 1, r + x)
      (nearOrigin, farOrigin) = isAlphaNearer ? (alpha, beta) : (beta, alpha)
      logNormalizer = log(r + s + x)
      inverseNormalizer = 1 / (r + s + x)
      // z is largest at t = 0; build the expansion only if that z would want it.
      let n = near, m = near + far - 2
      let zeta = nearOrigin / farOrigin
      if 1 - zeta > Self.seriesArgument, IncompleteBetaTail.Expansion.isAffordable(n: n, m: m),
        UnitHypergeometricSeries.estimatedTerms(b: far, c: near + far, z: 1 - zeta) > Self.directTermLimit
      {
        let expansion = IncompleteBetaTail.Expansion(n: n, m: m)
        self.expansion = zeta <= expansion.largestArgument ? expansion : nil
      } else {
        expansion = nil
      }
    }

    /// The ways to evaluate G.
    enum Method: Sendable, Hashable, CaseIterable {
      /// The 2F1 series (``UnitHypergeometricSeries``).
      case series
      /// The expansion at z = 1 (``IncompleteBetaTail/Expansion``).
      case expansion
      /// Tanh-sinh quadrature (``IncompleteBetaTail/byQuadrature(zeta:n:m:)``).
      case quadrature
    }

    /// The method with the fewest estimated terms at t: the series while it needs at most
    /// ``directTermLimit`` terms, else the expansion when it applies and is cheaper, else the
    /// series up to ``quadratureTermLimit`` terms, else the quadrature.
    func method(at t: Double) -> Method {
      let farPosition = farOrigin + t
      let z = (farOrigin - nearOrigin) / farPosition
      // Below z = 0.85 the geometric count alone is under 300 terms: skip the estimate's logs.
      if z <= Self.seriesArgument { return .series }
      let zeta = (nearOrigin + t) / farPosition
      let directTerms = UnitHypergeometricSeries.estimatedTerms(b: far, c: near + far, z: z)
      if directTerms <= Self.directTermLimit { return .series }
      if let expansion, zeta <= expansion.largestArgument, -41 / log(zeta) + near + 2 < directTerms {
        return .expansion
      }
      return directTerms <= Self.quadratureTermLimit ? .series : .quadrature
    }

    /// F(t) and its derivatives by ``method(at:)``, falling back on the quadrature when the
    /// chosen method misses its error bound.
    ///
    /// - Complexity: O(1) to O(``quadratureTermLimit``) terms, as chosen by the estimates.
    func integral(at t: Double) -> ParetoIntegral {
      let farPosition = farOrigin + t
      let inverseFar = 1 / farPosition
      let z = (farOrigin - nearOrigin) * inverseFar
      // The common case first, without the estimates (see ``method(at:)``).
      let chosen =
        z <= Self.seriesArgument
        ? seriesIntegral(near: nearOrigin + t, farPosition: farPosition, inverseFar: inverseFar, z: z)
        : integral(at: t, by: method(at: t))
      guard !chosen.isConverged, farOrigin > nearOrigin else { return chosen }
      return integral(at: t, by: .quadrature)
    }

    /// G by the 2F1 series, with a = `near` and a + δ = `farPosition`.
    private func seriesIntegral(near a: Double, farPosition: Double, inverseFar: Double, z: Double) -> ParetoIntegral {
      let (p, q) = (near, far)
      let series = UnitHypergeometricSeries(b: q, c: p + q, z: z)
      guard series.isConverged else {
        return ParetoIntegral(value: .nan, derivatives: SIMD4(0, 0, 0, 0), isConverged: false)
      }
      let logA = log(a), logFar = log(farPosition)
      let zSlope = series.dZ * inverseFar * inverseFar
      let farSlope = -q * inverseFar
      // ∂ ln G / ∂(P, Q, a, δ).
      let partials = SIMD4(
        -inverseNormalizer - logA + series.dC,
        -inverseNormalizer - logFar + series.dB + series.dC,
        farSlope - (p - 1) / a - zSlope * (farPosition - a),
        farSlope + zSlope * a)
      return ParetoIntegral(
        value: -logNormalizer - q * logFar - (p - 1) * logA + series.value, derivatives: mapped(partials),
        isConverged: true)
    }

    /// ∂ ln F / ∂(r, α, s, β) from ∂ ln G / ∂(P, Q, a, δ).
    private func mapped(_ partials: SIMD4<Double>) -> SIMD4<Double> {
      isAlphaNearer
        ? SIMD4(partials[0], partials[2] - partials[3], partials[1], partials[3])
        : SIMD4(partials[1], partials[3], partials[0], partials[2] - partials[3])
    }

    /// ln F(t) alone (for scoring): the series without its derivatives where the series serves,
    /// else ``integral(at:)``'s value; NaN when no method reaches its error bound.
    ///
    /// - Complexity: As ``integral(at:)``, with about half the work per series term.
    func logValue(at t: Double) -> Double {
      guard method(at: t) == .series else { return integral(at: t).value }
      let a = nearOrigin + t, farPosition = farOrigin + t
      let series = UnitHypergeometricSeries.logValue(b: far, c: near + far, z: (farOrigin - nearOrigin) / farPosition)
      guard !series.isNaN else { return integral(at: t).value }
      return -logNormalizer - far * log(farPosition) - (near - 1) * log(a) + series
    }

    /// F(t) and its derivatives by one method (`isConverged` is `false` when it misses its error
    /// bound, or for the expansion where it does not apply).
    func integral(at t: Double, by method: Method) -> ParetoIntegral {
      let (p, q) = (near, far)
      let a = nearOrigin + t
      let delta = farOrigin - nearOrigin
      let farPosition = farOrigin + t
      let zeta = a / farPosition
      // ∂ ln G / ∂(P, Q, a, δ).
      var partials = SIMD4<Double>(0, 0, 0, 0)
      var value = Double.nan
      var converged = false
      var tail: IncompleteBetaTail?
      switch method {
      case .series:
        return seriesIntegral(near: a, farPosition: farPosition, inverseFar: 1 / farPosition, z: delta / farPosition)
      case .expansion:
        let expansion = self.expansion ?? IncompleteBetaTail.Expansion(n: p, m: p + q - 2)
        if delta > 0, zeta <= expansion.largestArgument { tail = expansion.integral(at: zeta) }
      case .quadrature:
        if delta > 0 { tail = IncompleteBetaTail.byQuadrature(zeta: zeta, n: p, m: p + q - 2) }
      }
      if let tail, tail.isConverged {
        let logDelta = log(delta)
        let zetaSlope = tail.dZeta / (farPosition * farPosition)
        value = (1 - p - q) * logDelta + tail.value
        partials = SIMD4(
          -logDelta + tail.dN + tail.dM,
          -logDelta + tail.dM,
          zetaSlope * delta,
          (1 - p - q) / delta - zetaSlope * a)
        converged = true
      }
      return ParetoIntegral(value: value, derivatives: mapped(partials), isConverged: converged)
    }
  }
}

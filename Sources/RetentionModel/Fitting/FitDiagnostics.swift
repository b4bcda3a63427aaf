/// What a fit can and cannot tell from its data: the parameters at a boundary of the parameter
/// space, whether dropout and differences in purchase rates are identified, the condition of the
/// Hessian, and why a standard error is missing.
///
/// A maximum likelihood can lie on the edge of the parameter space. On UCI Online Retail
/// (calibration to 2011-06-30) the Pareto/NBD likelihood keeps rising as s goes to 0: the data
/// show no customer dropping out, and the best fit is the model's limit without dropout, the
/// NBD. An optimiser then stops somewhere along that edge (s = 2e-7 and beta = 1.4e6, say) and
/// "converges"; the diagnostics say instead that the optimum is the limit, which parameters
/// are not identified and why they have no standard error:
///
/// ```swift
/// let fit = try ParetoNBDModel.fit(data)
/// if !fit.diagnostics.dropoutIdentified {
///   print(fit.diagnostics.limitingModel ?? "")   // "no dropout: the NBD"
/// }
/// for note in fit.diagnostics.notes { print(note) }
/// ```
///
/// The checks: a parameter within 0.1 % of its ``FitOptions/parameterBounds`` is at a bound;
/// the buy-till-you-die models with an NBD limit (BG/NBD, MBG/NBD, Pareto/NBD) compare their
/// maximum with the NBD's, and when the NBD is as good (to 1e-6 relative) the optimum is that
/// limit; data without a single repeat purchase identify neither dropout nor purchase rates
/// (r tends to 0). Standard errors come from the Hessian of the parameters that are neither at
/// a bound nor unidentified; a direction in which the likelihood is flat (an eigenvalue of the
/// Hessian below 1e-9 of the largest) removes the parameter that dominates it, with that reason.
public struct FitDiagnostics: Sendable, Hashable, Codable {
  /// The names of the parameters at a boundary of the parameter space (at a bound of the box,
  /// or describing a limiting model the optimum equals), in the model's parameter order.
  public var atBoundary: [String]
  /// Whether the data identify dropout.
  ///
  /// `false` when the optimum is the model's limit without dropout, when nobody made a repeat
  /// purchase, or when the model has no dropout (the NBD).
  public var dropoutIdentified: Bool
  /// Whether the data identify how purchase rates differ between customers.
  ///
  /// `false` when nobody made a repeat purchase (r tends to 0) or when the purchase parameters
  /// run to the upper bound (every customer buys at the same rate); `true` for models without
  /// purchase rates (the shifted-beta-geometric).
  public var purchaseHeterogeneityIdentified: Bool
  /// The model the fit equals in its limit, such as `"no dropout: the NBD"`, or `nil` for an
  /// optimum inside the parameter space.
  public var limitingModel: String?
  /// The condition number of the Hessian of the negative log-likelihood in the
  /// log-parameters (its largest over its smallest eigenvalue), or `nil` when the Hessian is
  /// not positive definite or was not computed.
  public var hessianCondition: Double?
  /// For every parameter without a standard error, the reason, by parameter name.
  public var missingStandardErrors: [String: String]
  /// Plain-language notes: boundaries, limits, missing standard errors, non-convergence.
  public var notes: [String]

  /// Whether the optimum lies inside the parameter space with every parameter identified.
  public var isInterior: Bool { atBoundary.isEmpty && missingStandardErrors.isEmpty }

  /// Creates diagnostics.
  ///
  /// - Parameters:
  ///   - atBoundary: The parameters at a boundary.
  ///   - dropoutIdentified: Whether dropout is identified.
  ///   - purchaseHeterogeneityIdentified: Whether purchase heterogeneity is identified.
  ///   - limitingModel: The limiting model the fit equals, if any.
  ///   - hessianCondition: The Hessian's condition number, if positive definite.
  ///   - missingStandardErrors: Reasons for missing standard errors, by name.
  ///   - notes: Plain-language notes.
  public init(
    atBoundary: [String] = [], dropoutIdentified: Bool = true, purchaseHeterogeneityIdentified: Bool = true,
    limitingModel: String? = nil, hessianCondition: Double? = nil, missingStandardErrors: [String: String] = [:],
    notes: [String] = []
  ) {
    self.atBoundary = atBoundary
    self.dropoutIdentified = dropoutIdentified
    self.purchaseHeterogeneityIdentified = purchaseHeterogeneityIdentified
    self.limitingModel = limitingModel
    self.hessianCondition = hessianCondition
    self.missingStandardErrors = missingStandardErrors
    self.notes = notes
  }
}

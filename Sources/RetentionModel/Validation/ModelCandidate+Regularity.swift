import Foundation

extension ModelCandidate {
  /// The MBG/CNBD-k (Platzer & Reutterer 2016), with k chosen by likelihood among 1...12.
  ///
  /// It needs each customer's log inter-purchase times, so it is fitted only when the comparison
  /// has the order log; without one its entry says so. Its log-likelihood includes the timing
  /// term, the density of all purchase times, so it compares with the other continuous-time
  /// models' (at k = 1 it equals the MBG/NBD's). k counts as a fifth parameter in AIC and BIC. k
  /// has no standard error (it is a whole number chosen by likelihood); the entry is identified
  /// when the four other parameters are.
  public static let mbgcnbd = regularity(name: "MBG/CNBD-k") { try MBGCNBDModel.fit($0, options: $1) }
  /// The BG/CNBD-k (Platzer & Reutterer 2016), as ``mbgcnbd``; at k = 1 it is the BG/NBD.
  public static let bgcnbd = regularity(name: "BG/CNBD-k") { try BGCNBDModel.fit($0, options: $1) }

  /// An Erlang-k candidate fitted by its k search on the triples and the order log's log
  /// inter-purchase times.
  static func regularity<Model: ParametricModel & RepeatPurchaseModel>(
    name: String, search: @escaping @Sendable (PurchaseTimingData, FitOptions) throws -> RegularitySearch<Model>
  ) -> ModelCandidate {
    let candidate = continuousTime(
      name: name, parameterCount: Model.Parameters.names.count, likelihood: "density of the purchase times"
    ) { (context: ComparisonContext) throws -> ModelFit<Model> in
      guard let log = context.log else {
        throw RetentionModelError(.invalidArgument, reason: "needs the order log for the log inter-purchase times")
      }
      return try search(try PurchaseTimingData(summaries: context.summaries, log: log), context.options).best
    }
    return ModelCandidate(identifier: candidate.identifier, name: name) { context in
      var entry = candidate.evaluate(context)
      // k is held fixed in each fit and chosen by likelihood: no standard error, by design.
      if let diagnostics = entry.diagnostics, entry.converged == true, diagnostics.atBoundary.isEmpty, diagnostics.limitingModel == nil,
        Set(diagnostics.missingStandardErrors.keys).isSubset(of: ["k"])
      {
        entry.isIdentified = true
      }
      return entry
    }
  }
}

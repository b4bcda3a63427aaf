import Foundation

extension ModelComparison {
  /// A comparison of given entries, with the choice made by ``choiceRule``.
  ///
  /// - Parameters:
  ///   - unit: The unit of the continuous-time models.
  ///   - customers: n.
  ///   - holdoutLength: The holdout length, if any.
  ///   - entries: The models.
  /// - Complexity: O(*m*²) for *m* entries.
  public init(unit: TimeUnit, customers: Int, holdoutLength: TimeSpan?, entries: [Entry]) {
    self.unit = unit
    self.customers = customers
    self.holdoutLength = holdoutLength
    self.entries = entries
    rule = Self.choiceRule
    let decision = Self.choose(entries)
    choice = decision.choice
    reason = decision.reason
    indistinguishable = decision.indistinguishable
  }

  /// ``choiceRule`` applied to entries.
  static func choose(_ entries: [Entry]) -> (choice: String?, reason: String, indistinguishable: [String]) {
    let fitted = entries.filter { $0.logLikelihood != nil }
    guard !fitted.isEmpty else { return (nil, "No model could be fitted.", []) }
    let identified = fitted.filter(\.isIdentified)
    var sentences: [String] = []
    let excluded = fitted.filter { !$0.isIdentified }
    if !excluded.isEmpty {
      let list = excluded.map { "\($0.name) (\($0.unidentifiedReason ?? "identified"))" }.joined(separator: ", ")
      sentences.append(
        identified.isEmpty
          ? "No model has every parameter identified by these data: \(list); the choice is among these fits and inherits their limits."
          : "Left out because the data do not identify their parameters: \(list).")
    }
    let pool = identified.isEmpty ? fitted : identified
    let withHoldout = pool.filter { $0.holdout != nil }
    let ranked: Entry
    var tied: [Entry]
    if let best = withHoldout.min(by: {
      ($0.holdout?.meanAbsoluteError ?? .infinity) < ($1.holdout?.meanAbsoluteError ?? .infinity)
    }),
      let bestError = best.holdout?.meanAbsoluteError
    {
      tied = withHoldout.filter { ($0.holdout?.meanAbsoluteError ?? .infinity) <= bestError * (1 + holdoutTolerance) }
      let comparable = tied.filter(\.isLikelihoodComparable)
      if tied.count > 1, let byBIC = comparable.min(by: Self.lowerBIC) {
        ranked = byBIC
        let names = tied.map(\.name).joined(separator: ", ")
        sentences.insert(
          String(
            format:
              "%@ predict the holdout equally well (mean absolute errors within %.0f %% of the best, %.4f per customer); of these, %@ has the lowest BIC among the comparable likelihoods (%.1f).",
            names, holdoutTolerance * 100, bestError, byBIC.name, byBIC.bayesianInformationCriterion ?? .nan),
          at: 0)
      } else {
        ranked = best
        sentences.insert(
          String(
            format: "%@ has the lowest holdout mean absolute error of the %@models, %.4f purchases per customer%@.",
            best.name,
            identified.isEmpty ? "" : "identified ", bestError,
            tied.count > 1 ? "" : Self.margin(best, over: withHoldout)),
          at: 0)
      }
    } else {
      let comparable = pool.filter(\.isLikelihoodComparable)
      guard let byBIC = comparable.min(by: Self.lowerBIC) else {
        return (
          nil,
          (["No model could be ranked: none has a holdout or a comparable likelihood."] + sentences).joined(
            separator: " "), []
        )
      }
      ranked = byBIC
      tied = comparable
      sentences.insert(
        String(
          format: "No holdout period: %@ has the lowest BIC (%.1f).", byBIC.name,
          byBIC.bayesianInformationCriterion ?? .nan),
        at: 0)
    }
    var indistinguishable: [String] = []
    for entry in tied where entry.model != ranked.model {
      if !entry.isLikelihoodComparable || !ranked.isLikelihoodComparable {
        if ranked.holdout != nil { indistinguishable.append(entry.model) }
      } else if let a = entry.bayesianInformationCriterion, let b = ranked.bayesianInformationCriterion,
        abs(a - b) < informationCriterionTolerance
      {
        indistinguishable.append(entry.model)
      }
    }
    if !indistinguishable.isEmpty {
      let names = entries.filter { indistinguishable.contains($0.model) }.map { entry in
        let why =
          entry.isLikelihoodComparable && ranked.isLikelihoodComparable
          ? (ranked.holdout != nil ? "holdout errors within 1 %, BICs within 2" : "BICs within 2")
          : "holdout errors within 1 %, likelihoods not comparable"
        return "\(entry.name) (\(why))"
      }
      sentences.append(
        "The data cannot tell \(ranked.name) from \(names.joined(separator: ", ")); either would do.")
    }
    return (ranked.model, sentences.joined(separator: " "), indistinguishable)
  }

  private static func lowerBIC(_ a: Entry, _ b: Entry) -> Bool {
    (a.bayesianInformationCriterion ?? .infinity) < (b.bayesianInformationCriterion ?? .infinity)
  }

  /// ", 3.2 % below the next (NBD)" for the best of several entries.
  private static func margin(_ best: Entry, over entries: [Entry]) -> String {
    let others = entries.filter { $0.model != best.model }
    guard let bestError = best.holdout?.meanAbsoluteError,
      let next = others.min(by: {
        ($0.holdout?.meanAbsoluteError ?? .infinity) < ($1.holdout?.meanAbsoluteError ?? .infinity)
      }),
      let nextError = next.holdout?.meanAbsoluteError, nextError > 0
    else { return "" }
    return String(format: ", %.1f %% below the next (%@)", (nextError - bestError) / nextError * 100, next.name)
  }
}

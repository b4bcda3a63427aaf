import Foundation

/// A model that ``ModelComparison`` can fit: its name and how to fit and check it.
///
/// The standard candidates are ``all``; a new continuous-time model joins with one line:
///
/// ```swift
/// let candidates = ModelCandidate.all + [
///   .continuousTime(name: "MyModel") { data, options in try MyModel.fit(data, options: options) }
/// ]
/// let comparison = try ModelComparison(summaries, log: log, candidates: candidates)
/// ```
public struct ModelCandidate: Sendable {
  /// The model's identifier (`"bgnbd"`, ...).
  public let identifier: String
  /// The model's name as in the papers (`"BG/NBD"`).
  public let name: String
  /// Fits the model and fills its entry; never throws (a failure becomes a note of the entry).
  let evaluate: @Sendable (ComparisonContext) -> ModelComparison.Entry

  /// Creates a candidate from its parts.
  init(identifier: String, name: String, evaluate: @escaping @Sendable (ComparisonContext) -> ModelComparison.Entry) {
    self.identifier = identifier
    self.name = name
    self.evaluate = evaluate
  }

  /// A continuous-time model of (x, t_x, T).
  ///
  /// It is fitted on the compressed triples, checked on the holdout with E[Y(h) | x, t_x, T] and
  /// tracked with E[X(t)]; its likelihood is comparable with the other continuous-time models'.
  ///
  /// - Parameters:
  ///   - name: The model's name as in the papers.
  ///   - parameterCount: k for the information criteria, when it differs from the number of
  ///     parameters of `Model` (a model that also chooses an integer by likelihood counts it).
  ///   - fit: Fits the model on triples with options.
  /// - Returns: The candidate, identified by `Model.identifier`.
  public static func continuousTime<Model: ParametricModel & RepeatPurchaseModel>(
    name: String, parameterCount: Int? = nil,
    fit: @escaping @Sendable (FrequencyRecencyData, FitOptions) throws -> ModelFit<Model>
  ) -> ModelCandidate {
    continuousTime(name: name, parameterCount: parameterCount, likelihood: "density of (x, t_x, T)") {
      try fit($0.triples, $0.options)
    }
  }

  /// A continuous-time model fitted from everything the comparison has (triples, summaries and
  /// the order log), with the likelihood described as `likelihood` (the unit is appended).
  static func continuousTime<Model: ParametricModel & RepeatPurchaseModel>(
    name: String, parameterCount: Int?, likelihood description: String,
    fit: @escaping @Sendable (ComparisonContext) throws -> ModelFit<Model>
  ) -> ModelCandidate {
    ModelCandidate(identifier: Model.identifier, name: name) { context in
      let summaries = context.summaries
      let likelihood = "\(description) in \(summaries.options.unit.rawValue)"
      let fitted: ModelFit<Model>
      do {
        fitted = try fit(context)
      } catch {
        return ModelComparison.Entry(
          model: Model.identifier, name: name, likelihood: likelihood,
          parameterCount: parameterCount ?? Model.Parameters.names.count, reason: "not fitted: \(error)")
      }
      var entry = ModelComparison.Entry(
        fitted, name: name, likelihood: likelihood, isLikelihoodComparable: true, parameterCount: parameterCount,
        customers: context.triples.customerCount)
      if summaries.hasHoldout {
        entry.holdout = try? fitted.model.holdoutReport(summaries, isParallel: context.options.isParallel)
      }
      if let log = context.log, let tracking = context.tracking {
        entry.tracking = TrackingError(
          fitted.model.trackingSeries(log, summaries: summaries, origin: tracking.origin, periods: tracking.periods))
      }
      return entry
    }
  }

  /// The BG/NBD (Fader, Hardie & Lee 2005).
  public static let bgnbd = continuousTime(name: "BG/NBD") { try BGNBDModel.fit($0, options: $1) }
  /// The MBG/NBD (Batislam, Denizel & Filiztekin 2007).
  public static let mbgnbd = continuousTime(name: "MBG/NBD") { try MBGNBDModel.fit($0, options: $1) }
  /// The Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
  public static let paretonbd = continuousTime(name: "Pareto/NBD") { try ParetoNBDModel.fit($0, options: $1) }
  /// The NBD (Ehrenberg 1959): no dropout.
  public static let nbd = continuousTime(name: "NBD") { try NBDModel.fit($0, options: $1) }

  /// The BG/BB (Fader, Hardie & Shang 2010) on a daily calendar: one transaction opportunity
  /// per day after the first purchase, x the days with a repeat purchase.
  ///
  /// It applies when the data are discrete-time, that is when every t_x and T is a whole
  /// number of days (always so for summaries of an order log, whose purchases are days). Its
  /// log-likelihood is a probability of day patterns, not a density of purchase times, so it is
  /// reported as not comparable and the model competes on the holdout only.
  public static let bgbb = ModelCandidate(identifier: BGBBModel.identifier, name: "BG/BB") { context in
    let summaries = context.summaries
    let likelihood = "probability of (x, t_x, n) with one opportunity per day"
    let calendar: (x: [Int], tx: [Int], n: [Int])
    let fitted: ModelFit<BGBBModel>
    do {
      calendar = try BGBBModel.dailyCalendar(summaries)
    } catch {
      return ModelComparison.Entry(
        model: BGBBModel.identifier, name: "BG/BB", likelihood: likelihood, parameterCount: 4,
        reason: "not applicable: \((error as? RetentionModelError)?.reason ?? "\(error)")")
    }
    do {
      fitted = try BGBBModel.fit(BGBBModel.patterns(of: calendar), options: context.options)
    } catch {
      return ModelComparison.Entry(
        model: BGBBModel.identifier, name: "BG/BB", likelihood: likelihood, parameterCount: 4,
        reason: "not fitted: \(error)")
    }
    var entry = ModelComparison.Entry(
      fitted, name: "BG/BB", likelihood: likelihood, isLikelihoodComparable: false, customers: fitted.customers)
    entry.notes.append(
      "The BG/BB's log-likelihood is a probability of whole-day patterns, not a density of purchase times like the continuous-time models'; its log-likelihood, AIC and BIC are not comparable with theirs, so it is compared on the holdout only."
    )
    if summaries.hasHoldout { entry.holdout = try? fitted.model.dailyHoldoutReport(summaries, calendar: calendar) }
    if let log = context.log, let tracking = context.tracking {
      let model = fitted.model
      let unit = summaries.options.unit
      entry.tracking = TrackingError(
        TrackingSeries.tracking(log, summaries: summaries, origin: tracking.origin, periods: tracking.periods) {
          model.expectedCumulativeRepeatPurchases(firstPurchases: $0, at: $1, unit: unit)
        })
    }
    return entry
  }

  /// The standard candidates: BG/NBD, MBG/NBD, Pareto/NBD, NBD, the BG/BB on a daily calendar,
  /// and MBG/CNBD-k and BG/CNBD-k when the comparison has the order log.
  public static let all: [ModelCandidate] = [.bgnbd, .mbgnbd, .paretonbd, .nbd, .bgbb, .mbgcnbd, .bgcnbd]
}

/// What every candidate of one comparison is fitted on.
struct ComparisonContext: Sendable {
  /// The customers, with their holdout purchases when there is a holdout period.
  var summaries: CustomerSummaries
  /// Their compressed (x, t_x, T) triples.
  var triples: FrequencyRecencyData
  /// The order log the summaries come from, for the tracking series; `nil` without.
  var log: OrderLog?
  /// The tracking series' start and number of periods, when tracked.
  var tracking: (origin: Date, periods: Int)?
  /// The fit options of every model.
  var options: FitOptions
}

import Foundation
public import RetentionModel
import _RetentionSupport

extension LifetimeValue {
  /// Scores every customer of a base over a horizon: P(alive), expected purchases, the
  /// probability of at least one purchase (of the second, for first-time buyers), expected spend
  /// per order, the discounted lifetime value, and its interval from the parameters'
  /// uncertainty.
  ///
  /// ```swift
  /// let purchases = try BGNBDModel.fit(summaries.compressed())
  /// let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
  /// let scores = LifetimeValue.scores(
  ///   summaries, purchases: purchases, spend: spend, within: .days(90), margin: 0.3,
  ///   discount: DiscountRate(annual: 0.1), bootstrap: ParameterBootstrap(draws: 200, seed: 7))
  /// ```
  ///
  /// The value is discounted as ``modelBased(purchases:spend:summaries:horizonMonths:margin:discount:)``
  /// does: the expected purchases are summed month by month (months of 365.25 / 12 days), each
  /// month's increment discounted at the month's end; a horizon that is not a whole number of
  /// months ends with a shorter step discounted at the horizon. For whole months the two agree.
  ///
  /// The interval is a parametric bootstrap (``ParameterBootstrap``): the purchase model's
  /// parameters and, with a spend model, the Gamma-Gamma parameters are drawn from the normal
  /// distributions of their log-values that the fits' covariance matrices describe, every
  /// customer is re-scored under each draw, and the interval runs between the percentiles of
  /// the customer's values. When a fit has no covariance (a parameter on a boundary or not
  /// identified, see ``RetentionModel/FitDiagnostics``) there is no interval, and
  /// ``CustomerValueScores/intervalUnavailableReason`` says why; never a zero-width interval.
  ///
  /// Customers with equal (x, t_x, T) share every purchase-model figure, so the model is
  /// evaluated once per distinct triple (and, for models that factor through P(alive), the
  /// expectation of a living customer once per distinct (x, T)), per draw; customers of one
  /// triple with equal spend share their interval. The work runs in parallel chunks of triples;
  /// the result does not depend on the number of threads.
  ///
  /// - Parameters:
  ///   - summaries: The customers' (x, t_x, T, z̄), in any unit (converted to the model's once).
  ///   - purchases: The fitted repeat-purchase model.
  ///   - spend: The fitted Gamma-Gamma model, or `nil` when the data have no spend to model
  ///     (then no expected spend, value or interval).
  ///   - horizon: The horizon after each customer's T, in any unit.
  ///   - margin: The profit margin on revenue, `0...1` (1, the default, values revenue).
  ///   - discount: The discount rate; none by default.
  ///   - bootstrap: The bootstrap of the interval, or `nil` for none; 200 draws at 90 % by
  ///     default.
  ///   - isParallel: Whether to use several threads; `true` by default.
  /// - Returns: One row per summary, in order.
  /// - Complexity: O(*n* + *u* · *B* · *m*) model evaluations and O(*n* · *B* log *B*) for the
  ///   percentiles, for *n* customers, *u* distinct triples, *B* draws and *m* monthly steps.
  public static func scores<Model: ParametricModel & RepeatPurchaseModel>(
    _ summaries: CustomerSummaries, purchases: ModelFit<Model>, spend: SpendModelFit<GammaGammaModel>?,
    within horizon: TimeSpan, margin: Double = 1, discount: DiscountRate = .none,
    bootstrap: ParameterBootstrap? = ParameterBootstrap(), isParallel: Bool = true
  ) -> CustomerValueScores where Model.Unit == TimeUnit {
    precondition(margin >= 0 && margin <= 1, "the margin must be in 0...1")
    let model = purchases.model
    let unit = model.unit
    let summaries = summaries.converted(to: unit)
    let table = TripleTable(frequency: summaries.frequency, recency: summaries.recency, age: summaries.age)
    let steps = ValueSteps(horizon: horizon, unit: unit, discount: discount)

    var models = [model]
    var spendModels = spend.map { [$0.model] } ?? []
    var intervalReason: String?
    if spend == nil {
      intervalReason = "no spend model, so no lifetime value to give an interval for"
    } else if bootstrap == nil {
      intervalReason = "no bootstrap was asked for"
    } else if let reason = purchases.parameterDrawsUnavailableReason {
      intervalReason = "purchase model: \(reason)"
    } else if let bootstrap, let spend {
      var generator = SeededRandomNumberGenerator(seed: bootstrap.seed)
      let spendEstimate = [spend.model.p, spend.model.q, spend.model.gamma]
      do {
        let drawn = try purchases.parameterDraws(bootstrap.draws, using: &generator).map {
          Model(parameters: $0, unit: unit)
        }
        if let covariance = spend.covariance,
          let spendDraws = LogNormalDraws.draws(
            around: spendEstimate, covariance: covariance, count: bootstrap.draws, using: &generator)
        {
          models += drawn
          spendModels += spendDraws.map { GammaGammaModel(p: $0[0], q: $0[1], gamma: $0[2]) }
        } else {
          intervalReason =
            "spend model: the uncertainty of p, q and gamma is not known (the Hessian of the Gamma-Gamma likelihood is not positive definite at the estimate)"
        }
      } catch {
        intervalReason = "purchase model: \(error)"
      }
    }

    let evaluator = ValueEvaluator(
      models: models, spendModels: spendModels, steps: steps, margin: margin,
      level: bootstrap?.level ?? 0.9)
    let chunks = ParallelWork.chunks(of: table.count, size: 512)
    let parts = ParallelWork.map(chunks, isParallel: isParallel) { chunk in
      evaluator.evaluate(table, triples: chunk, summaries: summaries)
    }
    let count = summaries.count
    var alive = [Double](repeating: 0, count: count)
    var expected = alive, any = alive, spendColumn = alive, value = alive, low = alive, high = alive
    for part in parts {
      for (k, customer) in part.customers.enumerated() {
        alive[customer] = part.alive[k]
        expected[customer] = part.expected[k]
        any[customer] = part.probabilityOfPurchase[k]
        if !spendModels.isEmpty {
          spendColumn[customer] = part.spend[k]
          value[customer] = part.value[k]
        }
        if models.count > 1 {
          low[customer] = part.low[k]
          high[customer] = part.high[k]
        }
      }
    }
    let interval =
      models.count > 1
      ? bootstrap.map { LifetimeValueInterval(bootstrap: $0, low: low, high: high) } : nil
    return CustomerValueScores(
      customerIDs: summaries.customerIDs, unit: unit, horizon: horizon, frequency: summaries.frequency,
      recency: summaries.recency, age: summaries.age, probabilityAlive: alive, expectedPurchases: expected,
      probabilityOfPurchase: any, expectedSpend: spend == nil ? nil : spendColumn,
      lifetimeValue: spend == nil ? nil : value,
      lifetimeValueUnavailableReason: spend == nil ? "no spend model was given" : nil,
      lifetimeValueInterval: interval, intervalUnavailableReason: interval == nil ? intervalReason : nil,
      margin: margin, discount: discount, uniqueTriples: table.count)
  }
}

/// The monthly steps of a horizon, in the model's unit, with the discount factor at each step's
/// end: months of 365.25 / 12 days, the last step ending at the horizon.
struct ValueSteps: Sendable {
  /// The end of each step, in periods of the model's unit; the last is the horizon.
  var ends: [Double]
  /// The discount factor at each step's end.
  var factors: [Double]
  /// The horizon, in periods of the model's unit.
  var horizon: Double

  init(horizon span: TimeSpan, unit: TimeUnit, discount: DiscountRate) {
    let days = span.days
    var endDays: [Double] = []
    var month = 1
    while Double(month) * LifetimeValue.daysPerMonth < days * (1 - 1e-12) {
      endDays.append(Double(month) * LifetimeValue.daysPerMonth)
      month += 1
    }
    if days > 0 { endDays.append(days) }
    ends = endDays.map { TimeSpan.days($0).periods(in: unit) }
    // The last end is the horizon exactly as asked, so E[Y(h)] is the same number as a
    // direct call with the span.
    if !ends.isEmpty { ends[ends.count - 1] = span.periods(in: unit) }
    factors = endDays.map { discount.factor(after: .days($0)) }
    horizon = span.periods(in: unit)
  }
}

import Foundation
import Testing
import _TestSupport
import LTVMath

/// `LifetimeValue.scores`: every customer's figures, checked against published conditional
/// expectations, against the readable per-customer definitions, and for its interval.
struct CustomerValueScoresTests {
  /// The CDNOW 1/10 sample in weeks, calibration to 1997-09-30 (FHL 2005's convention).
  static func cdnowSummaries() throws -> CustomerSummaries {
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_sample.txt"), format: .cdnow)
    return log.summaries(
      SummaryOptions(observationEnd: day(1998, 6, 30), calibrationEnd: day(1997, 9, 30), unit: .weeks))
  }

  static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
    return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? .distantPast
  }

  /// Summaries of hand-made customers (x, t_x, T, z̄) in weeks.
  static func summaries(_ rows: [(Double, Double, Double, Double)]) -> CustomerSummaries {
    let n = rows.count
    return CustomerSummaries(
      options: SummaryOptions(observationEnd: day(2020, 1, 1), unit: .weeks), customerIDs: (0..<n).map { "c\($0)" },
      frequency: rows.map(\.0), recency: rows.map(\.1), age: rows.map(\.2), monetaryValue: rows.map(\.3),
      orderCounts: rows.map { Int32($0.0 + 1) }, revenue: rows.map { ($0.0 + 1) * $0.3 },
      firstOrderTimes: Array(repeating: 0, count: n), lastOrderTimes: Array(repeating: 0, count: n))
  }

  @Test func cdnowCustomerOneExpectsThePublishedPurchases() throws {
    let summaries = try Self.cdnowSummaries()
    let fit = try BGNBDModel.fit(summaries.compressed())
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let scores = LifetimeValue.scores(summaries, purchases: fit, spend: spend, within: .weeks(39), bootstrap: nil)
    #expect(scores.count == 2_357)
    let first = try #require(scores.first { $0.customerID == "1" })
    #expect(first.frequency == 2)
    #expect(first.recency.isApproximatelyEqual(to: 213.0 / 7, relativeTolerance: 1e-12))
    #expect(first.age.isApproximatelyEqual(to: 272.0 / 7, relativeTolerance: 1e-12))
    // Fader, Hardie & Lee (2005), "Counting your customers the easy way", Sec. 5 and Hardie's
    // BG/NBD note: customer 1 (x 2, t_x 30.43, T 38.86) expects 1.226 purchases in 39 weeks.
    #expect(abs(first.expectedPurchases - 1.226) <= 5e-4)
    // REFERENCES.md: Gamma-Gamma E[M | x, z̄] of CDNOW customer 1 is 24.65 (note 025).
    #expect(abs((first.expectedSpend ?? 0) - 24.65) <= 5e-3)
  }

  @Test func cdnowCustomer1516MatchesTheBTYDWalkthrough() throws {
    let summaries = try Self.cdnowSummaries()
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let bgnbd = LifetimeValue.scores(
      summaries, purchases: try BGNBDModel.fit(summaries.compressed()), spend: spend, within: .weeks(52), bootstrap: nil)
    let customer = try #require(bgnbd.first { $0.customerID == "1516" })
    #expect(customer.frequency == 26 && customer.age == 31)
    // R BTYD walkthrough (BG/NBD, its own fit, which differs from the optimum in the 5th digit):
    // customer 1516 E[Y(52)] 25.75659, P(alive) 0.9688523.
    #expect(customer.expectedPurchases.isApproximatelyEqual(to: 25.75659, relativeTolerance: 1e-4))
    #expect(customer.probabilityAlive.isApproximatelyEqual(to: 0.9688523, relativeTolerance: 1e-4))
    // The same walkthrough's Pareto/NBD: E[Y(52)] 25.45647, P(alive) 0.997874 at t_x 30.86; BTYD's
    // parameters differ from the optimum in the 4th digit, so 1e-3 relative (REFERENCES.md).
    let pareto = LifetimeValue.scores(
      summaries, purchases: try ParetoNBDModel.fit(summaries.compressed()), spend: spend, within: .weeks(52),
      bootstrap: nil)
    let paretoCustomer = try #require(pareto.first { $0.customerID == "1516" })
    #expect(paretoCustomer.expectedPurchases.isApproximatelyEqual(to: 25.45647, relativeTolerance: 1e-3))
    #expect(paretoCustomer.probabilityAlive.isApproximatelyEqual(to: 0.997874, relativeTolerance: 1e-3))
  }

  @Test func increasingFrequencyParadoxMatchesBTYD() throws {
    let fit = try BGNBDModel.fit(try Self.cdnowSummaries().compressed())
    let scores = LifetimeValue.scores(
      Self.summaries([(10, 20, 39, 0), (15, 20, 39, 0), (20, 20, 39, 0), (25, 20, 39, 0)]), purchases: fit,
      spend: nil, within: .weeks(52), bootstrap: nil)
    // R BTYD walkthrough, E[Y(52)] at t_x 20, T 39 for x 10/15/20/25 (REFERENCES.md), 1e-4
    // relative as in BGNBDModelTests.
    for (value, published) in zip(scores.expectedPurchases, [0.3474606, 0.04283391, 0.004158973, 0.0003583685]) {
      #expect(value.isApproximatelyEqual(to: published, relativeTolerance: 1e-4))
    }
    #expect(scores.lifetimeValue == nil && scores.expectedSpend == nil)
    #expect(scores.lifetimeValueInterval == nil)
    #expect(scores.intervalUnavailableReason?.contains("no spend model") == true)
  }

  /// Every column equals its readable definition: the whole-base scores of RetentionModel,
  /// 1 − P(Y(h) = 0), the month-by-month `modelBased` value for a whole number of months, and
  /// P(second purchase) for first-time buyers.
  @Test(arguments: [false, true])
  func columnsEqualTheirDefinitions(isParetoNBD: Bool) throws {
    let summaries = try Self.cdnowSummaries()
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let months = 3
    let horizon = TimeSpan.days(Double(months) * LifetimeValue.daysPerMonth)
    let discount = DiscountRate(annual: 0.1)
    func check<Model: ParametricModel & RepeatPurchaseModel>(_ fit: ModelFit<Model>) where Model.Unit == TimeUnit {
      let scores = LifetimeValue.scores(
        summaries, purchases: fit, spend: spend, within: horizon, margin: 0.3, discount: discount, bootstrap: nil,
        isParallel: true)
      let serial = LifetimeValue.scores(
        summaries, purchases: fit, spend: spend, within: horizon, margin: 0.3, discount: discount, bootstrap: nil,
        isParallel: false)
      #expect(scores == serial)
      let model = fit.model
      let base = model.scores(summaries, within: horizon)
      let values = LifetimeValue.modelBased(
        purchases: model, spend: spend.model, summaries: summaries, horizonMonths: months, margin: 0.3, discount: discount)
      let h = horizon.periods(in: .weeks)
      for index in summaries.indices {
        let (x, tx, t) = (summaries.frequency[index], summaries.recency[index], summaries.age[index])
        #expect(scores.probabilityAlive[index].isApproximatelyEqual(to: base.probabilityAlive[index], relativeTolerance: 1e-12))
        #expect(scores.expectedPurchases[index].isApproximatelyEqual(to: base.expectedPurchases[index], absoluteTolerance: 1e-15, relativeTolerance: 1e-12))
        let none = model.probabilityOfNoPurchase(withinPeriods: h, frequency: x, recency: tx, age: t)
        #expect(scores.probabilityOfPurchase[index].isApproximatelyEqual(to: 1 - none, absoluteTolerance: 1e-15))
        if x == 0 {
          let second = model.probabilityOfSecondPurchase(within: horizon, age: .weeks(t))
          #expect(scores.probabilityOfPurchase[index].isApproximatelyEqual(to: second, absoluteTolerance: 1e-14))
        }
        #expect(scores.expectedSpend?[index] == values.expectedSpend[index])
        #expect(scores.lifetimeValue?[index].isApproximatelyEqual(to: values.lifetimeValue[index], absoluteTolerance: 1e-12, relativeTolerance: 1e-12) == true)
      }
      #expect(scores.customerIDs == summaries.customerIDs)
    }
    if isParetoNBD { check(try ParetoNBDModel.fit(summaries.compressed())) } else { check(try BGNBDModel.fit(summaries.compressed())) }
  }

  /// The interval is the percentile interval of each customer's value over the same parameter
  /// draws, re-scored customer by customer (the plain reference of the triple-wise fast path).
  @Test func intervalEqualsThePerCustomerBootstrap() throws {
    let summaries = try Self.cdnowSummaries()
    let fit = try BGNBDModel.fit(summaries.compressed())
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let bootstrap = ParameterBootstrap(draws: 40, level: 0.8, seed: 9)
    let horizon = TimeSpan.weeks(26)
    let discount = DiscountRate(annual: 0.2)
    let scores = LifetimeValue.scores(
      summaries, purchases: fit, spend: spend, within: horizon, margin: 0.5, discount: discount, bootstrap: bootstrap)
    let interval = try #require(scores.lifetimeValueInterval)
    #expect(scores.intervalUnavailableReason == nil)

    var generator = SplitMix64(seed: 9)
    let models = try fit.parameterDraws(40, using: &generator).map { BGNBDModel(parameters: $0, unit: .weeks) }
    _ = try #require(spend.covariance)
    let spendDraws = Self.spendDraws(spend, count: 40, using: &generator)
    // Month ends (30.4375 days) within 26 weeks, then the horizon, each discounted at its end.
    let days = horizon.days
    let ends = stride(from: LifetimeValue.daysPerMonth, to: days, by: LifetimeValue.daysPerMonth).map { $0 } + [days]
    let sample = Array(stride(from: 0, to: summaries.count, by: 37))
    for index in sample {
      let (x, tx, t, z) = (summaries.frequency[index], summaries.recency[index], summaries.age[index], summaries.monetaryValue[index])
      var values: [Double] = []
      for (model, spendModel) in zip(models, spendDraws) {
        var previous = 0.0, sum = 0.0
        for end in ends {
          let current = model.conditionalExpectedPurchases(withinPeriods: end / 7, frequency: x, recency: tx, age: t)
          sum += max(0, current - previous) * discount.factor(after: .days(end))
          previous = current
        }
        let orderValue = x > 0 ? spendModel.expectedAverageOrderValue(frequency: x, monetaryValue: z) : spendModel.populationMeanOrderValue
        values.append(0.5 * orderValue * sum)
      }
      values.sort()
      // Type-7 percentiles at 10 % and 90 % of 40 values: positions 3.9 and 35.1.
      let low = values[3] + 0.9 * (values[4] - values[3])
      let high = values[35] + 0.1 * (values[36] - values[35])
      #expect(interval.low[index].isApproximatelyEqual(to: low, absoluteTolerance: 1e-9, relativeTolerance: 1e-9), "\(index)")
      #expect(interval.high[index].isApproximatelyEqual(to: high, absoluteTolerance: 1e-9, relativeTolerance: 1e-9), "\(index)")
      let point = try #require(scores.lifetimeValue?[index])
      if point > 0 { #expect(interval.low[index] < interval.high[index]) }
    }
    // Equal seeds, equal intervals; another seed, other intervals.
    let again = LifetimeValue.scores(
      summaries, purchases: fit, spend: spend, within: horizon, margin: 0.5, discount: discount, bootstrap: bootstrap)
    #expect(again == scores)
    let other = LifetimeValue.scores(
      summaries, purchases: fit, spend: spend, within: horizon, margin: 0.5, discount: discount,
      bootstrap: ParameterBootstrap(draws: 40, level: 0.8, seed: 10))
    #expect(other.lifetimeValueInterval?.low != interval.low)
  }

  /// The Gamma-Gamma draws the scoring takes after the purchase model's: log-normal from the
  /// fit's covariance (Cholesky, standard normals by Box-Muller as RetentionModel draws them).
  static func spendDraws(
    _ spend: SpendModelFit<GammaGammaModel>, count: Int, using generator: inout SplitMix64
  ) -> [GammaGammaModel] {
    let estimate = [spend.model.p, spend.model.q, spend.model.gamma]
    let covariance = spend.covariance ?? []
    var l = [[Double]](repeating: [0, 0, 0], count: 3)
    for j in 0..<3 {
      var d = covariance[j][j] / (estimate[j] * estimate[j])
      for k in 0..<j { d -= l[j][k] * l[j][k] }
      l[j][j] = d.squareRoot()
      for i in (j + 1)..<3 {
        var v = covariance[i][j] / (estimate[i] * estimate[j])
        for k in 0..<j { v -= l[i][k] * l[j][k] }
        l[i][j] = v / l[j][j]
      }
    }
    return (0..<count).map { _ in
      let z = (0..<3).map { _ -> Double in
        let u = (Double(generator.next() >> 11) + 0.5) * 0x1p-53
        let v = (Double(generator.next() >> 11) + 0.5) * 0x1p-53
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
      }
      let values = (0..<3).map { i in exp(log(estimate[i]) + (0...i).reduce(0) { $0 + l[i][$1] * z[$1] }) }
      return GammaGammaModel(p: values[0], q: values[1], gamma: values[2])
    }
  }

  @Test func boundaryFitsHaveNoIntervalAndSayWhy() throws {
    // Nobody ever buys again: the BG/NBD sits on the boundary r → 0 without standard errors.
    let rows = (0..<200).map { index in (0.0, 0.0, Double(10 + index % 20), 0.0) }
    let summaries = Self.summaries(rows + [(1, 5, 30, 20), (2, 8, 30, 25), (1, 3, 20, 30)])
    let oneTime = Self.summaries(rows)
    let fit = try BGNBDModel.fit(oneTime.compressed())
    #expect(fit.covariance == nil)
    let reason = try #require(fit.parameterDrawsUnavailableReason)
    #expect(reason.contains("r:"))
    let spend = try GammaGammaModel.fit(frequency: summaries.frequency, monetaryValue: summaries.monetaryValue)
    let scores = LifetimeValue.scores(summaries, purchases: fit, spend: spend, within: .days(90))
    #expect(scores.lifetimeValueInterval == nil)
    #expect(scores.intervalUnavailableReason?.hasPrefix("purchase model: the parameters' uncertainty is not known") == true)
    #expect(scores.lifetimeValue != nil)
  }
}

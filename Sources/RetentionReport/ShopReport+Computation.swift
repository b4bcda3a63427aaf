import Foundation
public import RetentionCore
import LTVMath
import RetentionModel
import Segmentation

extension ShopReport {
  /// Computes the report of an order log.
  ///
  /// The steps: customer summaries (weeks, same-day purchases merged), revenue structure,
  /// repeat ladder, Kaplan-Meier time to second purchase, monthly cohorts, a BG/NBD fit on the
  /// whole history for P(alive), a second BG/NBD fit on the first
  /// ``ShopReportOptions/calibrationFraction`` of the history for the tracking plot,
  /// identity resolution and segments, and the action lists: the day's plan of the flows driven
  /// by orders (`Campaigns`; ``ShopReportOptions/contactPolicy``) for the day after the last
  /// observed day.
  ///
  /// ```swift
  /// let report = ShopReport(log: log, replenishment: nil) { stage in print(stage) }
  /// ```
  ///
  /// - Parameters:
  ///   - log: The orders. Unless it is keyed by person already, the report resolves the people
  ///     behind them (``ShopReportOptions/resolvesIdentities``) and counts people throughout.
  ///   - events: The shop's customer events, keyed like `log` (by the same customer ids, or by
  ///     the same people when `log` is person-keyed), or `nil`. The day's plan then honours
  ///     their opt-ins and opt-outs and skips what was already sent or held out. When the
  ///     report resolves the people itself, it keys the events through the same resolution.
  ///   - options: What to cover; the defaults suit most shops.
  ///   - replenishment: Rows to show as the replenishment list instead of the planned
  ///     `replenishment` flow (shown as given: consent is then the caller's part), or `nil`
  ///     (the default) for the day's plan.
  ///   - progress: Called with the name of each step as it starts, for a progress line.
  /// - Complexity: O(*n* log *n*) for *n* orders, plus the model fits (which run on the unique
  ///   (x, t_x, T) triples).
  public init(
    log: OrderLog, events: EventLog? = nil, options: ShopReportOptions = ShopReportOptions(),
    replenishment: [ActionRow]? = nil, progress: ((String) -> Void)? = nil
  ) {
    let clock = options.clock
    let end = options.observationEnd ?? log.lastOrderDate ?? Date(timeIntervalSince1970: 0)
    let format = HumanFormat(currency: options.currency ?? log.currency)
    let days = DayText(clock: clock)
    var notes: [String] = []
    var log = log
    var events = events ?? EventLog([])
    if options.resolvesIdentities && log.personKeying == nil {
      progress?("resolving identities")
      let resolver = DeterministicIdentityResolver()
      let resolution = resolver.resolve(log)
      events = events.keyed(by: resolution, orders: log, resolver: resolver)
      log = log.keyed(by: resolution)
    }

    progress?("summarising customers")
    let summaries = log.summaries(SummaryOptions(observationEnd: end, unit: .weeks, clock: clock))
    let endTime = clock.startOfDay(clock.day(of: end) + 1).timeIntervalSince1970
    var orderValues: [Double] = []
    orderValues.reserveCapacity(log.orderCount)
    // Customers' orders only, as every figure of the report (guest orders have no customer).
    for index in 0..<log.orderCount
    where log.orderIsPurchase[index] && log.orderCustomers[index] >= 0 && log.orderTimes[index] < endTime {
      orderValues.append(log.orderNetAmounts[index])
    }
    let totals = log.purchaseTotals(through: end, clock: clock)
    let counts = summaries.orderCounts.map(Int.init)
    let quintiles = RevenueStructure(customerRevenue: summaries.revenue, customerOrders: counts, orderValues: [])
    let boundaries = Self.roundBoundaries(quintiles.averageOrderValueBands.dropFirst().map(\.lower))
    let structure = RevenueStructure(
      customerRevenue: summaries.revenue, customerOrders: counts, orderValues: orderValues, bandBoundaries: boundaries)

    title = options.title
    currency = options.currency ?? log.currency
    timeZone = clock.timeZone.identifier
    let firstDay = log.firstOrderDate.map(days.text) ?? days.text(end)
    let includes =
      totals.guestOrders == 0
      ? "customers' orders only"
      : "customers' orders only; \(HumanFormat.integer(totals.guestOrders)) guest \(totals.guestOrders == 1 ? "order" : "orders") (\(format.money(totals.guestRevenue))) not included"
    let identityReading: String
    if let keying = log.personKeying {
      identityReading =
        "Customers are people: \(HumanFormat.integer(keying.attributedOrders)) orders of \(HumanFormat.integer(keying.customerIDCount)) customer ids and \(HumanFormat.integer(keying.customerIDGuestOrders)) guest orders merged into \(HumanFormat.integer(keying.personCount)) people by customer id, email and phone."
    } else {
      identityReading = "Customers are the shop's customer ids, as imported (no identity resolution)."
    }
    overview = Overview(
      customers: structure.customers, identity: log.personKeying == nil ? "customer-id" : "people",
      personKeying: log.personKeying, identityReading: identityReading, orders: counts.reduce(0, +), revenue: finiteOrZero(structure.revenue),
      guestOrders: totals.guestOrders, guestRevenue: finiteOrZero(totals.guestRevenue), includes: includes,
      repeatCustomerShare: finiteOrZero(structure.repeatCustomerShare),
      repeatRevenueShare: finiteOrZero(structure.repeatRevenueShare),
      medianOrderValue: finiteOrZero(structure.medianOrderValue), firstDay: firstDay, lastDay: days.text(end),
      reading: structure.customers == 0
        ? "There are no customer purchases to report on yet."
        : "\(HumanFormat.percent(structure.repeatCustomerShare)) of your customers are repeat buyers and bring \(HumanFormat.percent(structure.repeatRevenueShare)) of revenue."
    )

    importAccounting = ImportAccounting(log.report)

    concentration = Concentration(
      lorenzCurve: structure.lorenzCurve.map { finiteOrZero($0.revenueShare) },
      topDecileShare: finiteOrZero(structure.topDecileShare),
      topQuintileShare: finiteOrZero(structure.topQuintileShare), gini: finiteOrZero(structure.gini),
      reading:
        "The top 10 % of your customers bring \(HumanFormat.percent(structure.topDecileShare)) of revenue, the top 20 % bring \(HumanFormat.percent(structure.topQuintileShare))."
    )

    let bands = structure.averageOrderValueBands.map { band in
      OrderValueBands.Band(
        label: band.upper.isFinite
          ? (band.lower == 0
            ? "under \(format.money(band.upper))" : "\(format.money(band.lower))–\(format.money(band.upper))")
          : "\(format.money(band.lower)) and more",
        lower: finiteOrZero(band.lower), upper: band.upper.isFinite ? band.upper : nil,
        customerShare: finiteOrZero(band.customerShare),
        revenueShare: finiteOrZero(band.revenueShare))
    }
    var bandReading = "Not enough customers to compare order values."
    if bands.count >= 2, let low = bands.first, let high = bands.last {
      bandReading =
        "\(HumanFormat.percent(low.customerShare)) of customers have an average order \(low.label) and bring \(HumanFormat.percent(low.revenueShare)) of revenue; the \(HumanFormat.percent(high.customerShare)) at \(high.label) bring \(HumanFormat.percent(high.revenueShare))."
    }
    orderValueBands = OrderValueBands(bands: bands, reading: bandReading)

    progress?("repeat ladder and time to second purchase")
    let repeatLadder = log.repeatLadder(maximumOrders: 6, through: end, clock: clock)
    let steps = repeatLadder.steps.map {
      Ladder.Step(orders: $0.orders, customers: $0.customers, probability: finiteOrZero($0.probability))
    }
    var ladderReading = "No customer has placed an order yet."
    if let first = steps.first, first.customers > 0 {
      ladderReading = "\(HumanFormat.percent(first.probability)) of first-time buyers came back for a second order"
      if steps.count > 1, steps[1].customers > 0 {
        ladderReading += "; of those, \(HumanFormat.percent(steps[1].probability)) made a third"
        if first.probability > 0, steps[1].probability / first.probability >= 1.2 {
          ladderReading +=
            " (\(HumanFormat.decimal(steps[1].probability / first.probability, digits: 1)) times as likely)"
        }
      }
      ladderReading += "."
    }
    ladder = Ladder(steps: steps, reading: ladderReading)

    let time = log.timeToSecondPurchase(through: end, clock: clock)
    let within90 = finiteOrZero(time.probability(within: .days(90)))
    var secondReading = "No customer has had time to buy twice yet."
    if time.customers > 0 {
      secondReading = "\(HumanFormat.percent(within90)) of first-time buyers buy again within 90 days; "
      secondReading +=
        time.medianDays.map { "half of them have bought again after \($0) days." }
        ?? "fewer than half have bought again in the time observed."
    }
    secondPurchase = SecondPurchase(
      days: [0] + time.curve.map(\.days), probability: [0] + time.curve.map { finiteOrZero($0.probability) },
      medianDays: time.medianDays, within90Days: within90, reading: secondReading)

    progress?("cohorts")
    let cohortTable = log.cohortRetention(through: end, clock: clock)
    var monthOne = (active: 0.0, customers: 0.0), monthThree = (active: 0.0, customers: 0.0)
    for cohort in cohortTable.cohorts {
      if cohort.activeCustomers.count > 1 {
        monthOne.active += Double(cohort.activeCustomers[1])
        monthOne.customers += Double(cohort.customers)
      }
      if cohort.activeCustomers.count > 3 {
        monthThree.active += Double(cohort.activeCustomers[3])
        monthThree.customers += Double(cohort.customers)
      }
    }
    var cohortReading = "The history is too short for monthly cohorts."
    if monthOne.customers > 0 {
      cohortReading =
        "On average \(HumanFormat.percent(monthOne.active / monthOne.customers)) of a month's new customers buy again the next month"
      if monthThree.customers > 0 {
        cohortReading +=
          ", and \(HumanFormat.percent(monthThree.active / monthThree.customers)) buy in their fourth month"
      }
      cohortReading += "."
    }
    cohorts = Cohorts(
      months: cohortTable.cohorts.map(\.month), sizes: cohortTable.cohorts.map(\.customers),
      retention: cohortTable.cohorts.map { $0.retention.map(finiteOrZero) }, reading: cohortReading)

    progress?("fitting the BG/NBD model")
    aliveMatrix = nil
    if summaries.repeatCustomerCount >= 2 {
      do {
        let fit = try BGNBDModel.fit(summaries.compressed())
        if fit.diagnostics.dropoutIdentified {
          aliveMatrix = Self.aliveMatrix(model: fit.model, summaries: summaries)
        } else {
          // A chart of 100 % everywhere would say nothing: say why in a sentence instead.
          notes.append(
            "Who is still a customer: nobody seems to stop buying in this history. The BG/NBD model fits best with no dropout at all (it equals the NBD), so it would call every customer 100 % likely to be active; judge lapsing by each customer's usual gap between orders instead (the win-back list)."
          )
        }
      } catch {
        notes.append("P(alive) is left out: the BG/NBD model could not be fitted (\(error)).")
      }
    } else {
      notes.append("P(alive) is left out: fewer than two customers have bought twice.")
    }

    progress?("calibration and holdout")
    tracking = nil
    if let first = log.firstOrderDate {
      let firstDayNumber = clock.day(of: first)
      let span = clock.day(of: end) - firstDayNumber + 1
      let weeks = span / 7
      if weeks >= 12 {
        let calibrationDay = firstDayNumber + Int(Double(weeks * 7) * options.calibrationFraction) - 1
        let calibrationEnd = clock.startOfDay(calibrationDay)
        let calibration = log.summaries(
          SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: .weeks, clock: clock))
        do {
          guard calibration.repeatCustomerCount >= 2 else {
            throw ReportGap("fewer than two customers bought twice before \(days.text(calibrationEnd))")
          }
          let fit = try BGNBDModel.fit(calibration.compressed())
          let series = fit.model.trackingSeries(
            log, summaries: calibration, origin: clock.startOfDay(firstDayNumber), periods: weeks)
          let calibrationWeeks = min(max(series.calibrationPeriods ?? 0, 1), weeks)
          let actual = (series.actual ?? []).map(finiteOrZero)
          let predicted = series.predicted.map(finiteOrZero)
          let holdoutPredicted = (predicted.last ?? 0) - predicted[calibrationWeeks - 1]
          let holdoutActual = (actual.last ?? 0) - actual[calibrationWeeks - 1]
          var reading =
            "Fitted on the first \(calibrationWeeks) weeks (to \(days.text(calibrationEnd)), \(HumanFormat.percent(options.calibrationFraction)) of the history), the model expected \(HumanFormat.count(holdoutPredicted)) repeat purchases in the next \(weeks - calibrationWeeks) weeks; \(HumanFormat.count(holdoutActual)) happened"
          if holdoutPredicted > 0 {
            let difference = holdoutActual / holdoutPredicted - 1
            reading +=
              abs(difference) < 0.005
              ? "." : " (\(HumanFormat.percent(abs(difference))) \(difference > 0 ? "more" : "fewer"))."
          } else {
            reading += "."
          }
          tracking = Tracking(
            calibrationEnd: days.text(calibrationEnd), calibrationWeeks: calibrationWeeks, predicted: predicted,
            actual: actual, holdoutPredicted: finiteOrZero(holdoutPredicted),
            holdoutActual: finiteOrZero(holdoutActual),
            reading: reading)
        } catch {
          notes.append("The calibration/holdout check is left out: \(error).")
        }
      } else {
        notes.append("The calibration/holdout check is left out: the history is shorter than 12 weeks.")
      }
    }

    // The log's customers are the report's customers (people, or customer ids): one each.
    let resolution = IdentityResolution(customerIDsOf: log)
    progress?("customer profiles")
    let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: end.addingTimeInterval(86_399))
    progress?("segments")
    let lapsedRule = LapsedCustomers()
    let segmentList: [any Segment] = [
      OneOrderCustomers(), RepeatBuyers(), TopCustomers(percent: 10), HighAverageOrderValue(), BulkBuyers(), lapsedRule,
      NewCustomers(withinDays: 30),
    ]
    let segmentReport = SegmentReport(segments: segmentList, profiles: profiles)
    let entries = segmentReport.segments.map {
      Segments.Entry(
        name: $0.name, size: $0.size, customerShare: finiteOrZero($0.customerShare),
        revenueShare: finiteOrZero($0.revenueShare))
    }
    var segmentReading = "There are no customers to segment yet."
    if let lapsed = entries.first(where: { $0.name == lapsedRule.name }),
      let bulk = entries.first(where: { $0.name == BulkBuyers().name }),
      !profiles.isEmpty
    {
      segmentReading =
        "\(HumanFormat.integer(lapsed.size)) lapsed customers (\(HumanFormat.percent(lapsed.customerShare))) once brought \(HumanFormat.percent(lapsed.revenueShare)) of revenue; \(HumanFormat.integer(bulk.size)) bulk and B2B buyers bring \(HumanFormat.percent(bulk.revenueShare))."
    }
    segments = Segments(people: profiles.count, entries: entries, reading: segmentReading)

    progress?("the day's plan")
    let planned = Self.actions(
      log: log, profiles: profiles, end: end, options: options, within90: within90,
      topDecileShare: structure.topDecileShare, events: events, replenishment: replenishment)
    actions = planned.lists
    self.notes = notes + planned.notes
  }

  // MARK: Pieces

  static func aliveMatrix(model: BGNBDModel, summaries: CustomerSummaries) -> AliveMatrix {
    let age = max(1, (summaries.age.max() ?? 1).rounded(.down))
    let repeaters = summaries.frequency.filter { $0 > 0 }.sorted()
    let high = repeaters.isEmpty ? 5 : repeaters[min(repeaters.count - 1, Int(Double(repeaters.count) * 0.95))]
    let maximumFrequency = Int(min(max(high, 5), 20))
    let step = max(1, Int((age / 12).rounded(.up)))
    let columns = Array(stride(from: 0, through: Int(age), by: step))
    let rows = Array(1...maximumFrequency)
    let probability: [[Double?]] = rows.map { x in
      columns.map { weeks in
        let recency = age - Double(weeks)
        guard recency >= 0 else { return nil }
        let value = model.probabilityAlive(frequency: Double(x), recency: recency, age: age)
        return value.isFinite ? min(max(value, 0), 1) : nil
      }
    }
    let typical = repeaters.isEmpty ? 2 : Int(repeaters[repeaters.count / 2])
    let light = min(max(typical, 1), maximumFrequency)
    let heavy = min(10, maximumFrequency)
    /// The first whole week of silence after which P(alive) drops below one half, if any.
    func weeksUntilProbablyGone(_ x: Int) -> Int? {
      (0...Int(age)).first { weeks in
        model.probabilityAlive(frequency: Double(x), recency: age - Double(weeks), age: age) < 0.5
      }
    }
    let lowest = probability.joined().compactMap { $0 }.min() ?? 1
    var reading =
      "The model sees almost no customers drop out in this history: every customer who bought twice still looks active, so judge lapsing by each customer's usual gap between orders instead (the win-back list below)."
    if lowest <= 0.95, heavy > light, let heavyWeeks = weeksUntilProbablyGone(heavy) {
      reading =
        "Silence means more for frequent buyers: with \(heavy) repeat purchases a customer is probably gone after \(heavyWeeks) weeks without an order"
      if let lightWeeks = weeksUntilProbablyGone(light) {
        reading += ", with \(light) only after \(lightWeeks) weeks."
      } else {
        let longest = model.probabilityAlive(frequency: Double(light), recency: 0, age: age)
        reading +=
          "; with \(light), they are still \(HumanFormat.percent(finiteOrZero(longest))) likely to be active after \(Int(age)) weeks."
      }
    } else if lowest <= 0.95 {
      let stale = model.probabilityAlive(frequency: Double(heavy), recency: max(age - 26, 0), age: age)
      reading =
        "A customer with \(heavy) repeat purchases and none in the last 26 weeks is \(HumanFormat.percent(finiteOrZero(stale))) likely to still be buying."
    }
    return AliveMatrix(
      frequencies: rows, weeksSinceLastPurchase: columns, ageWeeks: age, probability: probability,
      parameters: model.parameters.values.map(finiteOrZero), reading: reading)
  }

  /// Band boundaries rounded to two significant digits, increasing and positive.
  static func roundBoundaries(_ values: [Double]) -> [Double] {
    var result: [Double] = []
    for value in values where value.isFinite && value > 0 {
      let magnitude = pow(10, log10(value).rounded(.down) - 1)
      let rounded = (value / magnitude).rounded() * magnitude
      if rounded > (result.last ?? 0) { result.append(rounded) }
    }
    return result
  }
}

/// The members of `FirstTimeBuyers` without their reasons: the report needs only the size and
/// revenue, and formatting a date per member is the costliest part of the segment step.
struct OneOrderCustomers: Segment {
  var name: String { FirstTimeBuyers().name }
  func reasons(in profiles: CustomerProfiles) -> [String?] { profiles.map { $0.orders == 1 ? "" : nil } }
}

/// A finite number: NaN and infinities become zero, so that no report shows them.
func finiteOrZero(_ value: Double) -> Double { value.isFinite ? value : 0 }

/// Why a section was left out.
struct ReportGap: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Days as `yyyy-MM-dd` in a clock's time zone.
struct DayText {
  let formatter: DateFormatter
  init(clock: DayClock) {
    formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = clock.timeZone
    formatter.dateFormat = "yyyy-MM-dd"
  }
  func text(_ date: Date) -> String { formatter.string(from: date) }
}

// The definition of a customer's summary: x, t_x, T, z̄ and the holdout counts.
//
// Every path that summarises customers reads one customer's purchases through
// `CustomerSummary.Definition`: `OrderLog.summaries(_:)` (batched and in parallel) and the
// summary of a first purchase (`CustomerSummary(customerID:firstPurchaseAt:amount:options:)`).
// The O(1) update `record(purchaseAt:amount:options:)` follows the same rules case by case and is
// tested against recomputation; the SQL of `SummaryQueries` states them in SQL and is tested
// against these summaries.
//
// Sources: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science
// 24(2), section 2 (x, t_x, T); Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4) (z̄ as the
// mean of the repeat transactions); lifetimes' `summary_data_from_transaction_data` and
// `calibration_and_holdout_data` (purchases of one period merge; the first period is not a repeat).

extension CustomerSummary {
  /// One customer's summary, read from their purchases in time order: the definition of x,
  /// t_x, T, z̄ and the holdout counts.
  ///
  /// With `C` the calibration end day and `E` the observation end day (``SummaryCut``), days
  /// counted in the options' ``DayClock``, and a unit of `u` days (1 or 7):
  ///
  /// - purchases after day `E` are not read;
  /// - the *purchase days* are the calendar days `≤ C` with a purchase: all purchases of one day
  ///   merge into one purchase (a transaction in the paper's sense); `first` and `last` are the
  ///   earliest and the latest of them;
  /// - **x** (frequency) = the number of purchase days − 1: the *repeat* purchase days;
  /// - **t_x** (recency) = (`last` − `first`) / `u`, zero for a customer with one purchase day;
  /// - **T** (age) = (`C` − `first`) / `u`;
  /// - **z̄** (monetary value) = the net value of the purchases on repeat days / x, and 0 when
  ///   x = 0 (the first day's purchases are not in z̄);
  /// - *orders* and *revenue* count every purchase order up to `C`, first day included;
  /// - *holdout frequency* = the number of calendar days in `C + 1 ... E` with a purchase, and
  ///   *holdout revenue* their net value, both only for a customer who purchased by day `C`;
  /// - a customer without a purchase by day `C` has no summary.
  ///
  /// Returns and cancellations are not purchases: the order log marks them (`orderIsPurchase`)
  /// and nets refunds into each order's value before a summary reads it.
  struct Definition {
    private(set) var firstDay = 0, lastDay = 0
    private(set) var repeatDays = 0, repeatValue = 0.0
    private(set) var orders = 0, revenue = 0.0
    private(set) var firstTime = 0.0, lastTime = 0.0
    private(set) var holdoutDays = 0, holdoutRevenue = 0.0
    private var lastHoldoutDay = Int.min

    /// Whether the customer purchased by the calibration end (and so has a summary).
    var hasSummary: Bool { orders > 0 }

    /// Reads the next purchase; purchases come in time order.
    ///
    /// - Parameters:
    ///   - time: When the purchase was placed, in seconds since 1970.
    ///   - amount: Its net value.
    ///   - cut: The calibration and observation end days and the clock.
    /// - Returns: `false` when the purchase is after the observation end, so that no later
    ///   purchase counts either.
    @inline(__always)
    mutating func read(purchaseAt time: Double, amount: Double, cut: SummaryCut) -> Bool {
      let day = cut.clock.day(ofSeconds: time)
      if day > cut.observationDay { return false }
      if day <= cut.calibrationDay {
        if orders == 0 {
          firstDay = day
          firstTime = time
        } else if day != firstDay {
          if day != lastDay { repeatDays += 1 }
          repeatValue += amount
        }
        lastDay = day
        lastTime = time
        orders += 1
        revenue += amount
      } else if orders > 0 {
        if day != lastHoldoutDay { holdoutDays += 1 }
        lastHoldoutDay = day
        holdoutRevenue += amount
      }
      return true
    }

    /// x: the repeat purchase days.
    var frequency: Double { Double(repeatDays) }

    /// t_x in a unit of `daysPerPeriod` days.
    func recency(daysPerPeriod: Double) -> Double { Double(lastDay - firstDay) / daysPerPeriod }

    /// T in a unit of `daysPerPeriod` days.
    func age(calibrationDay: Int, daysPerPeriod: Double) -> Double {
      Double(calibrationDay - firstDay) / daysPerPeriod
    }

    /// z̄: the mean net value of the repeat purchase days, 0 without any.
    var monetaryValue: Double { repeatDays > 0 ? repeatValue / Double(repeatDays) : 0 }
  }
}

/// The day numbers at which summaries are cut: the day of the observation end and the day of
/// the calibration end (the observation end's without a calibration end, and never after it),
/// in the options' clock.
struct SummaryCut: Sendable {
  let clock: DayClock
  let observationDay: Int
  let calibrationDay: Int

  init(_ options: SummaryOptions) {
    clock = options.clock
    let observation = options.clock.day(of: options.observationEnd)
    observationDay = observation
    calibrationDay = options.calibrationEnd.map { Swift.min(options.clock.day(of: $0), observation) } ?? observation
  }
}

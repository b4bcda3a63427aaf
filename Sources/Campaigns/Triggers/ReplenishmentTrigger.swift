public import Foundation

/// Finds the people about to run out of a product, for the replenishment flow
/// (``Flow/replenishment(leadDays:exclusions:options:channel:controlShare:)``).
///
/// Built on ``ReplenishmentPlan`` (REFERENCES.md, "Replenishment"): for every customer and
/// product with a known repurchase interval, the run-out is the last purchase day plus the
/// interval per unit times the quantity last bought. The reminder goes ``leadDays`` before the
/// run-out, but never earlier than ``earliestFraction`` of the interval after the purchase (a
/// product that lasts five days is not reminded of on the day it was bought). A person enters
/// on the reminder day with the product, unless
/// - the product is one customers do not rebuy (``exclusions``: postage, fees, gift cards,
///   durable goods; see ``ReplenishmentExclusions``),
/// - the person is past the hand-over to win-back, or
/// - the reminder day lies outside the window: only reminders due in the window, or at most
///   ``catchUp`` before it, are returned, so that a reminder long past is never sent late.
///
/// Buying the product again moves the last purchase, and with it the reminder (the entry's key
/// is the product and the day of the last purchase, `beans:2024-01-31`); run the planner daily
/// over one-day windows so that each reminder day falls in one window.
///
/// ```swift
/// let trigger = ReplenishmentTrigger(leadDays: 5)
/// for entry in trigger.entries(in: context) { print(entry.person, entry.products, entry.time) }
/// ```
public struct ReplenishmentTrigger: CampaignTrigger {
  /// How many days before the expected run-out to remind.
  public var leadDays: Double
  /// The earliest reminder, as a fraction (`0...1`) of the expected interval after the purchase.
  public var earliestFraction: Double
  /// The products never reminded of.
  public var exclusions: ReplenishmentExclusions
  /// The interval options (minimum samples, subscription tag, calendar).
  public var options: RepurchaseIntervals.Options
  /// How long before the window a reminder may have been due and still be returned, in seconds
  /// (keep it equal to the planner's catch-up).
  public var catchUp: TimeInterval

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - leadDays: Days before the run-out (default 7).
  ///   - earliestFraction: The earliest reminder as a fraction of the interval (default 0.5).
  ///   - exclusions: The products never reminded of (default ``ReplenishmentExclusions/standard``).
  ///   - options: The interval options.
  ///   - catchUp: How late a reminder may still be returned, in seconds (default 1 hour).
  public init(
    leadDays: Double = 7, earliestFraction: Double = 0.5, exclusions: ReplenishmentExclusions = .standard,
    options: RepurchaseIntervals.Options = .init(), catchUp: TimeInterval = 3_600
  ) {
    precondition(leadDays >= 0, "the lead time must not be negative")
    precondition((0...1).contains(earliestFraction), "the earliest fraction lies in 0...1")
    precondition(catchUp >= 0, "the catch-up must not be negative")
    self.leadDays = leadDays
    self.earliestFraction = earliestFraction
    self.exclusions = exclusions
    self.options = options
    self.catchUp = catchUp
  }

  /// `replenishment`.
  public var name: String { "replenishment" }

  /// One entry per person and product whose reminder day falls in the window (or within the
  /// catch-up before it).
  ///
  /// - Parameter context: The orders and window.
  /// - Returns: The entries, by reminder day, then person and product.
  /// - Complexity: That of ``ReplenishmentPlan/init(_:asOf:timing:options:)`` plus O(*l*),
  ///   where *l* is the number of order lines.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    let plan = ReplenishmentPlan(
      context.orders, asOf: context.asOf, timing: .daysBeforeRunOut(leadDays), options: options)
    let excluded = excludedProducts(in: context.orders)
    let earliest = context.window.lowerBound.addingTimeInterval(-catchUp)
    let clock = options.clock
    let entries = plan.reminders.compactMap { reminder -> FlowEntry? in
      guard reminder.status != .handOverToWinBack, excluded[reminder.productID] == nil else { return nil }
      let lastDay = clock.day(of: reminder.lastPurchase)
      let floor = clock.startOfDay(lastDay + Int((earliestFraction * reminder.expectedDays).rounded(.up)))
      let remindAt = Swift.max(reminder.reminderDate, floor)
      guard remindAt >= earliest, remindAt < context.window.upperBound else { return nil }
      return FlowEntry(
        person: reminder.customerID, time: remindAt,
        key: "\(reminder.productID):\(clock.isoDate(of: reminder.lastPurchase))",
        products: [reminder.productID], reason: reminder.reason)
    }
    return entries.sorted { ($0.time, $0.person, $0.key) < ($1.time, $1.person, $1.key) }
  }

  /// The products of a log that get no reminder, with the reason of each.
  ///
  /// - Parameter log: The order log.
  /// - Returns: Product id → reason (`name has "postage"`, `bought on two or more days by 1 customer(s); 2 needed`).
  /// - Complexity: O(*l* + *p* · *w*), where *l* is the number of lines, *p* of products and
  ///   *w* the words of a name.
  public func excludedProducts(in log: OrderLog) -> [String: String] {
    var reasons: [String: String] = [:]
    let repeatBuyers = exclusions.minimumRepeatBuyers > 0 ? Self.repeatBuyerCounts(in: log, clock: options.clock) : []
    for (number, product) in log.products.enumerated() {
      if let reason = exclusions.reasonForExcluding(product) {
        reasons[product.id] = reason
      } else if exclusions.minimumRepeatBuyers > 0, repeatBuyers[number] < exclusions.minimumRepeatBuyers {
        reasons[product.id] =
          "bought on two or more days by \(repeatBuyers[number]) customer(s); \(exclusions.minimumRepeatBuyers) needed"
      }
    }
    return reasons
  }

  /// Per product number, the customers who bought it (as a purchase) on two or more days.
  static func repeatBuyerCounts(in log: OrderLog, clock: DayClock) -> [Int] {
    var counts = [Int](repeating: 0, count: log.products.count)
    var firstDay = [Int](repeating: Int.min, count: log.products.count)
    var counted = [Bool](repeating: false, count: log.products.count)
    var touched: [Int] = []
    for customer in 0..<log.customerCount {
      for index in log.orderIndices(ofCustomerNumber: customer) {
        let order = Int(index)
        guard log.orderIsPurchase[order] else { continue }
        let day = clock.day(ofSeconds: log.orderTimes[order])
        for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1])
        where log.lineQuantities[line] > 0 {
          let product = Int(log.lineProducts[line])
          if firstDay[product] == Int.min {
            firstDay[product] = day
            touched.append(product)
          } else if firstDay[product] != day && !counted[product] {
            counted[product] = true
            counts[product] += 1
          }
        }
      }
      for product in touched {
        firstDay[product] = Int.min
        counted[product] = false
      }
      touched.removeAll(keepingCapacity: true)
    }
    return counts
  }
}

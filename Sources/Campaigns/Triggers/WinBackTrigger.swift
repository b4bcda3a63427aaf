public import Foundation

/// Wins back customers who have lapsed.
///
/// A customer with purchase days at their own cadence *c* (the median gap between purchases,
/// with two or more purchases) lapses at twice the cadence after the last purchase, clamped to
/// ``minimumDays``...``maximumDays`` (default 90...180, REFERENCES.md); a one-time buyer lapses at
/// ``singlePurchaseDays`` (default 120). Sends once per lapse; ordering again starts over.
///
/// ```swift
/// let trigger = WinBackTrigger(cadenceMultiple: 2, minimumDays: 60, maximumDays: 150)
/// ```
public struct WinBackTrigger: MessageTrigger {
  /// The multiple of the own cadence.
  public var cadenceMultiple: Double
  /// The shortest lapse, in days.
  public var minimumDays: Double
  /// The longest lapse, in days.
  public var maximumDays: Double
  /// The lapse of one-time buyers, in days.
  public var singlePurchaseDays: Double
  /// The channel.
  public var channel: Channel

  /// Creates the trigger.
  ///
  /// - Parameters:
  ///   - cadenceMultiple: The multiple of the own cadence (default 2).
  ///   - minimumDays: The shortest lapse (default 90).
  ///   - maximumDays: The longest lapse (default 180).
  ///   - singlePurchaseDays: The lapse of one-time buyers (default 120).
  ///   - channel: The channel (default email).
  public init(
    cadenceMultiple: Double = 2, minimumDays: Double = 90, maximumDays: Double = 180, singlePurchaseDays: Double = 120,
    channel: Channel = .email
  ) {
    precondition(minimumDays <= maximumDays, "the lapse range is empty")
    self.cadenceMultiple = cadenceMultiple
    self.minimumDays = minimumDays
    self.maximumDays = maximumDays
    self.singlePurchaseDays = singlePurchaseDays
    self.channel = channel
  }

  /// `win-back`.
  public var name: String { "win-back" }

  /// The lapse in days after the last purchase for purchase times, oldest first.
  ///
  /// - Parameter times: The purchase times.
  public func lapseDays(for times: [Date]) -> Double {
    guard times.count >= 2 else { return singlePurchaseDays }
    let gaps = (1..<times.count).map { times[$0].timeIntervalSince(times[$0 - 1]) / 86_400 }.sorted()
    let middle = gaps.count / 2
    let cadence = gaps.count % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2  // the median gap
    return Swift.min(maximumDays, Swift.max(minimumDays, cadenceMultiple * cadence))
  }

  /// One message per lapsed customer, at the lapse date.
  ///
  /// - Complexity: O(*n*), where *n* is the number of purchases.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    context.purchasingCustomers.compactMap { customer in
      let times = context.purchaseTimes(ofCustomer: customer)
      guard let last = times.last else { return nil }
      let days = lapseDays(for: times)
      let sendAt = last.addingTimeInterval(days * 86_400)
      // Proposals a week before the window are dropped before picking products (the planner
      // would drop them anyway, unless its catch-up is longer than a week).
      guard sendAt >= context.window.lowerBound.addingTimeInterval(-7 * 86_400), sendAt < context.window.upperBound,
        !context.sentMessages(to: customer).contains(where: { $0.kind == .winBack && $0.time >= last })
      else { return nil }
      return PlannedMessage(
        customer: customer, kind: .winBack, channel: channel, sendAt: sendAt,
        products: context.recommendedProducts(for: customer),
        reason:
          "no order for \(formatted(days)) days since \(isoDay(last)) (\(times.count >= 2 ? "twice the own cadence, clamped" : "one order only"))"
      )
    }
  }
}

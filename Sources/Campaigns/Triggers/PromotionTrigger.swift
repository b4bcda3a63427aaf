public import Foundation

/// A promotion to an audience, with a resend to those who did not open it.
///
/// The first send goes at ``sendAt`` to every customer of the audience (`nil`: every customer
/// with purchases) not yet sent message ``id``. The resend goes ``resendAfter`` (default 2 days)
/// after a customer's first send when no human opened it (machine opens, such as mail privacy
/// proxies, do not count); the resend carries the id `<id>-resend`.
///
/// ```swift
/// let sale = PromotionTrigger(id: "summer-sale", sendAt: saleStart, products: ["BEANS-250"])
/// ```
public struct PromotionTrigger: MessageTrigger {
  /// The message id of the promotion.
  public var id: String
  /// When the first send goes.
  public var sendAt: Date
  /// The customers to reach, or `nil` for every customer with purchases.
  public var audience: Set<String>?
  /// The featured product ids.
  public var products: [String]
  /// The wait from a send to the resend, in seconds.
  public var resendAfter: TimeInterval
  /// The channel.
  public var channel: Channel

  /// Creates the promotion.
  ///
  /// - Parameters:
  ///   - id: The message id.
  ///   - sendAt: The first send.
  ///   - audience: The customers, or `nil` for all with purchases.
  ///   - products: The featured products.
  ///   - resendAfter: Seconds to the resend (default 2 days).
  ///   - channel: The channel (default email).
  public init(
    id: String, sendAt: Date, audience: Set<String>? = nil, products: [String] = [],
    resendAfter: TimeInterval = 2 * 86_400, channel: Channel = .email
  ) {
    self.id = id
    self.sendAt = sendAt
    self.audience = audience
    self.products = products
    self.resendAfter = resendAfter
    self.channel = channel
  }

  /// `promotion <id>`.
  public var name: String { "promotion \(id)" }

  /// First sends and resends.
  ///
  /// - Complexity: O(*c* + *e*), where *c* is the number of customers and *e* of events.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    let customers = audience.map { $0.sorted() } ?? context.purchasingCustomers
    return customers.compactMap { customer in
      let events = context.events.events(ofCustomer: customer).filter { $0.time <= context.asOf }
      let first = events.first { event in
        if case .messageSent(let message) = event.kind { return message.id == id }
        return false
      }
      guard let first else {
        return PlannedMessage(
          customer: customer, kind: .promotion, channel: channel, sendAt: sendAt, products: products,
          reason: "promotion \(id)", id: id)
      }
      let resent = events.contains { event in
        if case .messageSent(let message) = event.kind { return message.id == id + "-resend" }
        return false
      }
      let opened = events.contains { event in
        if case .opened(let message, let isMachineOpen) = event.kind { return message.id == id && !isMachineOpen }
        return false
      }
      guard !resent, !opened else { return nil }
      return PlannedMessage(
        customer: customer, kind: .promotionResend, channel: channel,
        sendAt: first.time.addingTimeInterval(resendAfter),
        products: products,
        reason: "promotion \(id) sent on \(isoTime(first.time)) was not opened (machine opens ignored)",
        id: id + "-resend")
    }
  }
}

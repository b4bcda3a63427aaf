public import Foundation

/// The post-purchase series: thank you, shipping and delivery updates, a delay notice, a review
/// request after delivery and related products.
///
/// The thank-you, shipping, delay and delivery messages are transactional (no marketing consent
/// needed, no frequency cap) and go at the event. The review request goes ``reviewDelay`` after
/// delivery (default 7 days), the related-products message ``relatedProductsDelay`` after it
/// (default 14 days, products from the context's recommender); both are marketing and exit when
/// the customer ordered again since the delivery. Each message goes once per order.
///
/// ```swift
/// let trigger = PostPurchaseTrigger(reviewDelay: 10 * 86_400)
/// ```
public struct PostPurchaseTrigger: MessageTrigger {
  /// The wait from delivery to the review request, in seconds.
  public var reviewDelay: TimeInterval
  /// The wait from delivery to the related-products message, in seconds.
  public var relatedProductsDelay: TimeInterval
  /// The channel.
  public var channel: Channel

  /// Creates the series.
  ///
  /// - Parameters:
  ///   - reviewDelay: Delivery to review request, in seconds (default 7 days).
  ///   - relatedProductsDelay: Delivery to related products, in seconds (default 14 days).
  ///   - channel: The channel (default email).
  public init(
    reviewDelay: TimeInterval = 7 * 86_400, relatedProductsDelay: TimeInterval = 14 * 86_400, channel: Channel = .email
  ) {
    self.reviewDelay = reviewDelay
    self.relatedProductsDelay = relatedProductsDelay
    self.channel = channel
  }

  /// `post-purchase`.
  public var name: String { "post-purchase" }

  /// The series' messages of every order with events.
  ///
  /// - Complexity: O(*e*), where *e* is the number of events.
  public func messages(in context: CampaignContext) -> [PlannedMessage] {
    var result: [PlannedMessage] = []
    for customer in context.events.customerIDs {
      let events = context.events.events(ofCustomer: customer).filter { $0.time <= context.asOf }
      let sent = Set(context.sentMessages(to: customer).map(\.id))
      var productsOfOrder: [String: [String]] = [:]
      for event in events {
        func message(
          _ kind: MessageKind, _ order: String, at time: Date, reason: String, marketing: Bool = false,
          products: [String]? = nil
        ) {
          // Messages of the series carry the id `<kind>:<order>`, so a sent one is not repeated.
          guard !sent.contains("\(kind.rawValue):\(order)") else { return }
          result.append(
            PlannedMessage(
              customer: customer, kind: kind, channel: channel, sendAt: time,
              products: products ?? productsOfOrder[order] ?? [],
              reason: reason, isMarketing: marketing, id: "\(kind.rawValue):\(order)"))
        }
        switch event.kind {
        case .orderPlaced(let order, let products):
          productsOfOrder[order] = products
          message(.thankYou, order, at: event.time, reason: "placed order \(order)")
        case .shipped(let order):
          message(.shippingUpdate, order, at: event.time, reason: "order \(order) shipped")
        case .delayed(let order):
          message(.delayNotice, order, at: event.time, reason: "order \(order) is delayed")
        case .delivered(let order):
          message(.deliveryUpdate, order, at: event.time, reason: "order \(order) was delivered")
          guard !context.hasOrdered(customer, after: event.time) else { break }
          message(
            .reviewRequest, order, at: event.time.addingTimeInterval(reviewDelay),
            reason: "order \(order) was delivered on \(isoDay(event.time)): ask for a review", marketing: true)
          let related = context.recommendedProducts(for: customer)
          if !related.isEmpty {
            message(
              .relatedProducts, order, at: event.time.addingTimeInterval(relatedProductsDelay),
              reason: "goes with order \(order)", marketing: true, products: related)
          }
        default: break
        }
      }
    }
    return result
  }
}

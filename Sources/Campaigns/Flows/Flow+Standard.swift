import Foundation

extension Flow {
  /// The built-in flows with their defaults, most important first: the transactional order
  /// notices, abandoned checkout, abandoned cart, browse abandonment, the satisfaction survey,
  /// post-purchase, then the flows driven by orders and subscriptions (replenishment, the
  /// second-purchase nudge, the guest registration invite, lead nurture, win-back, the VIP call
  /// list; see `Flow+OrderFlows.swift`), then the promotions.
  ///
  /// | flow | entry | steps | exits |
  /// |---|---|---|---|
  /// | `order-shipped`, `order-delayed`, `order-delivered` | the order event | a transactional notice at once | none |
  /// | `abandoned-checkout` | `checkout_started` | 1 h, 24 h, 72 h | an order, a newer checkout, unsubscribed |
  /// | `abandoned-cart` | `added_to_cart` | 4 h, 48 h | an order, a checkout, a newer addition, unsubscribed |
  /// | `browse-abandonment` | two views of one product | 24 h | an order, a checkout, an addition, unsubscribed |
  /// | `satisfaction-survey` | `delivered` | 14 days; at most once in 90 days | unsubscribed |
  /// | `post-purchase` | `delivered` | review request 7 days, related products 14 days | an order, unsubscribed |
  /// | `replenishment` | a run-out (``ReplenishmentTrigger``) | 7 days before it | unsubscribed; buying again moves it |
  /// | `second-purchase-nudge` | a first order | 21 days; 45 days with an incentive | an order, unsubscribed |
  /// | `guest-registration` | a guest order | 2 days, with an incentive | `account_created`, unsubscribed |
  /// | `lead-nurture` | `subscribed` without an order | 1, 4, 10 days | an order, unsubscribed |
  /// | `win-back` | the last order | 2× and 3× the person's median gap (120 and 180 days for one order) | an order, unsubscribed |
  /// | `vip-outreach` | the top 10 by 365-day revenue, business buyers first | a call (phone consent needed), at most every 90 days | |
  /// | a promotion | its start | see ``PromotionTrigger`` | an order, unsubscribed |
  ///
  /// Marketing flows hold out 10 % as their control group; the notices hold out nobody. The
  /// survey and the related products are both due 14 days after delivery: the survey, listed
  /// first, goes, and the frequency cap skips the related products that day.
  ///
  /// ```swift
  /// var flows = Flow.standardFlows(promotions: [sale])
  /// flows.removeAll { $0.name == "browse-abandonment" }
  /// ```
  ///
  /// - Parameter promotions: Promotions to add at the end.
  /// - Returns: The flows.
  public static func standardFlows(promotions: [PromotionTrigger] = []) -> [Flow] {
    [
      .orderUpdate(.shipped), .orderUpdate(.delayed), .orderUpdate(.delivered), .abandonedCheckout(), .abandonedCart(),
      .browseAbandonment(), .satisfactionSurvey(), .postPurchase(), .replenishment(), .secondPurchaseNudge(),
      .guestRegistration(), .leadNurture(), .winBack(), .vipOutreach(),
    ] + promotions.map { .promotion($0) }
  }

  /// A transactional notice on an order event (`order-shipped`: `shipping-notice`,
  /// `order-delayed`: `delay-notice`, `order-delivered`: `delivery-notice`), with the order's
  /// products; no exits, no control group.
  ///
  /// - Parameter update: The order event.
  /// - Returns: The flow.
  public static func orderUpdate(_ update: PostPurchaseTrigger.OrderUpdate) -> Flow {
    let content =
      switch update {
      case .shipped: "shipping-notice"
      case .delayed: "delay-notice"
      case .delivered: "delivery-notice"
      }
    let trigger = PostPurchaseTrigger(on: update)
    return Flow(
      name: trigger.name, trigger: trigger, steps: [FlowStep(wait: 0, content: content, isTransactional: true)],
      exits: [], controlShare: 0)
  }

  /// `abandoned-checkout`: reminders 1, 24 and 72 hours after a checkout started, until the
  /// person orders or starts a newer checkout.
  ///
  /// - Returns: The flow.
  public static func abandonedCheckout() -> Flow {
    Flow(
      name: "abandoned-checkout", trigger: AbandonedCheckoutTrigger(),
      steps: [1.0, 24, 72].map { FlowStep(wait: $0 * 3_600, content: "checkout-reminder") },
      exits: [.ordered, .startedCheckout, .unsubscribed])
  }

  /// `abandoned-cart`: reminders 4 and 48 hours after the latest cart addition, until the
  /// person checks out or orders.
  ///
  /// - Returns: The flow.
  public static func abandonedCart() -> Flow {
    Flow(
      name: "abandoned-cart", trigger: AbandonedCartTrigger(),
      steps: [4.0, 48].map { FlowStep(wait: $0 * 3_600, content: "cart-reminder") },
      exits: [.ordered, .startedCheckout, .event("added_to_cart"), .unsubscribed])
  }

  /// `browse-abandonment`: one reminder 24 hours after two views of one product by an
  /// identified person, unless they add to the cart, check out or order.
  ///
  /// - Returns: The flow.
  public static func browseAbandonment() -> Flow {
    Flow(
      name: "browse-abandonment", trigger: BrowseAbandonmentTrigger(),
      steps: [FlowStep(wait: 24 * 3_600, content: "browse-reminder", productCount: 1)],
      exits: [.ordered, .startedCheckout, .event("added_to_cart"), .unsubscribed])
  }

  /// `post-purchase`: a review request of the order's products 7 days after delivery, and
  /// related products (the recommender's picks) 14 days after it, until the person orders again.
  ///
  /// - Returns: The flow.
  public static func postPurchase() -> Flow {
    Flow(
      name: "post-purchase", trigger: PostPurchaseTrigger(on: .delivered),
      steps: [
        FlowStep(wait: 7 * 86_400, content: "review-request"),
        FlowStep(wait: 14 * 86_400, content: "related-products", products: .recommendations),
      ])
  }

  /// `satisfaction-survey`: a survey 14 days after delivery, at most once per person in 90 days.
  ///
  /// - Returns: The flow.
  public static func satisfactionSurvey() -> Flow {
    Flow(
      name: "satisfaction-survey", trigger: PostPurchaseTrigger(on: .delivered),
      steps: [FlowStep(wait: 14 * 86_400, content: "satisfaction-survey", productCount: 0)], exits: [.unsubscribed],
      reentryInterval: 90 * 86_400)
  }

  /// A promotion's flow: its ``PromotionTrigger/steps``, ending for buyers and for people who
  /// unsubscribe.
  ///
  /// - Parameters:
  ///   - promotion: The promotion.
  ///   - controlShare: The control group's share (default 10 %).
  /// - Returns: The flow, named after the promotion.
  public static func promotion(_ promotion: PromotionTrigger, controlShare: Double = 0.1) -> Flow {
    Flow(
      name: promotion.name, trigger: promotion, steps: promotion.steps, exits: [.ordered, .unsubscribed],
      controlShare: controlShare)
  }
}

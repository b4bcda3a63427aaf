import Foundation

/// Starts the abandoned-cart flow: every `added_to_cart` event of an identified person.
///
/// Each addition is an entry (key `cart:<seconds since 1970>`) featuring the cart: the
/// products added since the person's last checkout or purchase, up to the addition (in the
/// order added, each once). With the flow's exits (a later addition, a checkout, an order) the
/// reminders wait from the latest addition and stop when the person checks out or orders.
///
/// ```swift
/// let flow = Flow(
///   name: "abandoned-cart", trigger: AbandonedCartTrigger(),
///   steps: [FlowStep(wait: 4 * 3_600, content: "cart-reminder")],
///   exits: [.ordered, .startedCheckout, .event("added_to_cart")])
/// ```
public struct AbandonedCartTrigger: CampaignTrigger {
  /// Creates the trigger.
  public init() {}

  /// `abandoned-cart`.
  public var name: String { "abandoned-cart" }

  /// One entry per addition at the context's entry times, by the planning instant.
  ///
  /// - Parameter context: The events, orders and window.
  /// - Returns: The entries.
  /// - Complexity: O(log *e* + *r* + *k*), where *e* is the number of events, *r* the additions
  ///   at the entry times and *k* the events of the people who added to a cart then.
  public func entries(in context: CampaignContext) -> [FlowEntry] {
    var people: Set<String> = []
    for position in context.entryPositions(named: .addedToCart) {
      if let person = context.events.customerID(at: Int(position)) { people.insert(person) }
    }
    return people.flatMap { entries(of: $0, in: context) }
  }

  private func entries(of person: String, in context: CampaignContext) -> [FlowEntry] {
    let events = context.knownEvents(of: person)
    var resets = context.purchaseTimes(ofCustomer: person)
    var additions: [(time: Date, product: String)] = []
    for event in events {
      switch event.kind {
      case .addedToCart(let product): additions.append((event.time, product))
      case .checkoutStarted: resets.append(event.time)
      default: break
      }
    }
    // Additions at one instant in product order, whatever the order of the input.
    additions.sort { ($0.time, $0.product) < ($1.time, $1.product) }
    resets.sort()
    var result: [FlowEntry] = []
    for (index, addition) in additions.enumerated() where context.isEntryTime(addition.time) {
      // Additions at one instant are one entry, with the cart as of that instant.
      if index + 1 < additions.count && additions[index + 1].time == addition.time { continue }
      let reset = resets.last { $0 < addition.time } ?? .distantPast
      var cart: [String] = []
      for earlier in additions[...index] where earlier.time > reset && !cart.contains(earlier.product) {
        cart.append(earlier.product)
      }
      result.append(
        FlowEntry(
          person: person, time: addition.time, key: "cart:\(wholeSeconds(addition.time))", products: cart,
          reason:
            "left \(cart.count) product\(cart.count == 1 ? "" : "s") in the cart on \(isoTime(addition.time)), no checkout or order since"
        ))
    }
    return result
  }
}

public import Foundation

/// A person entering a flow: who, when, about what, and why.
///
/// A ``CampaignTrigger`` finds the entries known at the planning instant; the flow's steps are
/// due at the entry time plus each step's wait, unless the trigger sets the due times itself
/// (``stepTimes``: a win-back at two and three times the person's own gap between orders, a
/// promotion's last-day reminder).
///
/// ```swift
/// let entry = FlowEntry(
///   person: "p-17", time: checkoutTime, key: "checkout:1718000000", products: ["BEANS-250"],
///   reason: "started a checkout on 2024-06-10 09:13 UTC")
/// ```
public struct FlowEntry: Sendable, Hashable, Codable {
  /// The person (a customer id of the person-keyed order log).
  public var person: String
  /// The entry instant; steps wait from here.
  public var time: Date
  /// What the entry is about, unique per person within the flow (the checkout's time, the
  /// order id, the product that runs out): message ids are built from it, so that one entry's
  /// step is never planned twice.
  public var key: String
  /// The products the entry is about (the cart, the checkout, the product that runs out).
  public var products: [String]
  /// Why the person entered, in words.
  public var reason: String
  /// The due time of each step, when the trigger sets them; `nil`: the entry time plus each
  /// step's wait.
  public var stepTimes: [Date]?

  /// Creates an entry.
  ///
  /// - Parameters:
  ///   - person: The person.
  ///   - time: The entry instant.
  ///   - key: What the entry is about, unique per person within the flow.
  ///   - products: The products it is about.
  ///   - reason: Why, in words.
  ///   - stepTimes: The due time of each step, or `nil` for the entry time plus the waits.
  public init(
    person: String, time: Date, key: String, products: [String] = [], reason: String, stepTimes: [Date]? = nil
  ) {
    self.person = person
    self.time = time
    self.key = key
    self.products = products
    self.reason = reason
    self.stepTimes = stepTimes
  }
}

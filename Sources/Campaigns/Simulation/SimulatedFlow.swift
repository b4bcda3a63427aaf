public import Foundation

/// A flow of the simulated shop: who enters it and when, how its message fares, its control
/// group, and the purchases it causes.
///
/// **Who enters.** ``entry`` finds each customer's entry time s from their *organic* history
/// (what they would have done with no messages at all, see ``ShopSimulator``); people must be
/// subscribed to ``channel`` at s, and the whole conversion window must lie in the history
/// (s + ``conversionWindow`` ≤ the end), so that no outcome is cut off. A person enters a flow at
/// most once (their first qualifying entry), and the flow has one step (step 1).
///
/// **Control group.** Each entrant is held out with probability ``controlShare`` (a `held_out`
/// event at s); the others are treated (a `message_sent` at s, then `message_delivered` with
/// probability ``deliveryRate`` or else `bounced`; of the delivered, a machine open with
/// probability ``machineOpenRate`` within two minutes, a human open with probability
/// ``openRate`` after an exponential wait of mean 4 hours, and of the human openers a click with
/// probability ``clickRate`` after a wait of mean 10 minutes).
///
/// **The known effect.** Every entrant, treated or held out, draws E ~ Bernoulli(``causedPurchaseProbability``),
/// a time uniform between one hour after s and the end of the window, and an order value from
/// their own spend model. A treated person with E = 1 places that extra order (with its browsing
/// session, delivery events and lines from their favourite category); their message is then
/// always delivered, opened by a human and clicked before it. A held-out person with E = 1 does
/// not: E says what the message would have done. The truth (``SimulationTruth/FlowTruth``) follows
/// from both potential outcomes, which the simulator knows for everyone.
///
/// ```swift
/// let nudge = SimulatedFlow(
///   name: "second-purchase-nudge", entry: .afterFirstOrder(days: 21), controlShare: 0.5,
///   causedPurchaseProbability: 0.05)
/// ```
public struct SimulatedFlow: Sendable, Hashable, Codable {
  /// When a customer enters the flow.
  public enum Entry: Sendable, Hashable, Codable {
    /// The given number of days after the first order, when there was no repeat purchase by then
    /// (the second-purchase nudge).
    case afterFirstOrder(days: Double)
    /// The given number of hours after an abandoned checkout (a checkout start with no order
    /// until then).
    case afterAbandonedCheckout(hours: Double)
    /// At the given instant, for everyone whose first order is before it (a promotion). Name
    /// promotion flows `promotion...` so that ``Attribution`` counts them as campaigns.
    case campaign(at: Date)
  }

  /// The flow's name, the `flow` of its message events (not empty).
  public var name: String
  /// When a customer enters.
  public var entry: Entry
  /// The channel of the message; entrants must be subscribed to it.
  public var channel: Channel
  /// The chance of being held out, in `0...1`.
  public var controlShare: Double
  /// The chance that the message causes an extra purchase in the conversion window, in `0...1`.
  public var causedPurchaseProbability: Double
  /// How long after the entry a purchase counts as a conversion, in seconds, at least an hour.
  public var conversionWindow: TimeInterval
  /// The chance that a sent message is delivered, in `0...1`.
  public var deliveryRate: Double
  /// The chance that a delivered message is opened by a person, in `0...1`.
  public var openRate: Double
  /// The chance that a delivered message is opened by a machine (a privacy proxy), in `0...1`.
  public var machineOpenRate: Double
  /// The chance that a person who opened the message clicks it, in `0...1`.
  public var clickRate: Double

  /// Creates a flow.
  ///
  /// - Parameters:
  ///   - name: The flow's name (not empty).
  ///   - entry: When a customer enters.
  ///   - channel: The channel (default email).
  ///   - controlShare: The held-out share, 0...1 (default 0.1).
  ///   - causedPurchaseProbability: The chance of a caused purchase, 0...1.
  ///   - conversionWindow: Seconds after the entry, at least 3,600 (default 7 days).
  ///   - deliveryRate: Default 0.98.
  ///   - openRate: Human opens among the delivered (default 0.35).
  ///   - machineOpenRate: Machine opens among the delivered (default 0.3).
  ///   - clickRate: Clicks among human openers (default 0.2).
  public init(
    name: String, entry: Entry, channel: Channel = .email, controlShare: Double = 0.1,
    causedPurchaseProbability: Double, conversionWindow: TimeInterval = 7 * 86_400, deliveryRate: Double = 0.98,
    openRate: Double = 0.35, machineOpenRate: Double = 0.3, clickRate: Double = 0.2
  ) {
    self.name = name
    self.entry = entry
    self.channel = channel
    self.controlShare = controlShare
    self.causedPurchaseProbability = causedPurchaseProbability
    self.conversionWindow = conversionWindow
    self.deliveryRate = deliveryRate
    self.openRate = openRate
    self.machineOpenRate = machineOpenRate
    self.clickRate = clickRate
  }

  /// Why the flow is out of range, or `nil` when it is valid.
  var invalidReason: String? {
    if name.isEmpty { return "a flow needs a name" }
    let fractions: [(String, Double)] = [
      ("controlShare", controlShare), ("causedPurchaseProbability", causedPurchaseProbability),
      ("deliveryRate", deliveryRate), ("openRate", openRate), ("machineOpenRate", machineOpenRate),
      ("clickRate", clickRate),
    ]
    if let bad = fractions.first(where: { !(0...1).contains($0.1) }) { return "\(name): \(bad.0) must be in 0...1" }
    if !(conversionWindow >= 3_600 && conversionWindow.isFinite) {
      return "\(name): the conversion window must be at least an hour"
    }
    switch entry {
    case .afterFirstOrder(let days) where !(days >= 0 && days.isFinite): return "\(name): the entry delay must be >= 0"
    case .afterAbandonedCheckout(let hours) where !(hours >= 0 && hours.isFinite):
      return "\(name): the entry delay must be >= 0"
    default: return nil
    }
  }
}

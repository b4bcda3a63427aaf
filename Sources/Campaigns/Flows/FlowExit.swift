/// What takes a person out of a flow before its remaining steps: something that happened after
/// the entry and by the planning instant.
///
/// ```swift
/// let exits: [FlowExit] = [.ordered, .startedCheckout, .event("added_to_cart"), .unsubscribed]
/// ```
public enum FlowExit: Sendable, Hashable, Codable {
  /// The person ordered since the entry.
  case ordered
  /// The person started a checkout since the entry (for the abandoned checkout: a newer
  /// checkout, which enters the flow itself).
  case startedCheckout
  /// The person withdrew consent on the step's channel since the entry.
  case unsubscribed
  /// An event of this kind (its file name, for example `account_created`) happened since the
  /// entry: the flow's goal was reached.
  case event(String)
}

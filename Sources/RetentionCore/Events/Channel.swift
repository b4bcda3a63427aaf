/// A way to reach a customer.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
  /// Email.
  case email
  /// Text message.
  case sms
  /// A phone call by the shop's staff.
  case phone
  /// A push notification of the shop's app.
  case push
}

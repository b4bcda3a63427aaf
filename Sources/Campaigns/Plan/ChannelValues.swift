/// At most one value per channel, stored inline: a person's latest consent statement or
/// message per channel without a dictionary (and its allocation) per person.
struct ChannelValues<Value> {
  private var email: Value?
  private var sms: Value?
  private var phone: Value?
  private var push: Value?

  /// The value of a channel, or `nil`.
  subscript(channel: Channel) -> Value? {
    get {
      switch channel {
      case .email: email
      case .sms: sms
      case .phone: phone
      case .push: push
      }
    }
    set {
      switch channel {
      case .email: email = newValue
      case .sms: sms = newValue
      case .phone: phone = newValue
      case .push: push = newValue
      }
    }
  }
}

extension ChannelValues: Sendable where Value: Sendable {}

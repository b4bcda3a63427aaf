extension Order {
  /// Multiplies every amount of the order (its total, its refunds and its line prices) by an
  /// exchange rate.
  mutating func convert(by rate: Double) {
    total = total.map { $0 * rate }
    switch status {
    case .refunded(let amount): status = .refunded(amount: amount * rate)
    case .partiallyRefunded(let amount): status = .partiallyRefunded(amount: amount * rate)
    case .paid, .pending, .cancelled, .voided: break
    }
    for index in lines.indices { lines[index].unitPrice *= rate }
  }
}

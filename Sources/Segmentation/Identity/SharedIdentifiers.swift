import _RetentionSupport

/// The rule that keeps shared identifiers from linking people.
///
/// An email, phone or customer id used on orders with more distinct names than ``DeterministicIdentityResolver/Configuration/maximumNamesPerIdentifier``
/// (a company inbox or switchboard used by colleagues), or with more distinct customer ids than
/// ``DeterministicIdentityResolver/Configuration/maximumCustomerIDsPerIdentifier``, is not
/// personal and links nothing. Name-and-address values are not checked (they contain the name).
enum SharedIdentifiers {
  /// Why an identifier value is not personal, or `nil` when it is.
  ///
  /// - Parameters:
  ///   - distinctNames: The number of distinct normalised names on the value's orders.
  ///   - distinctCustomerIDs: The number of distinct customer ids on the value's orders.
  static func reasonNotPersonal(
    distinctNames: Int, distinctCustomerIDs: @autoclosure () -> Int,
    configuration: DeterministicIdentityResolver.Configuration
  ) -> String? {
    if distinctNames > configuration.maximumNamesPerIdentifier {
      return "used by \(distinctNames) different names (shared, not personal)"
    }
    let ids = distinctCustomerIDs()
    if ids > configuration.maximumCustomerIDsPerIdentifier { return "used by \(ids) customer ids" }
    return nil
  }

  /// The third step of resolution: which keys are personal, and the ignored values.
  ///
  /// The ignored values are sorted by kind and value. The keys are checked in halves, in parallel.
  static func personalKeys(
    _ keys: IdentifierKeys, ordersOfKey: InvertedIndex, log: OrderLog,
    configuration: DeterministicIdentityResolver.Configuration
  ) -> (usable: [Bool], ignored: [IdentityResolution.IgnoredIdentifier]) {
    let checked = 0..<keys.keys(of: .nameAndAddress).lowerBound
    // A single order has at most one name and one customer id, so it can only break maxima below 1.
    let checksSingleOrders =
      configuration.maximumNamesPerIdentifier < 1 || configuration.maximumCustomerIDsPerIdentifier < 1
    let referenceOfOrder = log.orderReferenceIndices
    let parts = ParallelWork.halves(checked.count, minimum: 10_000)
    let results = ParallelWork.map(parts.count) { part in
      var usable = [Bool](repeating: true, count: parts[part].count)
      var ignored: [(kind: IdentifierKind, value: String, reason: String)] = []
      for key in parts[part]
      where ordersOfKey.count(ofKey: key) > 1 || (checksSingleOrders && ordersOfKey.count(ofKey: key) == 1) {
        let orders = ordersOfKey.range(ofKey: key)
        let names = distinctCount(ordersOfKey.items, orders) { keys.nameOfReference[Int(referenceOfOrder[Int($0)])] }
        let reason = reasonNotPersonal(
          distinctNames: names,
          distinctCustomerIDs: distinctCount(ordersOfKey.items, orders) { log.orderCustomers[Int($0)] },
          configuration: configuration)
        if let reason {
          usable[key - parts[part].lowerBound] = false
          ignored.append((keys.kind(ofKey: key), keys.value(ofKey: key), reason))
        }
      }
      return (usable, ignored)
    }
    var usable = results.flatMap(\.0)
    usable.append(contentsOf: repeatElement(true, count: keys.count - checked.count))
    let ignored = results.flatMap(\.1).sorted { ($0.kind.rawValue, $0.value) < ($1.kind.rawValue, $1.value) }
    return (usable, ignored.map { .init(identifier: $0.kind.label, value: $0.value, reason: $0.reason) })
  }

  /// The number of distinct non-negative values among some orders, found without hashing when
  /// the orders share one value (the common case).
  private static func distinctCount(_ orders: [Int32], _ range: Range<Int>, value: (Int32) -> Int32) -> Int {
    var first: Int32 = -1
    for position in range {
      let candidate = value(orders[position])
      if candidate < 0 { continue }
      if first < 0 {
        first = candidate
      } else if candidate != first {
        var values: Set<Int32> = []
        for position in range where value(orders[position]) >= 0 { values.insert(value(orders[position])) }
        return values.count
      }
    }
    return first < 0 ? 0 : 1
  }
}

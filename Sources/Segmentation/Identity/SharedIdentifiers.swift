import _RetentionSupport

/// The rule that keeps shared identifiers from linking people.
///
/// An email, phone or customer id is shared, not personal, and links nothing when the names on
/// its orders are more people than ``DeterministicIdentityResolver/Configuration/maximumNamesPerIdentifier``
/// (a company inbox used by colleagues, a family's phone), or when it is used with more distinct
/// customer ids than ``DeterministicIdentityResolver/Configuration/maximumCustomerIDsPerIdentifier``.
/// Names that may be one person writing their name in several ways count as one person
/// (`NameVariants.swift`), unless ``DeterministicIdentityResolver/Configuration/matchesNameVariants``
/// is off, when every distinct name counts. Name-and-address values are not checked (they
/// contain the name).
enum SharedIdentifiers {
  /// What the rule decided about one identifier value.
  enum Decision: Equatable {
    /// Personal; with several names, why they are one person.
    case personal(reason: String?)
    /// Shared, by which rule, and why.
    case shared(IdentityRule, reason: String)
  }

  /// A key found shared, with the rule and the reason.
  struct SharedKey: Sendable {
    var key: Int32
    var rule: IdentityRule
    var reason: String
  }

  /// The decision about an identifier value.
  ///
  /// - Parameters:
  ///   - distinctNames: The number of distinct normalised names on the value's orders.
  ///   - names: Those names, in order of first use (read only when several names must be
  ///     compared).
  ///   - distinctCustomerIDs: The number of distinct customer ids on the value's orders.
  static func decision(
    distinctNames: Int, names: () -> [String], distinctCustomerIDs: () -> Int,
    configuration: DeterministicIdentityResolver.Configuration
  ) -> Decision {
    let maximum = configuration.maximumNamesPerIdentifier
    var personalReason: String?
    if !configuration.matchesNameVariants {
      if distinctNames > maximum {
        return .shared(
          .sharedByDifferentPeople, reason: "used by \(distinctNames) different names (shared, not personal)")
      }
    } else if distinctNames > 1 || distinctNames > maximum {
      let names = names()
      let people = NameVariants.people(among: names, limit: maximum)
      if people.groups.count > maximum {
        var reason = "used by \(names.count) names of at least \(people.groups.count) different people"
        if let split = people.split {
          reason += " (\"\(names[split.first])\" and \"\(names[split.second])\": \(split.reason))"
        }
        return .shared(.sharedByDifferentPeople, reason: reason + "; shared, not personal")
      }
      if names.count > 1 {
        let ways = people.differences.isEmpty ? "spelling" : people.differences.joined(separator: ", ")
        personalReason = "names of one person (\(ways)): " + names.map { "\"\($0)\"" }.joined(separator: ", ")
      }
    }
    let ids = distinctCustomerIDs()
    if ids > configuration.maximumCustomerIDsPerIdentifier {
      return .shared(.tooManyCustomerIDs, reason: "used by \(ids) customer ids")
    }
    return .personal(reason: personalReason)
  }

  /// The third step of resolution: which keys are personal, the shared ones (in key order) with
  /// their rule and reason, and why the personal keys with several names are personal.
  ///
  /// The keys are checked in halves, in parallel.
  static func personalKeys(
    _ keys: IdentifierKeys, ordersOfKey: InvertedIndex, log: OrderLog,
    configuration: DeterministicIdentityResolver.Configuration
  ) -> (usable: [Bool], shared: [SharedKey], reasons: [Int32: String]) {
    let checked = 0..<keys.keys(of: .nameAndAddress).lowerBound
    // A single order has at most one name and one customer id, so it can only break maxima below 1.
    let checksSingleOrders =
      configuration.maximumNamesPerIdentifier < 1 || configuration.maximumCustomerIDsPerIdentifier < 1
    let referenceOfOrder = log.orderReferenceIndices
    let nameOfReference = keys.nameOfReference
    let customerOfOrder = log.orderCustomers
    let items = ordersOfKey.items
    let parts = ParallelWork.halves(checked.count, minimum: 10_000)
    let results = ParallelWork.map(parts.count) { part in
      var usable = [Bool](repeating: true, count: parts[part].count)
      var shared: [SharedKey] = []
      var reasons: [Int32: String] = [:]
      for key in parts[part]
      where ordersOfKey.count(ofKey: key) > 1 || (checksSingleOrders && ordersOfKey.count(ofKey: key) == 1) {
        let orders = ordersOfKey.range(ofKey: key)
        let decision = decision(
          distinctNames: distinctCount(items, orders) { nameOfReference[Int(referenceOfOrder[Int($0)])] },
          names: {
            distinctValues(items, orders) { nameOfReference[Int(referenceOfOrder[Int($0)])] }
              .map { keys.name(number: $0) }
          },
          distinctCustomerIDs: { distinctCount(items, orders) { customerOfOrder[Int($0)] } },
          configuration: configuration)
        switch decision {
        case .personal(let reason):
          if let reason { reasons[Int32(key)] = reason }
        case .shared(let rule, let reason):
          usable[key - parts[part].lowerBound] = false
          shared.append(SharedKey(key: Int32(key), rule: rule, reason: reason))
        }
      }
      return (usable, shared, reasons)
    }
    var usable = results.flatMap(\.0)
    usable.append(contentsOf: repeatElement(true, count: keys.count - checked.count))
    var reasons = results[0].2
    for result in results.dropFirst() { reasons.merge(result.2) { first, _ in first } }
    return (usable, results.flatMap(\.1), reasons)
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

  /// The distinct non-negative values among some orders, in order of first appearance.
  private static func distinctValues(_ orders: [Int32], _ range: Range<Int>, value: (Int32) -> Int32) -> [Int32] {
    var seen: Set<Int32> = []
    var values: [Int32] = []
    for position in range {
      let candidate = value(orders[position])
      if candidate >= 0 && seen.insert(candidate).inserted { values.append(candidate) }
    }
    return values
  }
}

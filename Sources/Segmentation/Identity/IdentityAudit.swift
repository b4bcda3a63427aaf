import Foundation
import _RetentionSupport

/// The last step of resolution: the audit of what was set aside.
///
/// Two kinds of value are set aside. Keys found shared (``SharedIdentifiers``) have a normalised
/// value and their orders in the key index. Values written on orders that have no normalised
/// form at all (a placeholder such as `n/a`, an email without `@`, a phone of zeros, the shop's
/// own address) are found by looking for the written values the normalisers turned down; they
/// are grouped by kind and value as written (trimmed), and their rule and reason come from
/// ``DeterministicIdentityResolver/setAsideReason(of:_:country:)``. Then every order without a
/// person is given the identifiers it carried, each with why it was set aside.
struct IdentityAudit {
  /// Every value set aside, sorted by kind, value and reason, with its orders.
  private(set) var ignored: [IdentityResolution.IgnoredIdentifier] = []
  /// The orders whose identifiers were all set aside, in log order.
  private(set) var ordersSetAside: [IdentityResolution.OrderSetAside] = []

  /// A value without a normalised form, as written, with its orders.
  private struct Unusable {
    var kind: IdentifierKind
    var value: String
    var rule: IdentityRule
    var reason: String
    var orders: [Int32] = []
  }

  init(
    keys: IdentifierKeys, ordersOfKey: InvertedIndex, shared: [SharedIdentifiers.SharedKey],
    personOfOrder: [PersonNumber?], log: OrderLog, resolver: DeterministicIdentityResolver
  ) {
    var unusable: [Unusable] = []
    // Customer ids: placeholders, per customer number.
    var unusableOfCustomer: [Int32: Int] = [:]
    var groupOfValue: [String: Int] = [:]
    for customer in keys.idNumberOfCustomer.indices where keys.idNumberOfCustomer[customer] < 0 {
      let value = log.customerIDs[customer].trimmingCharacters(in: .whitespacesAndNewlines)
      guard !value.isEmpty else { continue }
      let group = Self.group(.customerID, value, raw: log.customerIDs[customer], in: &unusable, &groupOfValue, resolver)
      unusableOfCustomer[Int32(customer)] = group
      unusable[group].orders.append(contentsOf: log.orderIndices(ofCustomerNumber: customer))
    }
    // Emails and phones: per customer reference, then the orders of the references.
    let fieldGroups = Self.unusableFields(of: log.references, keys.fields, resolver, &unusable, &groupOfValue)
    // The groups of the unusable emails and phones of a reference.
    func groupsOfReference(_ reference: Int) -> [Int] {
      let list = fieldGroups.listOfReference.isEmpty ? -1 : fieldGroups.listOfReference[reference]
      return list < 0 ? [] : fieldGroups.lists[Int(list)]
    }
    if !fieldGroups.lists.isEmpty {
      for order in 0..<log.orderCount {
        let list = fieldGroups.listOfReference[Int(log.orderReferenceIndices[order])]
        if list < 0 { continue }
        for group in fieldGroups.lists[Int(list)] { unusable[group].orders.append(Int32(order)) }
      }
    }
    for group in unusable.indices { unusable[group].orders.sort() }
    let orderIDs = log.orderIDs
    var ignored = shared.map { shared in
      (
        kind: keys.kind(ofKey: Int(shared.key)),
        value: IdentityResolution.IgnoredIdentifier(
          identifier: keys.kind(ofKey: Int(shared.key)).label, value: keys.value(ofKey: Int(shared.key)),
          reason: shared.reason, rule: shared.rule,
          orders: ordersOfKey.items(ofKey: Int(shared.key)).map { orderIDs[Int($0)] })
      )
    }
    ignored += unusable.map { value in
      (
        kind: value.kind,
        value: IdentityResolution.IgnoredIdentifier(
          identifier: value.kind.label, value: value.value, reason: value.reason, rule: value.rule,
          orders: value.orders.map { orderIDs[Int($0)] })
      )
    }
    ignored.sort {
      ($0.kind.rawValue, $0.value.value, $0.value.reason) < ($1.kind.rawValue, $1.value.value, $1.value.reason)
    }
    self.ignored = ignored.map(\.value)

    // The orders without a person that carried identifiers.
    var sharedOfKey: [Int32: IdentityResolution.IgnoredIdentifier] = [:]
    for key in shared {
      sharedOfKey[key.key] = .init(
        identifier: keys.kind(ofKey: Int(key.key)).label, value: keys.value(ofKey: Int(key.key)), reason: key.reason,
        rule: key.rule)
    }
    func entry(_ group: Int) -> IdentityResolution.IgnoredIdentifier {
      .init(
        identifier: unusable[group].kind.label, value: unusable[group].value, reason: unusable[group].reason,
        rule: unusable[group].rule)
    }
    for order in personOfOrder.indices where personOfOrder[order] == nil {
      let reference = Int(log.orderReferenceIndices[order])
      let slots = (reference * keys.width)..<((reference + 1) * keys.width)
      var identifiers: [IdentityResolution.IgnoredIdentifier] = []
      let customer = log.orderCustomers[order]
      for slot in slots {
        let key = keys.keyOfReference[slot]
        if key >= 0, let value = sharedOfKey[key] {
          identifiers.append(value)
        } else if slot == slots.lowerBound, customer >= 0, let group = unusableOfCustomer[customer] {
          identifiers.append(entry(group))
        } else if slot == slots.lowerBound + 1,
          let email = groupsOfReference(reference).first(where: { unusable[$0].kind == .email })
        {
          identifiers.append(entry(email))
        }
      }
      for group in groupsOfReference(reference) where unusable[group].kind == .phone {
        identifiers.append(entry(group))
      }
      guard !identifiers.isEmpty else { continue }
      ordersSetAside.append(.init(order: orderIDs[order], identifiers: identifiers))
    }
  }

  /// The number of the group of a value as written, made on first use.
  private static func group(
    _ kind: IdentifierKind, _ value: String, raw: String, country: String? = nil, in unusable: inout [Unusable],
    _ groupOfValue: inout [String: Int], _ resolver: DeterministicIdentityResolver
  ) -> Int {
    let key = kind.label + "\u{0}" + value
    if let group = groupOfValue[key] { return group }
    let field: IdentifierField =
      switch kind {
      case .customerID: .customerID
      case .email: .email
      default: .phone
      }
    let why = resolver.setAsideReason(of: field, raw, country: country)
    unusable.append(Unusable(kind: kind, value: value, rule: why.rule, reason: why.reason))
    groupOfValue[key] = unusable.count - 1
    return unusable.count - 1
  }

  /// The groups of the emails and phones written on each reference that have no normalised
  /// form (the email first, then the phones in the order written, each group once): per
  /// reference the number of its list in `lists`, or -1 (`listOfReference` is empty when no
  /// reference has any).
  ///
  /// The references are scanned in halves, in parallel; only the cells without a value are read.
  private static func unusableFields(
    of references: OrderLog.CustomerReferences, _ fields: NormalizedFields, _ resolver: DeterministicIdentityResolver,
    _ unusable: inout [Unusable], _ groupOfValue: inout [String: Int]
  ) -> (listOfReference: [Int32], lists: [[Int]]) {
    let phoneStarts = fields.phoneStarts
    let parts = ParallelWork.halves(references.count, minimum: 10_000)
    let found = ParallelWork.map(parts.count) { part in
      var found: [(reference: Int32, kind: IdentifierKind, raw: String)] = []
      for reference in parts[part] {
        if !fields.table.hasValue(column: NormalizedFields.emailColumn, row: reference),
          let email = references[reference].email, !isBlank(email)
        {
          found.append((Int32(reference), .email, email))
        }
        let rows = Int(phoneStarts[reference])..<Int(phoneStarts[reference + 1])
        for row in rows where !fields.phones.hasValue(column: 0, row: row) {
          let phones = references[reference].phones
          let raw = phones[row - rows.lowerBound]
          if !isBlank(raw) { found.append((Int32(reference), .phone, raw)) }
        }
      }
      return found
    }
    var listOfReference: [Int32] = []
    var lists: [[Int]] = []
    for value in found.joined() {
      let group = Self.group(
        value.kind, value.raw.trimmingCharacters(in: .whitespacesAndNewlines), raw: value.raw,
        country: references[Int(value.reference)].address?.country, in: &unusable, &groupOfValue, resolver)
      if listOfReference.isEmpty { listOfReference = [Int32](repeating: -1, count: references.count) }
      let reference = Int(value.reference)
      if listOfReference[reference] < 0 {
        listOfReference[reference] = Int32(lists.count)
        lists.append([group])
      } else if !lists[Int(listOfReference[reference])].contains(group) {
        lists[Int(listOfReference[reference])].append(group)
      }
    }
    return (listOfReference, lists)
  }

  /// Whether a value holds nothing but whitespace (it is no value, not a value set aside).
  private static func isBlank(_ value: String) -> Bool {
    value.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
  }
}

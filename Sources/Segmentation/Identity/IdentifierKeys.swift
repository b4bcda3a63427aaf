import Foundation
import _RetentionSupport

/// The first step of resolution: every identifier value of a log normalised once and numbered,
/// as keys.
///
/// Keys are numbered kind by kind (key = first key of the kind + the value's number), so that a
/// key's kind and value can be read back from it. Each customer reference has at most one key
/// of each kind, and an order has the keys of its reference.
struct IdentifierKeys: Sendable {
  /// The number of kinds, the keys per reference.
  static let width = IdentifierKind.allCases.count

  /// Per customer reference, its key of each kind (`reference * width + kind`), or -1.
  let keyOfReference: [Int32]
  /// The number of each reference's normalised name, or -1.
  let nameOfReference: [Int32]
  /// The first key of each kind, and the number of keys at the end.
  let firstKey: [Int]
  private let customerIDs: [String]
  private let extraIDs: [String]
  private let fields: ByteValueTable
  private let emails: ByteValueTable.Numbering
  private let phones: ByteValueTable.Numbering
  private let names: ByteValueTable.Numbering
  private let namesAndAddresses: ByteInterner

  /// The number of keys.
  var count: Int { firstKey[Self.width] }

  /// The keys of a kind.
  func keys(of kind: IdentifierKind) -> Range<Int> { firstKey[kind.rawValue]..<firstKey[kind.rawValue + 1] }

  /// The kind of a key.
  func kind(ofKey key: Int) -> IdentifierKind {
    var kind = IdentifierKind.nameAndAddress
    while key < firstKey[kind.rawValue], let earlier = IdentifierKind(rawValue: kind.rawValue - 1) { kind = earlier }
    return kind
  }

  /// Appends the UTF-8 bytes of the value of a key.
  func appendValue(ofKey key: Int, to bytes: inout [UInt8]) {
    let kind = kind(ofKey: key)
    let number = key - firstKey[kind.rawValue]
    switch kind {
    case .customerID:
      bytes.append(
        contentsOf: (number < customerIDs.count ? customerIDs[number] : extraIDs[number - customerIDs.count]).utf8)
    case .email:
      fields.appendValue(column: IdentifierField.email.rawValue, row: Int(emails.representatives[number]), to: &bytes)
    case .phone:
      fields.appendValue(column: IdentifierField.phone.rawValue, row: Int(phones.representatives[number]), to: &bytes)
    case .nameAndAddress:
      bytes.append(contentsOf: namesAndAddresses.string(Int32(number)).utf8)
    }
  }

  /// The normalised name with a number (as in ``nameOfReference``).
  func name(number: Int32) -> String {
    fields.string(column: IdentifierField.name.rawValue, row: Int(names.representatives[Int(number)]))
  }

  /// The value of a key.
  func value(ofKey key: Int) -> String {
    var bytes: [UInt8] = []
    appendValue(ofKey: key, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The orders of each key, oldest first (the log's orders are in date order).
  func ordersOfKeys(in log: OrderLog) -> InvertedIndex {
    InvertedIndex(
      keyCount: count, keys: keyOfReference, width: Self.width, groupOfItem: log.orderReferenceIndices,
      parts: ParallelWork.halves(log.orderCount, minimum: 10_000))
  }

  /// Normalises and numbers the identifiers of a log.
  ///
  /// The log has numbered the customer ids already, so each distinct id is normalised once; emails, phones and names are normalised
  /// once per distinct customer reference.
  init(of log: OrderLog, resolver: DeterministicIdentityResolver) {
    let references = log.references
    let width = Self.width
    var keyOfReference = [Int32](repeating: -1, count: references.count * width)
    let ids = Self.customerIDNumbers(of: log, resolver: resolver)
    do {
      var customerOfReference = [Int32](repeating: -1, count: references.count)
      for order in 0..<log.orderCount {
        customerOfReference[Int(log.orderReferenceIndices[order])] = log.orderCustomers[order]
      }
      for (reference, customer) in customerOfReference.enumerated() where customer >= 0 {
        keyOfReference[reference * width + IdentifierKind.customerID.rawValue] = ids.numbers[Int(customer)]
      }
    }
    let fields = NormalizedFields.table(of: references, resolver: resolver)
    let numbered = ParallelWork.map(NormalizedFields.fields.count) { column in fields.numbering(ofColumn: column) }
    let emails = numbered[IdentifierField.email.rawValue]
    let phones = numbered[IdentifierField.phone.rawValue]
    let names = numbered[IdentifierField.name.rawValue]
    for (kind, numbering) in [(IdentifierKind.email, emails), (.phone, phones)] {
      for (reference, number) in numbering.numbers.enumerated() {
        keyOfReference[reference * width + kind.rawValue] = number
      }
    }
    var namesAndAddresses = ByteInterner()
    if resolver.configuration.matchesNameAndAddress {
      for (reference, customer) in references.enumerated() {
        guard names.numbers[reference] >= 0,
          let value = Self.nameAndAddress(
            customer, name: fields.string(column: IdentifierField.name.rawValue, row: reference))
        else { continue }
        keyOfReference[reference * width + IdentifierKind.nameAndAddress.rawValue] = namesAndAddresses.intern(value)
      }
    }
    let valueCounts = [log.customerCount + ids.extra.count, emails.count, phones.count, namesAndAddresses.count]
    var firstKey = [0]
    for kind in 0..<width { firstKey.append(firstKey[kind] + valueCounts[kind]) }
    for slot in keyOfReference.indices where keyOfReference[slot] >= 0 {
      keyOfReference[slot] += Int32(firstKey[slot % width])
    }
    self.keyOfReference = keyOfReference
    nameOfReference = names.numbers
    self.firstKey = firstKey
    customerIDs = log.customerIDs
    extraIDs = ids.extra
    self.fields = fields
    self.emails = emails
    self.phones = phones
    self.names = names
    self.namesAndAddresses = namesAndAddresses
  }

  /// The name-and-address value of a reference: its normalised name, street, zip and city,
  /// each lowercased and trimmed, joined by `|`; `nil` without a full address.
  static func nameAndAddress(_ reference: CustomerReference, name: String) -> String? {
    guard let address = reference.address, let street = address.street, let zip = address.zip, let city = address.city
    else {
      return nil
    }
    let parts = [street, zip, city].map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
    return ([name] + parts).joined(separator: "|")
  }

  /// The customer ids of a log, normalised: each customer number's id number (the customer
  /// number itself when normalising leaves the id as it is, the common case; else the number of
  /// the normalised id among the log's ids, or a number after them), or -1 for a placeholder.
  private static func customerIDNumbers(of log: OrderLog, resolver: DeterministicIdentityResolver) -> (
    numbers: [Int32], extra: [String]
  ) {
    let normalizer = IdentifierNormalizer(resolver.configuration)
    let ids = log.customerIDs
    var extra: [String] = []
    var extraNumbers: [String: Int32] = [:]
    var numbers = [Int32](repeating: -1, count: ids.count)
    var scratch = ByteScratch(capacity: 64)
    for customer in ids.indices {
      let raw = ids[customer]
      let normalizedID: String
      switch UTF8Bytes.read(raw, { normalizer.normalize(.customerID, $0, into: &scratch) }) {
      case .normalized(let count) where count == raw.utf8.count:
        numbers[customer] = Int32(customer)  // trimming removed nothing and it is no placeholder
        continue
      case .normalized(let count):
        normalizedID = scratch.read(count: count) { $0.string }
      case .noValue:
        continue
      case .needsRule:
        guard let general = resolver.generalID(raw) else { continue }
        if general == raw {
          numbers[customer] = Int32(customer)
          continue
        }
        normalizedID = general
      }
      if let number = log.customerNumbers[normalizedID] ?? extraNumbers[normalizedID] {
        numbers[customer] = number
      } else {
        numbers[customer] = Int32(ids.count + extra.count)
        extraNumbers[normalizedID] = Int32(ids.count + extra.count)
        extra.append(normalizedID)
      }
    }
    return (numbers, extra)
  }
}

import Foundation
import _RetentionSupport

/// The second step of resolution: every identifier value of a log, normalised
/// (``NormalizedFields``), numbered as keys.
///
/// Keys are numbered kind by kind (key = first key of the kind + the value's number), so that a
/// key's kind and value can be read back from it. Each customer reference has at most one
/// customer id, one email and one name-and-address key, and as many phone keys as it has
/// distinct normalised phone numbers; an order has the keys of its reference.
struct IdentifierKeys: Sendable {
  /// The most distinct phone numbers of any reference (at least 1): the phone slots per reference.
  let phoneSlots: Int
  /// The number of keys per reference: a customer id, an email, ``phoneSlots`` phones, and a name
  /// with address.
  let width: Int
  /// Per customer reference, its keys (`reference * width + slot`), or -1: its customer id, its
  /// email, its phones in the order written, then its name and address (see ``slots(of:)``).
  let keyOfReference: [Int32]
  /// The number of each reference's normalised name, or -1.
  let nameOfReference: [Int32]
  /// The first key of each kind, and the number of keys at the end.
  let firstKey: [Int]
  /// The key number of each customer number's id (before the kind's first key is added), or -1
  /// for a placeholder.
  let idNumberOfCustomer: [Int32]
  /// The normalised fields the keys were numbered from.
  let fields: NormalizedFields
  private let customerIDs: [String]
  private let extraIDs: [String]
  private let emails: ByteValueTable.Numbering
  private let phones: ByteValueTable.Numbering
  private let names: ByteValueTable.Numbering
  private let namesAndAddresses: ByteInterner

  /// The number of keys.
  var count: Int { firstKey[IdentifierKind.allCases.count] }

  /// The keys of a kind.
  func keys(of kind: IdentifierKind) -> Range<Int> { firstKey[kind.rawValue]..<firstKey[kind.rawValue + 1] }

  /// The slots of a kind among the ``width`` keys of a reference.
  func slots(of kind: IdentifierKind) -> Range<Int> {
    switch kind {
    case .customerID: 0..<1
    case .email: 1..<2
    case .phone: 2..<(2 + phoneSlots)
    case .nameAndAddress: (2 + phoneSlots)..<(3 + phoneSlots)
    }
  }

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
      fields.table.appendValue(
        column: NormalizedFields.emailColumn, row: Int(emails.representatives[number]), to: &bytes)
    case .phone:
      fields.phones.appendValue(column: 0, row: Int(phones.representatives[number]), to: &bytes)
    case .nameAndAddress:
      bytes.append(contentsOf: namesAndAddresses.string(Int32(number)).utf8)
    }
  }

  /// The normalised name with a number (as in ``nameOfReference``).
  func name(number: Int32) -> String {
    fields.table.string(column: NormalizedFields.nameColumn, row: Int(names.representatives[Int(number)]))
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
      keyCount: count, keys: keyOfReference, width: width, groupOfItem: log.orderReferenceIndices,
      parts: ParallelWork.halves(log.orderCount, minimum: 10_000))
  }

  /// Normalises and numbers the identifiers of a log.
  ///
  /// The log has numbered the customer ids already, so each distinct id is normalised once;
  /// emails, phones and names are normalised once per distinct customer reference.
  init(of log: OrderLog, resolver: DeterministicIdentityResolver) {
    let references = log.references
    let ids = Self.customerIDNumbers(of: log, resolver: resolver)
    let fields = NormalizedFields(of: references, resolver: resolver)
    let numbered = ParallelWork.map(3) { column in
      column == 2
        ? fields.phones.numbering(ofColumn: 0)
        : fields.table.numbering(ofColumn: column == 0 ? NormalizedFields.emailColumn : NormalizedFields.nameColumn)
    }
    let emails = numbered[0]
    let names = numbered[1]
    let phones = numbered[2]
    let phoneStarts = fields.phoneStarts
    // The phone slots: the most distinct numbers of one reference (a reference whose phones
    // normalise to one number has one).
    var phoneSlots = 1
    for reference in references.indices where phoneStarts[reference + 1] - phoneStarts[reference] > phoneSlots {
      phoneSlots = max(phoneSlots, Self.distinctPhones(of: reference, phoneStarts, phones.numbers).count)
    }
    let width = 3 + phoneSlots
    var keyOfReference = [Int32](repeating: -1, count: references.count * width)
    var customerOfReference = [Int32](repeating: -1, count: references.count)
    for order in 0..<log.orderCount {
      customerOfReference[Int(log.orderReferenceIndices[order])] = log.orderCustomers[order]
    }
    for (reference, customer) in customerOfReference.enumerated() where customer >= 0 {
      keyOfReference[reference * width] = ids.numbers[Int(customer)]
    }
    for (reference, number) in emails.numbers.enumerated() { keyOfReference[reference * width + 1] = number }
    for reference in references.indices {
      let rows = Int(phoneStarts[reference])..<Int(phoneStarts[reference + 1])
      if rows.count == 1 {
        keyOfReference[reference * width + 2] = phones.numbers[rows.lowerBound]
      } else if rows.count > 1 {
        for (slot, number) in Self.distinctPhones(of: reference, phoneStarts, phones.numbers).enumerated() {
          keyOfReference[reference * width + 2 + slot] = number
        }
      }
    }
    var namesAndAddresses = ByteInterner()
    if resolver.configuration.matchesNameAndAddress {
      for (reference, customer) in references.enumerated() {
        guard names.numbers[reference] >= 0,
          let value = Self.nameAndAddress(
            customer, name: fields.table.string(column: NormalizedFields.nameColumn, row: reference))
        else { continue }
        keyOfReference[reference * width + width - 1] = namesAndAddresses.intern(value)
      }
    }
    let valueCounts = [log.customerCount + ids.extra.count, emails.count, phones.count, namesAndAddresses.count]
    var firstKey = [0]
    for kind in IdentifierKind.allCases { firstKey.append(firstKey[kind.rawValue] + valueCounts[kind.rawValue]) }
    // Each slot's kind's first key, added to the value numbers to make keys.
    let offsetOfSlot = (0..<width).map { slot in
      Int32(firstKey[slot == 0 ? 0 : slot == 1 ? 1 : slot == width - 1 ? 3 : 2])
    }
    for base in stride(from: 0, to: keyOfReference.count, by: width) {
      for slot in 0..<width where keyOfReference[base + slot] >= 0 { keyOfReference[base + slot] += offsetOfSlot[slot] }
    }
    self.phoneSlots = phoneSlots
    self.width = width
    self.keyOfReference = keyOfReference
    nameOfReference = names.numbers
    self.firstKey = firstKey
    idNumberOfCustomer = ids.numbers
    customerIDs = log.customerIDs
    extraIDs = ids.extra
    self.fields = fields
    self.emails = emails
    self.phones = phones
    self.names = names
    self.namesAndAddresses = namesAndAddresses
  }

  /// The distinct numbers of a reference's phones, in the order written (numbers without a
  /// value left out).
  private static func distinctPhones(of reference: Int, _ phoneStarts: [Int32], _ numbers: [Int32]) -> [Int32] {
    var distinct: [Int32] = []
    for row in Int(phoneStarts[reference])..<Int(phoneStarts[reference + 1])
    where numbers[row] >= 0 && !distinct.contains(numbers[row]) {
      distinct.append(numbers[row])
    }
    return distinct
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
  static func customerIDNumbers(of log: OrderLog, resolver: DeterministicIdentityResolver) -> (
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
      if normalizer.keepsCustomerID(raw) {
        numbers[customer] = Int32(customer)  // the common case, known without normalising
        continue
      }
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

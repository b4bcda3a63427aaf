import Foundation
import _RetentionSupport

/// Deterministic identity resolution by exact matches of normalised identifiers, as customer
/// data platforms do it (Segment, RudderStack, Klaviyo, Shopify; REFERENCES.md).
///
/// Orders are linked (union-find) when they share a customer id, a normalised email, a
/// normalised phone number, or, when ``Configuration/matchesNameAndAddress`` is on, the same
/// name *and* full address. Safeguards:
///
/// - **Names alone never merge**: two Anna Müllers are two people unless an identifier links them.
/// - **Placeholders are blocked**: empty values, `null`, `-1`, `anonymous`, `n/a`, `none`,
///   all-zero phones, and the shop's own addresses (``Configuration/shopIdentifiers``).
/// - **Shared identifiers are not personal**: an email or phone used on orders with different
///   names (a company inbox or switchboard shared by colleagues) is ignored, and so is any value
///   seen on more than ``Configuration/maximumNamesPerIdentifier`` distinct names or more than
///   ``Configuration/maximumCustomerIDsPerIdentifier`` distinct customer ids; colleagues who share
///   a company stay separate unless a personal identifier links them.
/// - **Guest orders** join a person only through an identifier.
///
/// ```swift
/// let resolution = DeterministicIdentityResolver().resolve(log)
/// print(resolution.personCount, resolution.mergeCount)
/// ```
public struct DeterministicIdentityResolver: IdentityResolver, Hashable {
  /// How identifiers are normalised and which are trusted.
  public struct Configuration: Sendable, Hashable, Codable {
    /// Fold plus-addressing (`ada+shop@x.com` → `ada@x.com`); on by default.
    public var foldsPlusAddressing = true
    /// Fold dots in Gmail local parts (`a.da@gmail.com` → `ada@gmail.com`); on by default.
    public var foldsGmailDots = true
    /// The country calling code for national phone numbers starting with a single 0 (`49` for
    /// Germany); `nil` leaves them as written.
    public var defaultCountryCode: String? = "49"
    /// Also link orders with the same name and the same full address (street, zip, city);
    /// off by default.
    public var matchesNameAndAddress = false
    /// Identifier values that belong to the shop itself (its own email, phone or address, used
    /// when staff place orders), compared after normalisation.
    public var shopIdentifiers: Set<String> = []
    /// Values that mean "no value".
    public var placeholders: Set<String> = ["", "null", "nil", "none", "-1", "0", "anonymous", "n/a", "na", "unknown", "guest", "test"]
    /// An email or phone used with more distinct names than this is shared, not personal.
    public var maximumNamesPerIdentifier = 1
    /// An email or phone used with more distinct customer ids than this is shared.
    public var maximumCustomerIDsPerIdentifier = 3

    /// Creates the default configuration.
    public init() {}
  }

  /// The configuration.
  public var configuration: Configuration

  /// Creates a resolver.
  ///
  /// - Parameter configuration: Normalisation and safeguards; the defaults suit most shops.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
  }

  /// Normalises an email: trimmed, lowercased, optionally without plus-address and Gmail dots;
  /// `nil` for a placeholder or a value without `@`.
  public func normalizedEmail(_ raw: String?) -> String? {
    normalized(raw, Normalizer.email, general: generalEmail)
  }

  /// Normalises a phone number to digits with a country code; `nil` for placeholders,
  /// all-zero numbers and numbers under 6 digits.
  public func normalizedPhone(_ raw: String?) -> String? {
    normalized(raw, Normalizer.phone, general: generalPhone)
  }

  /// A name lowercased with runs of spaces and tabs folded to one space; `nil` for placeholders.
  func normalizedName(_ raw: String?) -> String? {
    normalized(raw, Normalizer.name, general: generalName)
  }

  /// A customer id trimmed of spaces and tabs; `nil` for placeholders (compared lowercased).
  func normalizedID(_ raw: String?) -> String? {
    normalized(raw, Normalizer.id, general: generalID)
  }

  // MARK: Normalisation
  //
  // Each normaliser has an ASCII path from UTF-8 bytes to bytes (the common case, and the one
  // that lets a million orders resolve in well under a second, without a `String` per value)
  // and a general path through Foundation for everything else. Both give the same answer on
  // ASCII input (tested).

  private typealias FastPath = (Normalizer) -> (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>) -> Int

  private func normalized(_ raw: String?, _ fast: FastPath, general: (String) -> String?) -> String? {
    guard var raw else { return nil }
    let normalizer = Normalizer(configuration)
    let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: raw.utf8.count + Normalizer.slack)
    defer { scratch.deallocate() }
    let written = raw.withUTF8 { fast(normalizer)($0, scratch) }
    if written >= 0 { return String(decoding: UnsafeBufferPointer(rebasing: scratch[..<written]), as: UTF8.self) }
    return written == Normalizer.none ? nil : general(raw)
  }

  /// The ASCII normalisers. Each writes the normalised bytes to `output` (which has room for
  /// the input plus ``slack`` bytes) and returns their count, ``none`` for "no usable value", or
  /// ``notASCII`` for input the general path must handle.
  struct Normalizer {
    static let none = -1
    static let notASCII = -2
    static let slack = 32

    let configuration: Configuration
    /// The longest placeholder in UTF-8 bytes; longer values need no placeholder lookup.
    let longestPlaceholder: Int

    /// The placeholders' UTF-8 bytes by their length, for comparing bytes without a `String`.
    let placeholdersByLength: [[[UInt8]]]
    /// The default country code's UTF-8 bytes.
    let countryCode: [UInt8]?

    init(_ configuration: Configuration) {
      self.configuration = configuration
      longestPlaceholder = configuration.placeholders.map(\.utf8.count).max() ?? -1
      var byLength = [[[UInt8]]](repeating: [], count: longestPlaceholder + 1)
      for placeholder in configuration.placeholders { byLength[placeholder.utf8.count].append(Array(placeholder.utf8)) }
      placeholdersByLength = byLength
      countryCode = configuration.defaultCountryCode.map { Array($0.utf8) }
    }

    private func isPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      guard bytes.count <= longestPlaceholder else { return false }
      return placeholdersByLength[bytes.count].contains { $0.elementsEqual(bytes) }
    }

    private func isShopIdentifier(_ bytes: UnsafeBufferPointer<UInt8>, orWithPlus: Bool = false) -> Bool {
      let shop = configuration.shopIdentifiers
      guard !shop.isEmpty else { return false }
      let text = String(decoding: bytes, as: UTF8.self)
      return shop.contains(text) || (orWithPlus && shop.contains("+" + text))
    }

    private static func isWhitespaceOrNewline(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func lowered(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, where isTrimmed: (UInt8) -> Bool) -> Range<Int> {
      var lower = 0, upper = bytes.count
      while lower < upper && isTrimmed(bytes[lower]) { lower += 1 }
      while upper > lower && isTrimmed(bytes[upper - 1]) { upper -= 1 }
      return lower..<upper
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      var combined: UInt8 = 0
      for byte in bytes { combined |= byte }
      return combined < 0x80
    }

    func email(_ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeMutableBufferPointer<UInt8>) -> Int {
      guard Self.isASCII(input) else { return Self.notASCII }
      let range = Self.trimmed(input, where: Self.isWhitespaceOrNewline)
      // Lowercase into the output, then rewrite the local part in place.
      var count = 0
      var at = -1
      for index in range {
        let byte = Self.lowered(input[index])
        if byte == UInt8(ascii: "@") { at = count }
        output[count] = byte
        count += 1
      }
      let email = UnsafeBufferPointer(rebasing: output[..<count])
      guard !isPlaceholder(email), at >= 0 else { return Self.none }
      let domain = UnsafeBufferPointer(rebasing: output[(at + 1)..<count])
      guard at > 0, domain.contains(UInt8(ascii: ".")) else { return Self.none }
      var localEnd = at
      if configuration.foldsPlusAddressing, let plus = output[..<at].firstIndex(of: UInt8(ascii: "+")) { localEnd = plus }
      let isGmail =
        configuration.foldsGmailDots && (domain.elementsEqual("gmail.com".utf8) || domain.elementsEqual("googlemail.com".utf8))
      var written = 0
      for index in 0..<localEnd where !(isGmail && output[index] == UInt8(ascii: ".")) {
        output[written] = output[index]
        written += 1
      }
      output[written] = UInt8(ascii: "@")
      written += 1
      if isGmail {
        for byte in "gmail.com".utf8 {
          output[written] = byte
          written += 1
        }
      } else {
        for index in (at + 1)..<count {
          output[written] = output[index]
          written += 1
        }
      }
      return isShopIdentifier(UnsafeBufferPointer(rebasing: output[..<written])) ? Self.none : written
    }

    func phone(_ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeMutableBufferPointer<UInt8>) -> Int {
      guard Self.isASCII(input) else { return Self.notASCII }
      let outer = Self.trimmed(input, where: Self.isWhitespaceOrNewline)
      let inner = Self.trimmed(UnsafeBufferPointer(rebasing: input[outer]), where: { $0 == UInt8(ascii: "'") })
      let text = (outer.lowerBound + inner.lowerBound)..<(outer.lowerBound + inner.upperBound)
      let isInternational = !text.isEmpty && input[text.lowerBound] == UInt8(ascii: "+")
      var digits = 0, nonZero = false
      for index in text where Self.isDigit(input[index]) {
        output[digits] = input[index]
        digits += 1
        nonZero = nonZero || input[index] != 0x30
      }
      guard digits >= 6, nonZero else { return Self.none }
      var written = digits
      if !isInternational && output[0] == 0x30 {
        if output[1] == 0x30 {
          for index in 2..<digits { output[index - 2] = output[index] }
          written = digits - 2
        } else if let prefix = countryCode {
          // Replace the leading 0 by the country code, moving the rest right as needed.
          let shift = prefix.count - 1
          if shift > 0 {
            for index in stride(from: digits - 1, through: 1, by: -1) { output[index + shift] = output[index] }
          } else if shift < 0 {
            for index in 1..<digits { output[index + shift] = output[index] }
          }
          for (offset, byte) in prefix.enumerated() { output[offset] = byte }
          written = digits + shift
        }
      }
      return isShopIdentifier(UnsafeBufferPointer(rebasing: output[..<written]), orWithPlus: true) ? Self.none : written
    }

    func name(_ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeMutableBufferPointer<UInt8>) -> Int {
      guard Self.isASCII(input) else { return Self.notASCII }
      var written = 0, pendingBlank = false
      for index in Self.trimmed(input, where: Self.isBlank) {
        let byte = input[index]
        if Self.isBlank(byte) {
          pendingBlank = true
          continue
        }
        if pendingBlank {
          output[written] = 0x20
          written += 1
          pendingBlank = false
        }
        output[written] = Self.lowered(byte)
        written += 1
      }
      return isPlaceholder(UnsafeBufferPointer(rebasing: output[..<written])) ? Self.none : written
    }

    func id(_ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeMutableBufferPointer<UInt8>) -> Int {
      guard Self.isASCII(input) else { return Self.notASCII }
      let range = Self.trimmed(input, where: Self.isBlank)
      if range.count <= longestPlaceholder {
        for (offset, index) in range.enumerated() { output[offset] = Self.lowered(input[index]) }
        if isPlaceholder(UnsafeBufferPointer(rebasing: output[..<range.count])) { return Self.none }
      }
      for (offset, index) in range.enumerated() { output[offset] = input[index] }
      return range.count
    }
  }

  func generalEmail(_ raw: String) -> String? {
    let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    guard !configuration.placeholders.contains(email), let at = email.lastIndex(of: "@") else { return nil }
    var local = String(email[..<at])
    var domain = String(email[email.index(after: at)...])
    guard !local.isEmpty, domain.contains(".") else { return nil }
    if configuration.foldsPlusAddressing, let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
    if configuration.foldsGmailDots, domain == "gmail.com" || domain == "googlemail.com" {
      local = local.replacingOccurrences(of: ".", with: "")
      domain = "gmail.com"
    }
    let normalized = local + "@" + domain
    return configuration.shopIdentifiers.contains(normalized) ? nil : normalized
  }

  func generalPhone(_ raw: String) -> String? {
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    var digits = String(trimmed.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII })
    guard digits.count >= 6, digits.contains(where: { $0 != "0" }) else { return nil }
    if trimmed.hasPrefix("+") {
      // already international
    } else if digits.hasPrefix("00") {
      digits.removeFirst(2)
    } else if digits.hasPrefix("0"), let code = configuration.defaultCountryCode {
      digits = code + digits.dropFirst()
    }
    return configuration.shopIdentifiers.contains(digits) || configuration.shopIdentifiers.contains("+" + digits) ? nil : digits
  }

  func generalName(_ raw: String) -> String? {
    let name = raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    return configuration.placeholders.contains(name) ? nil : name
  }

  func generalID(_ raw: String) -> String? {
    let id = raw.trimmingCharacters(in: .whitespaces)
    return configuration.placeholders.contains(id.lowercased()) ? nil : id
  }

  // MARK: Resolution

  private enum Kind: Int, CaseIterable {
    case customerID, email, phone, nameAndAddress

    var label: String {
      switch self {
      case .customerID: "customer id"
      case .email: "email"
      case .phone: "phone"
      case .nameAndAddress: "name and address"
      }
    }

    /// The start of a person id made from a value of this kind.
    var prefix: String {
      switch self {
      case .customerID: "id:"
      case .email: "email:"
      case .phone: "phone:"
      case .nameAndAddress: "name:"
      }
    }
  }

  /// Resolves the orders of a log into people.
  ///
  /// Identifiers are applied kind by kind (customer ids, then emails, phones, and name with
  /// address), and within a kind in order of their oldest order; ``IdentityResolution/merges``
  /// lists them in that order, and ``IdentityResolution/ignoredIdentifiers`` by kind and value.
  /// The people do not depend on that order: each person is numbered by their oldest order.
  ///
  /// - Complexity: O(*n* α(*n*)) for *n* orders, plus normalising and hashing the identifiers of
  ///   each distinct customer reference once.
  public func resolve(_ log: OrderLog) -> IdentityResolution {
    let count = log.orderCount
    let kinds = Kind.allCases.count
    let normalizer = Normalizer(configuration)
    let referenceOfOrder = log.orderReferenceIndices

    // 1. Normalise every distinct reference once and number the values of each kind. The log
    // has numbered the customer ids already, so each distinct id is normalised once; emails,
    // phones and names are normalised over halves of the references in parallel, then numbered
    // over halves of the hash space in parallel.
    let references = log.references
    var keyOfReference = [Int32](repeating: -1, count: references.count * kinds)
    let ids = numberCustomerIDs(of: log, normalizer: normalizer)
    do {
      var customerOfReference = [Int32](repeating: -1, count: references.count)
      for order in 0..<count { customerOfReference[Int(referenceOfOrder[order])] = log.orderCustomers[order] }
      for (index, customer) in customerOfReference.enumerated() where customer >= 0 {
        keyOfReference[index * kinds + Kind.customerID.rawValue] = ids.numbers[Int(customer)]
      }
    }
    let normalized = NormalizedFields(references, normalizer: normalizer, general: { generalValue(field: $0, $1) })
    let numbered = ParallelWork.map(NormalizedFields.fieldCount) { field in normalized.number(field: field) }
    let nameOfReference = numbered[2].numbers
    for (kind, field) in [(Kind.email, 0), (.phone, 1)] {
      for (index, number) in numbered[field].numbers.enumerated() { keyOfReference[index * kinds + kind.rawValue] = number }
    }
    var nameAndAddress = ByteInterner()
    if configuration.matchesNameAndAddress {
      for (index, reference) in references.enumerated() {
        guard nameOfReference[index] >= 0, let address = reference.address, let street = address.street,
          let zip = address.zip, let city = address.city
        else { continue }
        let parts = [street, zip, city].map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        let value = ([normalized.string(field: 2, reference: index)] + parts).joined(separator: "|")
        keyOfReference[index * kinds + Kind.nameAndAddress.rawValue] = nameAndAddress.intern(value)
      }
    }
    let valueCounts = [
      log.customerCount + ids.extra.count, numbered[0].representatives.count, numbered[1].representatives.count,
      nameAndAddress.count,
    ]
    // Keys are numbered kind by kind: key = first key of the kind + value number.
    var firstKey = [0]
    for kind in 0..<kinds { firstKey.append(firstKey[kind] + valueCounts[kind]) }
    let keyCount = firstKey[kinds]
    for slot in keyOfReference.indices where keyOfReference[slot] >= 0 {
      keyOfReference[slot] += Int32(firstKey[slot % kinds])
    }
    let speller = ValueSpeller(
      firstKey: firstKey, customerIDs: log.customerIDs, extraIDs: ids.extra, normalized: normalized, emails: numbered[0],
      phones: numbered[1], nameAndAddress: nameAndAddress)

    // 2. The orders of each key, oldest first.
    let orderParts = Self.halves(count)
    let (starts, ordersOfKey) = Self.ordersOfKeys(
      keyOfReference: keyOfReference, kinds: kinds, keyCount: keyCount, referenceOfOrder: referenceOfOrder, parts: orderParts)

    // 3. Decide which identifier values are personal: few distinct names and customer ids (the
    // keys in halves, in parallel).
    var usable = [Bool](repeating: true, count: keyCount)
    let personalKeys = firstKey[Kind.nameAndAddress.rawValue]
    let keyParts = Self.halves(personalKeys)
    var ignored = usable.withUnsafeMutableBufferPointer { buffer in
      let output = UnsafeSendable(value: buffer)
      return ParallelWork.map(keyParts.count) { [ordersOfKey, starts, configuration] part in
        var ignored: [(kind: Int, value: String, reason: String)] = []
        for key in keyParts[part] where starts[key + 1] - starts[key] > 1 {
          let orders = ordersOfKey[Int(starts[key])..<Int(starts[key + 1])]
          let nameCount = Self.distinctCount(orders) { nameOfReference[Int(referenceOfOrder[Int($0)])] }
          var reason: String?
          if nameCount > configuration.maximumNamesPerIdentifier {
            reason = "used by \(nameCount) different names (shared, not personal)"
          } else {
            let idCount = Self.distinctCount(orders) { log.orderCustomers[Int($0)] }
            if idCount > configuration.maximumCustomerIDsPerIdentifier { reason = "used by \(idCount) customer ids" }
          }
          if let reason {
            output.value[key] = false
            ignored.append((speller.kind(ofKey: key), speller.value(ofKey: key), reason))
          }
        }
        return ignored
      }.flatMap { $0 }
    }
    // A single order has at most one name and one customer id.
    if configuration.maximumNamesPerIdentifier < 1 || configuration.maximumCustomerIDsPerIdentifier < 1 {
      for key in 0..<firstKey[Kind.nameAndAddress.rawValue] where starts[key + 1] - starts[key] == 1 {
        let order = Int(ordersOfKey[Int(starts[key])])
        let nameCount = nameOfReference[Int(referenceOfOrder[order])] >= 0 ? 1 : 0
        let idCount = log.orderCustomers[order] >= 0 ? 1 : 0
        if nameCount > configuration.maximumNamesPerIdentifier {
          usable[key] = false
          ignored.append((speller.kind(ofKey: key), speller.value(ofKey: key), "used by 1 different names (shared, not personal)"))
        } else if idCount > configuration.maximumCustomerIDsPerIdentifier {
          usable[key] = false
          ignored.append((speller.kind(ofKey: key), speller.value(ofKey: key), "used by 1 customer ids"))
        }
      }
    }
    ignored.sort { ($0.kind, $0.value) < ($1.kind, $1.value) }

    // 4. Union-find over orders, key by key; the older order's root wins, so a root is its
    // person's oldest order.
    var parent = (0..<count).map { Int32($0) }
    var linkedKeys: [Int32] = []
    // Kind by kind, each kind's keys in order of their oldest order: within a kind an order has
    // one key, so the keys can be placed at their oldest order and read off in order.
    var keyStartingAt = [Int32](repeating: -1, count: count)
    var linking: [Int] = []
    for kind in 0..<kinds {
      for key in firstKey[kind]..<firstKey[kind + 1] where usable[key] && starts[key + 1] - starts[key] > 1 {
        keyStartingAt[Int(ordersOfKey[Int(starts[key])])] = Int32(key)
      }
      for order in 0..<count where keyStartingAt[order] >= 0 {
        linking.append(Int(keyStartingAt[order]))
        keyStartingAt[order] = -1
      }
    }
    keyStartingAt = []
    for key in linking {
      let orders = ordersOfKey[Int(starts[key])..<Int(starts[key + 1])]
      var linked = false
      // The root of the key's set so far, kept up to date instead of found again per order.
      var target = Self.find(orders[orders.startIndex], &parent)
      for order in orders.dropFirst() {
        let root = Self.find(order, &parent)
        if root != target {
          if root < target {
            parent[Int(target)] = root
            target = root
          } else {
            parent[Int(root)] = target
          }
          linked = true
        }
      }
      if linked { linkedKeys.append(Int32(key)) }
    }
    // The explanations are stored compactly, in parallel halves.
    let labels = Kind.allCases.map(\.label)
    let mergeParts = Self.halves(linkedKeys.count)
    let mergeStores = ParallelWork.map(mergeParts.count) { [linkedKeys, ordersOfKey, starts, orderIDs = log.orderIDs] part in
      var store = MergeStore(identifiers: labels, orderIDs: orderIDs)
      var value: [UInt8] = []
      for key in linkedKeys[mergeParts[part]] {
        value.removeAll(keepingCapacity: true)
        speller.appendValue(ofKey: Int(key), to: &value)
        store.append(
          identifier: speller.kind(ofKey: Int(key)), value: value, orders: ordersOfKey[Int(starts[Int(key)])..<Int(starts[Int(key) + 1])])
      }
      return store
    }
    var mergeStore = mergeStores[0]
    for store in mergeStores.dropFirst() { mergeStore.append(contentsOf: store) }

    // 5. Number the people in order of their oldest order; orders without a usable key stay
    // anonymous. A root is the oldest order of its set, and has a usable key whenever any order
    // of the set does, so the people are the roots with a usable key in order. First, in
    // parallel, each order's root and first usable key.
    let parentOfOrder = parent
    parent = []
    var rootOfOrder = [Int32](repeating: -1, count: count)
    var personKeyOfOrder = [Int32](repeating: -1, count: count)
    rootOfOrder.withUnsafeMutableBufferPointer { roots in
      personKeyOfOrder.withUnsafeMutableBufferPointer { keys in
        let output = (roots: UnsafeSendable(value: roots), keys: UnsafeSendable(value: keys))
        _ = ParallelWork.map(orderParts.count) { [keyOfReference, usable] part in
          for order in orderParts[part] {
            let base = Int(referenceOfOrder[order]) * kinds
            for slot in base..<(base + kinds) where keyOfReference[slot] >= 0 && usable[Int(keyOfReference[slot])] {
              output.keys.value[order] = keyOfReference[slot]
              var node = order
              while parentOfOrder[node] != Int32(node) { node = Int(parentOfOrder[node]) }
              output.roots.value[order] = Int32(node)
              break
            }
          }
        }
      }
    }
    var personOfRoot = [Int32](repeating: -1, count: count)
    var personKeys: [Int32] = []
    for order in 0..<count where rootOfOrder[order] == Int32(order) {
      personOfRoot[order] = Int32(personKeys.count)
      personKeys.append(personKeyOfOrder[order])
    }
    personKeyOfOrder = []
    let personOfOrder = rootOfOrder.map { $0 < 0 ? -1 : personOfRoot[Int($0)] }
    let personParts = Self.halves(personKeys.count)
    let personIDParts = ParallelWork.map(personParts.count) { [personKeys] part in
      var ids = PersonIDs()
      var id: [UInt8] = []
      for key in personKeys[personParts[part]] {
        id.removeAll(keepingCapacity: true)
        id.append(contentsOf: Kind(rawValue: speller.kind(ofKey: Int(key)))!.prefix.utf8)
        speller.appendValue(ofKey: Int(key), to: &id)
        ids.append(id)
      }
      return ids
    }
    var personIDs = personIDParts[0]
    for part in personIDParts.dropFirst() { personIDs.append(contentsOf: part) }
    return IdentityResolution(
      personOfOrder: personOfOrder, personIDs: personIDs, mergeStore: mergeStore,
      ignoredIdentifiers: ignored.map { .init(identifier: Kind(rawValue: $0.kind)!.label, value: $0.value, reason: $0.reason) })
  }

  /// The general normaliser of a field of ``NormalizedFields``: 0 email, 1 phone, 2 name.
  private func generalValue(field: Int, _ raw: String) -> String? {
    switch field {
    case 0: generalEmail(raw)
    case 1: generalPhone(raw)
    default: generalName(raw)
    }
  }

  /// The customer ids of the log, normalised: each customer number's id number (the customer
  /// number itself when normalising leaves the id as it is, the common case; else the number of
  /// the normalised id among the log's ids, or a number after them), or -1 for a placeholder.
  private func numberCustomerIDs(of log: OrderLog, normalizer: Normalizer) -> (numbers: [Int32], extra: [String]) {
    let ids = log.customerIDs
    var extra: [String] = []
    var extraNumbers: [String: Int32] = [:]
    var numbers = [Int32](repeating: -1, count: ids.count)
    var capacity = 64
    var scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
    defer { scratch.deallocate() }
    for customer in ids.indices {
      var raw = ids[customer]
      let length = raw.utf8.count
      if length + Normalizer.slack > capacity {
        scratch.deallocate()
        capacity = length + Normalizer.slack
        scratch = .allocate(capacity: capacity)
      }
      let output = scratch
      let written = raw.withUTF8 { normalizer.id($0, output) }
      let normalizedID: String
      if written == length {
        numbers[customer] = Int32(customer)  // trimming removed nothing and it is no placeholder
        continue
      } else if written >= 0 {
        normalizedID = String(decoding: UnsafeBufferPointer(rebasing: scratch[..<written]), as: UTF8.self)
      } else if written == Normalizer.notASCII, let general = generalID(raw) {
        if general == raw {
          numbers[customer] = Int32(customer)
          continue
        }
        normalizedID = general
      } else {
        continue
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

  /// The orders of each key, oldest first: `ordersOfKey[starts[key]..<starts[key + 1]]`. A
  /// counting sort over parts of the orders in parallel, an earlier part's orders of a key placed
  /// before a later part's.
  private static func ordersOfKeys(
    keyOfReference: [Int32], kinds: Int, keyCount: Int, referenceOfOrder: [Int32], parts: [Range<Int>]
  ) -> (starts: [Int32], ordersOfKey: [Int32]) {
    precondition(parts.count <= 2, "two parts at most")
    var partStarts = ParallelWork.map(parts.count) { part in
      var counts = [Int32](repeating: 0, count: keyCount)
      for order in parts[part] {
        let base = Int(referenceOfOrder[order]) * kinds
        for slot in base..<(base + kinds) where keyOfReference[slot] >= 0 { counts[Int(keyOfReference[slot])] += 1 }
      }
      return counts
    }
    // Turn each part's counts into its first position per key, in place.
    var starts = [Int32](repeating: 0, count: keyCount + 1)
    var first = partStarts[0], second = partStarts.count > 1 ? partStarts[1] : []
    partStarts = []
    first.withUnsafeMutableBufferPointer { first in
      second.withUnsafeMutableBufferPointer { second in
        var running: Int32 = 0
        for key in 0..<keyCount {
          starts[key] = running
          let firstCount = first[key]
          first[key] = running
          running += firstCount
          if !second.isEmpty {
            let secondCount = second[key]
            second[key] = running
            running += secondCount
          }
        }
        starts[keyCount] = running
      }
    }
    partStarts = second.isEmpty ? [first] : [first, second]
    var ordersOfKey = [Int32](repeating: 0, count: Int(starts[keyCount]))
    ordersOfKey.withUnsafeMutableBufferPointer { buffer in
      let output = UnsafeSendable(value: buffer)
      _ = ParallelWork.map(parts.count) { [partStarts] part in
        var next = partStarts[part]
        for order in parts[part] {
          let base = Int(referenceOfOrder[order]) * kinds
          for slot in base..<(base + kinds) where keyOfReference[slot] >= 0 {
            let key = Int(keyOfReference[slot])
            output.value[Int(next[key])] = Int32(order)
            next[key] += 1
          }
        }
      }
    }
    return (starts, ordersOfKey)
  }

  /// The work split in two halves, or whole for small inputs.
  private static func halves(_ count: Int) -> [Range<Int>] { ParallelWork.halves(count, minimum: 10_000) }

  /// Spells out the value of a key, for merges, ignored values and person ids.
  private struct ValueSpeller: Sendable {
    let firstKey: [Int]
    let customerIDs: [String]
    let extraIDs: [String]
    let normalized: NormalizedFields
    let emails: NormalizedFields.Numbered
    let phones: NormalizedFields.Numbered
    let nameAndAddress: ByteInterner

    func kind(ofKey key: Int) -> Int { (0..<(firstKey.count - 1)).last { firstKey[$0] <= key }! }

    /// Appends the UTF-8 bytes of the value of a key.
    func appendValue(ofKey key: Int, to bytes: inout [UInt8]) {
      let kind = kind(ofKey: key)
      let number = key - firstKey[kind]
      switch kind {
      case Kind.customerID.rawValue:
        bytes.append(contentsOf: (number < customerIDs.count ? customerIDs[number] : extraIDs[number - customerIDs.count]).utf8)
      case Kind.email.rawValue: bytes.append(contentsOf: normalized.bytes(field: 0, number: Int32(number), emails))
      case Kind.phone.rawValue: bytes.append(contentsOf: normalized.bytes(field: 1, number: Int32(number), phones))
      default: bytes.append(contentsOf: nameAndAddress.string(Int32(number)).utf8)
      }
    }

    /// The value of a key.
    func value(ofKey key: Int) -> String {
      var bytes: [UInt8] = []
      appendValue(ofKey: key, to: &bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The root of an order in the union-find forest, halving paths on the way.
  private static func find(_ order: Int32, _ parent: inout [Int32]) -> Int32 {
    var node = Int(order)
    while parent[node] != Int32(node) {
      let grandparent = parent[Int(parent[node])]
      parent[node] = grandparent
      node = Int(grandparent)
    }
    return Int32(node)
  }

  /// The number of distinct non-negative values among the orders, found without hashing when
  /// the orders share one value (the common case).
  private static func distinctCount(_ orders: ArraySlice<Int32>, value: (Int32) -> Int32) -> Int {
    var first: Int32 = -1
    for order in orders {
      let candidate = value(order)
      if candidate < 0 { continue }
      if first < 0 {
        first = candidate
      } else if candidate != first {
        return Set(orders.lazy.map(value).filter { $0 >= 0 }).count
      }
    }
    return first < 0 ? 0 : 1
  }
}

/// The normalised email, phone and name of every customer reference of a log, each with a
/// 64-bit hash, normalised over parts of the references in parallel into one byte arena per
/// part; then numbered field by field, each field over halves of the hash space in parallel.
private final class NormalizedFields: Sendable {
  static let fieldCount = 3
  private typealias Normalizer = DeterministicIdentityResolver.Normalizer

  let referenceCount: Int
  /// The first reference of the second part (the count when there is one part).
  private let split: Int
  private let arenas: [ByteArena]
  /// Per field and reference (`field * referenceCount + reference`): the value's offset in its
  /// part's arena, its length in bytes (-1 for no usable value) and its hash.
  private let offsets: [Int32]
  private let lengths: [Int32]
  private let hashes: [UInt64]

  /// The numbers of one field's values.
  struct Numbered: Sendable {
    /// The number of each reference's value, or -1.
    var numbers: [Int32]
    /// For each number, the reference whose value it is first seen with.
    var representatives: [Int32]
  }

  init(
    _ references: [CustomerReference], normalizer: DeterministicIdentityResolver.Normalizer,
    general: @Sendable (Int, String) -> String?
  ) {
    let count = references.count
    referenceCount = count
    let parts = ParallelWork.halves(count, minimum: 10_000)
    split = parts[0].upperBound
    var offsets = [Int32](repeating: 0, count: count * Self.fieldCount)
    var lengths = [Int32](repeating: -1, count: count * Self.fieldCount)
    var hashes = [UInt64](repeating: 0, count: count * Self.fieldCount)
    arenas = offsets.withUnsafeMutableBufferPointer { offsets in
      lengths.withUnsafeMutableBufferPointer { lengths in
        hashes.withUnsafeMutableBufferPointer { hashes in
          let output = Output(offsets: offsets, lengths: lengths, hashes: hashes)
          return ParallelWork.map(parts.count) { part in
            Self.normalize(references, parts[part], normalizer: normalizer, general: general, into: output)
          }
        }
      }
    }
    self.offsets = offsets
    self.lengths = lengths
    self.hashes = hashes
  }

  private struct Output: @unchecked Sendable {
    let offsets: UnsafeMutableBufferPointer<Int32>
    let lengths: UnsafeMutableBufferPointer<Int32>
    let hashes: UnsafeMutableBufferPointer<UInt64>
  }

  private static func normalize(
    _ references: [CustomerReference], _ range: Range<Int>, normalizer: Normalizer,
    general: (Int, String) -> String?, into output: Output
  ) -> ByteArena {
    let count = references.count
    let arena = ByteArena(capacity: range.count * 48)
    var capacity = 256
    var scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
    defer { scratch.deallocate() }
    func store(_ bytes: UnsafeBufferPointer<UInt8>, at slot: Int) {
      output.offsets[slot] = arena.append(bytes)
      output.lengths[slot] = Int32(bytes.count)
      output.hashes[slot] = ByteInterner.hash(bytes)
    }
    // Normalises one value's bytes into the scratch buffer, returning the normaliser's count.
    func normalized(_ input: UnsafeBufferPointer<UInt8>, field: Int) -> Int {
      if input.count + Normalizer.slack > capacity {
        scratch.deallocate()
        capacity = input.count + Normalizer.slack
        scratch = .allocate(capacity: capacity)
      }
      switch field {
      case 0: return normalizer.email(input, scratch)
      case 1: return normalizer.phone(input, scratch)
      default: return normalizer.name(input, scratch)
      }
    }
    // References are taken in chunks: first every value's bytes are copied out of its string
    // (a tight loop of independent reads, which the processor overlaps), then the copies are
    // normalised. The copying reads each string in place, by a closure simple enough to
    // inline: copying the string itself, or calling the normaliser inside the closure, would
    // retain and release it, and those atomic operations on a million cold strings would set
    // the pace.
    let chunk = 1_024
    var raw = [UInt8](repeating: 0, count: chunk * fieldCount * 32)
    var rawStarts = [Int](repeating: 0, count: chunk * fieldCount + 1)
    /// Per value of the chunk: its length, -1 for none, -2 for a string without contiguous UTF-8.
    var rawLengths = [Int](repeating: -1, count: chunk * fieldCount)
    for chunkStart in stride(from: range.lowerBound, to: range.upperBound, by: chunk) {
      let chunkRange = chunkStart..<Swift.min(range.upperBound, chunkStart + chunk)
      var used = 0
      for index in chunkRange {
        for field in 0..<fieldCount {
          let value = (index - chunkStart) * fieldCount + field
          rawStarts[value] = used
          let length: Int?
          switch field {
          case 0: length = references[index].email?.utf8.count
          case 1: length = references[index].phone?.utf8.count
          default: length = references[index].name?.utf8.count
          }
          guard let length else {
            rawLengths[value] = -1
            continue
          }
          if used + length > raw.count { raw.append(contentsOf: repeatElement(0, count: Swift.max(raw.count, length))) }
          let copied = raw.withUnsafeMutableBufferPointer { buffer -> Int? in
            let target = buffer.baseAddress! + used
            switch field {
            case 0:
              return references[index].email?.utf8.withContiguousStorageIfAvailable {
                target.update(from: $0.baseAddress!, count: $0.count)
                return $0.count
              }
            case 1:
              return references[index].phone?.utf8.withContiguousStorageIfAvailable {
                target.update(from: $0.baseAddress!, count: $0.count)
                return $0.count
              }
            default:
              return references[index].name?.utf8.withContiguousStorageIfAvailable {
                target.update(from: $0.baseAddress!, count: $0.count)
                return $0.count
              }
            }
          }
          rawLengths[value] = copied ?? -2
          used += copied ?? 0
        }
      }
      raw.withUnsafeBufferPointer { raw in
        for index in chunkRange {
          for field in 0..<fieldCount {
            let value = (index - chunkStart) * fieldCount + field
            let length = rawLengths[value]
            guard length != -1 else { continue }
            let slot = field * count + index
            if length >= 0 {
              let written = normalized(UnsafeBufferPointer(rebasing: raw[rawStarts[value]..<(rawStarts[value] + length)]), field: field)
              if written >= 0 {
                store(UnsafeBufferPointer(rebasing: scratch[..<written]), at: slot)
                continue
              }
              guard written == Normalizer.notASCII else { continue }  // no usable value
            }
            // Not ASCII, or a string without contiguous UTF-8: the general path.
            let string: String?
            switch field {
            case 0: string = references[index].email
            case 1: string = references[index].phone
            default: string = references[index].name
            }
            guard var string else { continue }
            let fallback = string.withUTF8 { normalized($0, field: field) }
            if fallback >= 0 {
              store(UnsafeBufferPointer(rebasing: scratch[..<fallback]), at: slot)
            } else if fallback == Normalizer.notASCII, var value = general(field, string) {
              value.withUTF8 { store($0, at: slot) }
            }
          }
        }
      }
    }
    return arena
  }

  /// The bytes of the value in a slot.
  private func bytes(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
    let arena = arenas[slot % referenceCount < split ? 0 : 1]
    return UnsafeBufferPointer(start: arena.base + Int(offsets[slot]), count: Int(lengths[slot]))
  }

  private func equal(_ slot: Int, _ other: Int) -> Bool {
    lengths[slot] == lengths[other] && (lengths[slot] == 0 || memcmp(bytes(slot).baseAddress!, bytes(other).baseAddress!, Int(lengths[slot])) == 0)
  }

  /// Numbers the distinct values of a field, the two halves of the hash space in parallel.
  func number(field: Int) -> Numbered {
    var numbers = [Int32](repeating: -1, count: referenceCount)
    let halves = referenceCount >= 10_000 ? 2 : 1
    let representatives = numbers.withUnsafeMutableBufferPointer { numbers in
      let output = UnsafeSendable(value: numbers)
      return ParallelWork.map(halves) { half in self.number(field: field, half: half, of: halves, into: output.value) }
    }
    if halves == 2 {
      let offset = Int32(representatives[0].count)
      let base = field * referenceCount
      for index in numbers.indices where numbers[index] >= 0 && hashes[base + index] >> 63 == 1 { numbers[index] += offset }
    }
    return Numbered(numbers: numbers, representatives: Array(representatives.joined()))
  }

  private func number(field: Int, half: Int, of halves: Int, into numbers: UnsafeMutableBufferPointer<Int32>) -> [Int32] {
    let base = field * referenceCount
    func isMine(_ index: Int) -> Bool { lengths[base + index] >= 0 && (halves == 1 || Int(hashes[base + index] >> 63) == half) }
    var size = 16
    let mine = (0..<referenceCount).count(where: isMine)
    while size < mine * 2 { size *= 2 }
    var slots = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    var representatives: [Int32] = []
    representatives.reserveCapacity(mine)
    for index in 0..<referenceCount where isMine(index) {
      let hash = hashes[base + index]
      let tag = hash & 0xFFFF_FFFF_0000_0000
      var slot = Int(truncatingIfNeeded: hash) & mask
      while true {
        let content = slots[slot]
        if content == 0 {
          numbers[index] = Int32(representatives.count)
          representatives.append(Int32(index))
          slots[slot] = tag | UInt64(representatives.count)
          break
        }
        if content & 0xFFFF_FFFF_0000_0000 == tag {
          let candidate = Int(content & 0xFFFF_FFFF) - 1
          if equal(base + index, base + Int(representatives[candidate])) {
            numbers[index] = Int32(candidate)
            break
          }
        }
        slot = (slot + 1) & mask
      }
    }
    return representatives
  }

  /// The value of a reference in a field, which it must have.
  func string(field: Int, reference: Int) -> String {
    String(decoding: bytes(field * referenceCount + reference), as: UTF8.self)
  }

  /// The bytes of the value with a number (valid while the fields live).
  func bytes(field: Int, number: Int32, _ numbered: Numbered) -> UnsafeBufferPointer<UInt8> {
    bytes(field * referenceCount + Int(numbered.representatives[Int(number)]))
  }

}


/// Bytes appended one value after another into memory that stays put once filled, so that
/// readers can hold plain pointers into it.
private final class ByteArena: @unchecked Sendable {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = Swift.max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// Appends bytes and returns their offset.
  func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    if count + bytes.count > capacity {
      capacity = Swift.max(capacity * 2, count + bytes.count)
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      bigger.moveInitialize(from: base, count: count)
      base.deallocate()
      base = bigger
    }
    if let source = bytes.baseAddress { (base + count).initialize(from: source, count: bytes.count) }
    defer { count += bytes.count }
    return Int32(count)
  }
}

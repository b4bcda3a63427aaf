import Foundation

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
/// print(resolution.personCount, resolution.merges.count)
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
    guard let raw else { return nil }
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

  /// Normalises a phone number to digits with a country code; `nil` for placeholders,
  /// all-zero numbers and numbers under 6 digits.
  public func normalizedPhone(_ raw: String?) -> String? {
    guard let raw else { return nil }
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

  private func normalizedName(_ raw: String?) -> String? {
    guard let raw else { return nil }
    let name = raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    return configuration.placeholders.contains(name) ? nil : name
  }

  /// Resolves the orders of a log into people.
  ///
  /// - Complexity: O(*n* α(*n*)) for *n* orders, plus hashing of their identifiers.
  public func resolve(_ log: OrderLog) -> IdentityResolution {
    let count = log.orderCount
    enum Kind: Int, CaseIterable { case customerID, email, phone, nameAndAddress }
    let kindNames = ["customer id", "email", "phone", "name and address"]
    struct Key: Hashable {
      var kind: Int
      var value: String
    }
    var ordersOfKey: [Key: [Int32]] = [:]
    var keysOfOrder = [[Key]](repeating: [], count: count)
    var nameOfOrder = [String?](repeating: nil, count: count)
    for index in 0..<count {
      let reference = log.customerReference(ofOrder: index)
      let name = normalizedName(reference.name)
      nameOfOrder[index] = name
      var keys: [Key] = []
      if let id = reference.id?.trimmingCharacters(in: .whitespaces), !configuration.placeholders.contains(id.lowercased()) {
        keys.append(Key(kind: Kind.customerID.rawValue, value: id))
      }
      if let email = normalizedEmail(reference.email) { keys.append(Key(kind: Kind.email.rawValue, value: email)) }
      if let phone = normalizedPhone(reference.phone) { keys.append(Key(kind: Kind.phone.rawValue, value: phone)) }
      if configuration.matchesNameAndAddress, let name, let address = reference.address,
        let street = address.street, let zip = address.zip, let city = address.city
      {
        let value = [name, street, zip, city].map { $0.lowercased().trimmingCharacters(in: .whitespaces) }.joined(separator: "|")
        keys.append(Key(kind: Kind.nameAndAddress.rawValue, value: value))
      }
      for key in keys { ordersOfKey[key, default: []].append(Int32(index)) }
      keysOfOrder[index] = keys
    }

    // Decide which identifier values are personal.
    var ignored: [IdentityResolution.IgnoredIdentifier] = []
    var usable: Set<Key> = []
    for (key, orders) in ordersOfKey.sorted(by: { ($0.key.kind, $0.key.value) < ($1.key.kind, $1.key.value) }) {
      if key.kind != Kind.nameAndAddress.rawValue {
        let names = Set(orders.compactMap { nameOfOrder[Int($0)] })
        let ids = Set(orders.compactMap { log.customerReference(ofOrder: Int($0)).id })
        if names.count > configuration.maximumNamesPerIdentifier {
          ignored.append(.init(identifier: kindNames[key.kind], value: key.value, reason: "used by \(names.count) different names (shared, not personal)"))
          continue
        }
        if ids.count > configuration.maximumCustomerIDsPerIdentifier {
          ignored.append(.init(identifier: kindNames[key.kind], value: key.value, reason: "used by \(ids.count) customer ids"))
          continue
        }
      }
      usable.insert(key)
    }

    // Union-find over orders.
    var parent = (0..<count).map { Int32($0) }
    func find(_ x: Int32) -> Int32 {
      var root = x
      while parent[Int(root)] != root { root = parent[Int(root)] }
      var node = x
      while parent[Int(node)] != root {
        let next = parent[Int(node)]
        parent[Int(node)] = root
        node = next
      }
      return root
    }
    var merges: [IdentityResolution.Merge] = []
    for (key, orders) in ordersOfKey.sorted(by: { ($0.key.kind, $0.key.value) < ($1.key.kind, $1.key.value) })
    where usable.contains(key) && orders.count > 1 {
      var linked = false
      let first = find(orders[0])
      for order in orders.dropFirst() {
        let root = find(order)
        let target = find(first)
        if root != target {
          // The older order's root wins, so person numbering is stable.
          if root < target { parent[Int(target)] = root } else { parent[Int(root)] = target }
          linked = true
        }
      }
      if linked {
        merges.append(.init(identifier: kindNames[key.kind], value: key.value, orders: orders.map { log.orderIDs[Int($0)] }))
      }
    }

    // Number the people in order of their oldest order; orders without a usable key stay anonymous.
    var personOfRoot: [Int32: Int32] = [:]
    var personOfOrder = [Int32](repeating: -1, count: count)
    var personIDs: [String] = []
    for index in 0..<count {
      guard let key = keysOfOrder[index].first(where: { usable.contains($0) }) else { continue }
      let root = find(Int32(index))
      if let person = personOfRoot[root] {
        personOfOrder[index] = person
      } else {
        let person = Int32(personIDs.count)
        personOfRoot[root] = person
        personIDs.append(["id", "email", "phone", "name"][key.kind] + ":" + key.value)
        personOfOrder[index] = person
      }
    }
    return IdentityResolution(personOfOrder: personOfOrder, personIDs: personIDs, merges: merges, ignoredIdentifiers: ignored)
  }
}

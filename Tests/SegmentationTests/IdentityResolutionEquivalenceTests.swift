import Foundation
import Testing
import _TestSupport
@testable import Segmentation

/// The fast resolver (ASCII byte paths, interned keys, counting sorts) against a plain
/// reference written from the documented rules with Foundation string functions and
/// dictionaries, on random logs full of collisions, variants, placeholders and non-ASCII text.
struct IdentityResolutionEquivalenceTests {
  // MARK: The normalisers: ASCII fast path against the general path

  private static let emailParts = [
    "ada", "Ada", "a.da", "ADA+shop", "+x", "bo", "n/a", "NULL", " ", "\t", "@", ".", "gmail.com",
    "GoogleMail.com", "example.com", "x", "-1", "\n", "''", "0",
  ]
  private static let phoneParts = [
    "0", "00", "+", "'", " ", "49", "151", "234", "5678", "-", "(", ")", "\t", "000", "1",
    "011", "555", "39", "06", "8",
  ]
  private static let nameParts = ["Ada", "ADA", "lovelace", " ", "\t", "  ", "n/a", "Guest", "Anna", "-", "o'neil"]
  /// Countries as orders give them: ISO codes in either case, names, unknown values, none.
  private static let countries: [String?] = [
    nil, "US", "de", "DE", "Germany", " Italy ", "IT", "HU", "RU", "xx", "Narnia", "",
  ]

  private func randomText(_ parts: [String], _ generator: inout SplitMix64) -> String {
    (0..<Int(generator.next() % 6)).map { _ in parts[Int(generator.next() % UInt64(parts.count))] }.joined()
  }

  @Test(arguments: 0..<4 as Range<UInt64>)
  func asciiPathsAgreeWithTheGeneralPaths(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var configuration = DeterministicIdentityResolver.Configuration()
    if seed % 2 == 1 {
      configuration.foldsGmailDots = false
      configuration.foldsPlusAddressing = false
      configuration.defaultCountryCode = seed == 3 ? nil : "1"
      configuration.shopIdentifiers = ["ada@example.com", "491512345678", "+15678"]
    }
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    for _ in 0..<2_000 {
      let email = randomText(Self.emailParts, &generator)
      #expect(resolver.normalizedEmail(email) == resolver.generalEmail(email), "email \(email.debugDescription)")
      let phone = randomText(Self.phoneParts, &generator)
      let country = Self.countries[Int(generator.next() % UInt64(Self.countries.count))]
      #expect(
        resolver.normalizedPhone(phone, country: country) == resolver.generalPhone(phone, country: country),
        "phone \(phone.debugDescription) in \(country ?? "nil")")
      let name = randomText(Self.nameParts, &generator)
      #expect(resolver.normalizedName(name) == resolver.generalName(name), "name \(name.debugDescription)")
      let id = randomText(Self.nameParts + ["anonymous", "c1"], &generator)
      #expect(resolver.normalizedID(id) == resolver.generalID(id), "id \(id.debugDescription)")
    }
  }

  /// Country codes that make the phone fast path move digits left (none) or far right (longer
  /// than any real code), codes with a trunk prefix of two digits (Hungary) or `8` (Russia), and
  /// placeholders of every length.
  @Test(arguments: ["", "1234567", "+36", "7"])
  func asciiPathsAgreeOnUnusualConfigurations(countryCode: String) {
    var generator = SplitMix64(seed: UInt64(countryCode.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.defaultCountryCode = countryCode
    configuration.placeholders = ["x", "ada", "a.da@gmail.com", "0151", "kim lovelace and friends"]
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    for _ in 0..<2_000 {
      let phone = randomText(Self.phoneParts, &generator)
      #expect(resolver.normalizedPhone(phone) == resolver.generalPhone(phone), "phone \(phone.debugDescription)")
      let country = Self.countries[Int(generator.next() % UInt64(Self.countries.count))]
      #expect(
        resolver.normalizedPhone(phone, country: country) == resolver.generalPhone(phone, country: country),
        "phone \(phone.debugDescription) in \(country ?? "nil")")
      let email = randomText(Self.emailParts, &generator)
      #expect(resolver.normalizedEmail(email) == resolver.generalEmail(email), "email \(email.debugDescription)")
      let name = randomText(Self.nameParts + ["x", "X"], &generator)
      #expect(resolver.normalizedName(name) == resolver.generalName(name), "name \(name.debugDescription)")
      #expect(resolver.normalizedID(name) == resolver.generalID(name), "id \(name.debugDescription)")
    }
  }

  @Test func nonASCIIValuesTakeTheGeneralPath() {
    let resolver = DeterministicIdentityResolver()
    // NO-BREAK SPACE is trimmed as whitespace; Unicode case folding; fullwidth digits are not ASCII digits, so
    // only the 7 ASCII ones count.
    #expect(resolver.normalizedEmail("\u{00A0}Jürgen.Groß@Example.DE ") == "jürgen.groß@example.de")
    #expect(resolver.normalizedEmail("ÅSA+news@GMAIL.com") == "åsa@gmail.com")
    #expect(resolver.normalizedPhone("\u{00A0}+49 151 2345678") == "+491512345678")
    #expect(resolver.normalizedPhone("\u{00A0}0151 2345678", country: "Österreich") == "+431512345678")
    #expect(resolver.normalizedPhone("０１５１ 2345678") == "2345678")
    #expect(resolver.normalizedName("  Ángela\t MÜLLER ") == "ángela müller")
  }

  // MARK: The resolver against a reference

  /// The documented rules, written plainly.
  private func referenceResolve(_ log: OrderLog, _ resolver: DeterministicIdentityResolver) -> IdentityResolution {
    let configuration = resolver.configuration
    let labels = ["customer id", "email", "phone", "name and address"]
    let prefixes = ["id", "email", "phone", "name"]
    struct Key: Hashable {
      var kind: Int
      var value: String
    }
    func general(_ raw: String?, _ normalize: (String) -> String?) -> String? { raw.flatMap(normalize) }
    var keysOfOrder: [[Key]] = []
    // Values written on an order without a normalised form (not blank): by kind and value as
    // written, trimmed; and each order's, in the order written.
    var unusableOrders: [Key: [Int]] = [:]
    var unusableRaw: [Key: String] = [:]
    var unusableOfOrder: [[Key]] = []
    func isBlank(_ value: String) -> Bool { value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    var nameOfOrder: [String?] = []
    var ordersOfKey: [Key: [Int]] = [:]
    var keyOrder: [Key] = []
    for index in log.indices {
      let reference = log.customerReference(ofOrder: index)
      let name = general(reference.name, resolver.generalName)
      var keys: [Key] = []
      if let id = general(reference.id, resolver.generalID) { keys.append(Key(kind: 0, value: id)) }
      if let email = general(reference.email, resolver.generalEmail) { keys.append(Key(kind: 1, value: email)) }
      // Every phone of the order, each distinct number once, in the order written.
      for raw in reference.phones {
        guard let phone = resolver.generalPhone(raw, country: reference.address?.country),
          !keys.contains(Key(kind: 2, value: phone))
        else { continue }
        keys.append(Key(kind: 2, value: phone))
      }
      if configuration.matchesNameAndAddress, let name, let address = reference.address, let street = address.street,
        let zip = address.zip, let city = address.city
      {
        let parts = [street, zip, city].map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        keys.append(Key(kind: 3, value: ([name] + parts).joined(separator: "|")))
      }
      for key in keys {
        if ordersOfKey[key] == nil { keyOrder.append(key) }
        ordersOfKey[key, default: []].append(index)
      }
      keysOfOrder.append(keys)
      var unusable: [Key] = []
      let written = [(0, reference.id)] + [(1, reference.email)] + reference.phones.map { (2, Optional($0)) }
      for (kind, raw) in written {
        guard let raw, !isBlank(raw) else { continue }
        let normalized =
          switch kind {
          case 0: resolver.generalID(raw)
          case 1: resolver.generalEmail(raw)
          default: resolver.generalPhone(raw, country: reference.address?.country)
          }
        guard normalized == nil else { continue }
        let key = Key(kind: kind, value: raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if unusable.contains(key) { continue }
        unusable.append(key)
        unusableOrders[key, default: []].append(index)
        if unusableRaw[key] == nil { unusableRaw[key] = raw }
      }
      unusableOfOrder.append(unusable)
      nameOfOrder.append(name)
    }
    var usable: Set<Key> = []
    var ignored: [IdentityResolution.IgnoredIdentifier] = []
    var sharedOfKey: [Key: IdentityResolution.IgnoredIdentifier] = [:]
    func setAside(_ key: Key, _ reason: String, _ rule: IdentityRule) {
      sharedOfKey[key] = .init(identifier: labels[key.kind], value: key.value, reason: reason, rule: rule)
      ignored.append(
        .init(
          identifier: labels[key.kind], value: key.value, reason: reason, rule: rule,
          orders: ordersOfKey[key, default: []].map { log.orderIDs[$0] }))
    }
    var reasons: [Key: String] = [:]
    let maximum = configuration.maximumNamesPerIdentifier
    for (key, orders) in ordersOfKey.sorted(by: { ($0.key.kind, $0.key.value) < ($1.key.kind, $1.key.value) }) {
      if key.kind != 3 {
        var names: [String] = []
        for order in orders { if let name = nameOfOrder[order], !names.contains(name) { names.append(name) } }
        let ids = Set(orders.compactMap { log.customerReference(ofOrder: $0).id })
        if !configuration.matchesNameVariants && names.count > maximum {
          setAside(key, "used by \(names.count) different names (shared, not personal)", .sharedByDifferentPeople)
          continue
        }
        if configuration.matchesNameVariants && names.count > min(1, maximum) {
          let people = NameVariants.people(among: names, limit: maximum)
          if people.groups.count > maximum {
            let split = people.split.map { " (\"\(names[$0.first])\" and \"\(names[$0.second])\": \($0.reason))" } ?? ""
            let reason =
              "used by \(names.count) names of at least \(people.groups.count) different people\(split); shared, not personal"
            setAside(key, reason, .sharedByDifferentPeople)
            continue
          }
          if names.count > 1 {
            let ways = people.differences.isEmpty ? "spelling" : people.differences.joined(separator: ", ")
            reasons[key] = "names of one person (\(ways)): " + names.map { "\"\($0)\"" }.joined(separator: ", ")
          }
        }
        if ids.count > configuration.maximumCustomerIDsPerIdentifier {
          setAside(key, "used by \(ids.count) customer ids", .tooManyCustomerIDs)
          reasons[key] = nil
          continue
        }
      }
      usable.insert(key)
    }
    var parent = Array(log.indices)
    func find(_ x: Int) -> Int { parent[x] == x ? x : find(parent[x]) }
    var merges: [IdentityResolution.Merge] = []
    // Kind by kind; within a kind in order of first appearance in the log.
    for key in keyOrder.enumerated().sorted(by: { ($0.element.kind, $0.offset) < ($1.element.kind, $1.offset) }).map(
      \.element)
    where usable.contains(key) {
      let orders = ordersOfKey[key]!
      var linked = false
      for order in orders.dropFirst() {
        let a = find(order), b = find(orders[0])
        if a != b {
          parent[max(a, b)] = min(a, b)
          linked = true
        }
      }
      if linked {
        merges.append(
          .init(
            identifier: labels[key.kind], value: key.value, orders: orders.map { log.orderIDs[$0] },
            reason: reasons[key]))
      }
    }
    var personOfRoot: [Int: PersonNumber] = [:]
    var personOfOrder = [PersonNumber?](repeating: nil, count: log.orderCount)
    var personIDs: [String] = []
    for index in log.indices {
      guard let key = keysOfOrder[index].first(where: usable.contains) else { continue }
      let root = find(index)
      if personOfRoot[root] == nil {
        personOfRoot[root] = PersonNumber(personIDs.count)
        personIDs.append(prefixes[key.kind] + ":" + key.value)
      }
      personOfOrder[index] = personOfRoot[root]!
    }
    // Values without a normalised form are set aside too, with the reason of their rule.
    var unusableEntries: [Key: IdentityResolution.IgnoredIdentifier] = [:]
    for (key, orders) in unusableOrders {
      let raw = unusableRaw[key]!
      let field: IdentifierField = key.kind == 0 ? .customerID : key.kind == 1 ? .email : .phone
      let country = log.customerReference(ofOrder: orders[0]).address?.country
      let why = resolver.setAsideReason(of: field, raw, country: country)
      unusableEntries[key] = .init(identifier: labels[key.kind], value: key.value, reason: why.reason, rule: why.rule)
      ignored.append(
        .init(
          identifier: labels[key.kind], value: key.value, reason: why.reason, rule: why.rule,
          orders: orders.map { log.orderIDs[$0] }))
    }
    ignored.sort {
      (labels.firstIndex(of: $0.identifier)!, $0.value, $0.reason)
        < (labels.firstIndex(of: $1.identifier)!, $1.value, $1.reason)
    }
    // Each order without a person: its identifiers (customer id, email, phones with a
    // normalised form, then phones without), each set aside.
    var ordersSetAside: [IdentityResolution.OrderSetAside] = []
    for index in log.indices where personOfOrder[index] == nil {
      var identifiers: [IdentityResolution.IgnoredIdentifier] = []
      for kind in 0...2 {
        identifiers += keysOfOrder[index].filter { $0.kind == kind }.compactMap { sharedOfKey[$0] }
        if kind < 2 {
          identifiers += unusableOfOrder[index].filter { $0.kind == kind }.compactMap { unusableEntries[$0] }
        }
      }
      identifiers += unusableOfOrder[index].filter { $0.kind == 2 }.compactMap { unusableEntries[$0] }
      if !identifiers.isEmpty { ordersSetAside.append(.init(order: log.orderIDs[index], identifiers: identifiers)) }
    }
    return IdentityResolution(
      personOfOrder: personOfOrder, personIDs: personIDs, merges: merges, ignoredIdentifiers: ignored,
      ordersSetAside: ordersSetAside)
  }

  private func randomLog(_ generator: inout SplitMix64) throws -> OrderLog {
    func pick(_ values: [String?]) -> String? { values[Int(generator.next() % UInt64(values.count))] }
    let ids: [String?] = [nil, nil, "c1", "c2", " c2 ", "c3", "C3", "anonymous", "", "c4", "kunde-ä"]
    let emails: [String?] = [
      nil, "ada@example.com", "ADA@Example.com ", "ada+shop@example.com", "a.da@gmail.com",
      "ada@googlemail.com", "bo@example.com", "team@acme.example", "n/a", "jürgen@example.de", "Jürgen@Example.de",
      "\u{00A0}bo@example.com", "noat.example.com",
    ]
    let phones: [String?] = [
      nil, nil, "0151 2345678", "+49 151 2345678", "00491512345678", "'0151/2345678", "000000",
      "030 111111", "+49 30 111111", "12345", "+1 555 010 2030", "5550102030", "1-555-010-2030", "491512345678",
    ]
    let names: [String?] = [
      nil, "Ada Lovelace", "ada  lovelace", "Bo", "Mia Neumann", "Clara Schwarz", "Jürgen Groß",
      "JÜRGEN GROSS", "guest", "A. Lovelace", "Ada King Lovelace", "Juergen Gross", "Lovelace, Ada", "Ada Byron",
      "Anna",
    ]
    let countries: [String?] = [nil, "DE", "US", "Germany", "xx"]
    let streets: [String?] = [nil, "Hauptstr. 1", "hauptstr. 1 ", "Ring 2"]
    let count = 20 + Int(generator.next() % 60)
    let orders = (0..<count).map { index in
      let country = pick(countries)
      let address = pick(streets).map { PostalAddress(street: $0, zip: "10115", city: "Berlin", country: country) }
      // A billing and a shipping phone beside the phone, now and then.
      let additionalPhones = (0..<Int(generator.next() % 4 == 0 ? generator.next() % 3 : 0)).compactMap { _ in
        pick(phones)
      }
      return Order(
        id: "o\(index)",
        customer: CustomerReference(
          id: pick(ids), email: pick(emails), phone: pick(phones), additionalPhones: additionalPhones,
          name: pick(names), address: address),
        placedAt: Date(timeIntervalSince1970: Double(generator.next() % 400) * 86_400), total: 10)
    }
    return try OrderLog(orders)
  }

  /// A log large enough (40,000 orders; over 10,000 distinct references, keys, people and
  /// merges) that the resolver splits its work into parallel halves, which must not change the
  /// answer.
  @Test(arguments: [false, true])
  func matchesTheReferenceOnALargeLog(matchesNameAndAddress: Bool) throws {
    var generator = SplitMix64(seed: matchesNameAndAddress ? 7 : 8)
    func number(_ limit: UInt64) -> UInt64 { generator.next() % limit }
    let orders = (0..<40_000).map { index -> Order in
      let person = number(16_000)
      let email: String? =
        switch number(6) {
        case 0: nil
        case 1: "U\(person)@Example.com"
        case 2: "u\(person)+\(number(3))@example.com"
        case 3: "team@acme.example"  // shared by many names: ignored
        default: "u\(person)@example.com"
        }
      // Some orders carry a second phone: the person's own number written another way, or the
      // number of someone else (a gift's recipient).
      let additionalPhones: [String] =
        switch number(8) {
        case 0: ["+49 151 \(1_000_000 + person % 12_000)"]
        case 1: ["0160 \(2_000_000 + (person + number(3)) % 9_000)", "0151 \(1_000_000 + person % 12_000)"]
        default: []
        }
      let reference = CustomerReference(
        id: number(4) == 0 ? nil : number(20) == 0 ? "c\(person % 7_000)" : "c\(person)", email: email,
        phone: number(3) == 0 ? "0151 \(1_000_000 + person % 12_000)" : nil, additionalPhones: additionalPhones,
        name: number(10) == 0 ? "Kim Berg" : "Person \(person)",
        address: PostalAddress(street: "Ring \(person % 40)", zip: "10115", city: "Berlin"))
      return Order(
        id: "o\(index)", customer: reference, placedAt: Date(timeIntervalSince1970: Double(number(700)) * 86_400),
        total: 10)
    }
    let log = try OrderLog(orders)
    #expect(log.references.count > 10_000)
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.matchesNameAndAddress = matchesNameAndAddress
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    let fast = resolver.resolve(log)
    let reference = referenceResolve(log, resolver)
    #expect(fast.personCount > 10_000 && fast.mergeCount > 10_000)
    #expect(fast.personOfOrder == reference.personOfOrder)
    #expect(fast.personIDs == reference.personIDs)
    #expect(fast.ignoredIdentifiers == reference.ignoredIdentifiers)
    #expect(fast.merges == reference.merges)
    #expect(fast.ordersSetAside == reference.ordersSetAside)
    // The team inbox is set aside; orders that had nothing else are listed with it (with names
    // and addresses matched, every order has its name and address left).
    #expect(fast.ignoredIdentifiers.contains { $0.value == "team@acme.example" && $0.rule == .sharedByDifferentPeople })
    #expect(fast.ordersSetAside.isEmpty == matchesNameAndAddress)
  }

  @Test(arguments: 0..<40 as Range<UInt64>)
  func matchesTheReferenceOnRandomLogs(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.matchesNameAndAddress = seed % 2 == 0
    configuration.maximumNamesPerIdentifier = Int(seed % 3)
    configuration.matchesNameVariants = seed % 7 != 3
    if seed % 4 == 1 { configuration.defaultCountryCode = "49" }
    configuration.maximumCustomerIDsPerIdentifier = 1 + Int(seed % 4)
    if seed % 5 == 0 { configuration.shopIdentifiers = ["bo@example.com", "4930111111"] }
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    let log = try randomLog(&generator)
    let fast = resolver.resolve(log)
    let reference = referenceResolve(log, resolver)
    #expect(fast.personOfOrder == reference.personOfOrder)
    #expect(fast.personIDs == reference.personIDs)
    #expect(fast.ignoredIdentifiers == reference.ignoredIdentifiers)
    #expect(fast.merges == reference.merges)
    #expect(fast.ordersSetAside == reference.ordersSetAside)
    // Every random log has values set aside (placeholders are among its values).
    #expect(!fast.ordersSetAside.isEmpty && fast.ignoredIdentifiers.contains { $0.rule == .placeholder })
  }
}

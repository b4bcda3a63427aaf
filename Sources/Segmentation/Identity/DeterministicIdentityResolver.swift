import Foundation
import _RetentionSupport

/// Deterministic identity resolution by exact matches of normalised identifiers, as customer
/// data platforms do it (Segment, RudderStack, Klaviyo, Shopify; REFERENCES.md).
///
/// Orders are linked (union-find) when they share a customer id, a normalised email, a
/// normalised phone number (every phone of an order counts: ``CustomerReference/phone`` and
/// ``CustomerReference/additionalPhones``, Shopify's Phone, Billing Phone and Shipping Phone),
/// or, when ``Configuration/matchesNameAndAddress`` is on, the same name *and* full address.
/// Safeguards:
///
/// - **Names alone never merge**: two Anna Müllers are two people unless an identifier links them.
/// - **Placeholders are blocked**: empty values, `null`, `-1`, `anonymous`, `n/a`, `none`,
///   all-zero phones, and the shop's own addresses (``Configuration/shopIdentifiers``); each
///   value written on an order and blocked is in ``IdentityResolution/ignoredIdentifiers`` with
///   its ``IdentityRule`` and reason.
/// - **Shared identifiers are not personal**: an email, phone or customer id whose orders carry
///   the names of clearly different people (a company inbox shared by colleagues, a family's
///   phone: different given names, or surnames neither of which extends the other) is ignored,
///   with the two names and why in ``IdentityResolution/ignoredIdentifiers``; and so is any value
///   used by more than ``Configuration/maximumNamesPerIdentifier`` people or more than
///   ``Configuration/maximumCustomerIDsPerIdentifier`` distinct customer ids. One person writing
///   their name in several ways (a middle name, an initial, ü/ue, accents) is one person, and
///   the merge says so in ``IdentityResolution/Merge/reason``.
/// - **Phones in E.164**: with the order's own country, else
///   ``Configuration/defaultCountryCode`` (no default); `+1 555 010 2030` and `5550102030` on a
///   US order are one number.
/// - **Guest orders** join a person only through an identifier. An order whose identifiers were
///   all set aside has no person, and ``IdentityResolution/ordersSetAside`` says why.
///
/// Each normalisation rule is written out in the file named after it (`EmailNormalization.swift`,
/// `PhoneNormalization.swift`, `NameNormalization.swift`, `CustomerIDNormalization.swift`), the
/// shared-identifier rule in `SharedIdentifiers.swift` with the name rule in `NameVariants.swift`,
/// and the linking in `PersonLinking.swift`.
///
/// ```swift
/// let resolution = DeterministicIdentityResolver().resolve(log)
/// print(resolution.personCount, resolution.mergeCount)
/// ```
public struct DeterministicIdentityResolver: IdentityResolver, Hashable {
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
  ///
  /// - Parameter raw: The email as written.
  /// - Returns: The value orders are linked by, or `nil`.
  /// - Complexity: O(*n*) for *n* characters.
  public func normalizedEmail(_ raw: String?) -> String? { normalized(raw, .email, rule: generalEmail) }

  /// Normalises a phone number to its international (E.164) form, `+` and digits (`+15550102030`),
  /// or to its digits when the number is national and no country is known; `nil` for
  /// placeholders, all-zero numbers and numbers under 6 digits.
  ///
  /// A national number takes the order's own country, else ``Configuration/defaultCountryCode``
  /// (no default: no country is ever assumed). The rule, with its examples, is written out in
  /// `PhoneNormalization.swift`.
  ///
  /// - Parameters:
  ///   - raw: The number as written.
  ///   - country: The order's country: an ISO 3166-1 alpha-2 code (`US`) or a name
  ///     (`United States`, `Deutschland`), as in ``PostalAddress/country``; `nil` if unknown.
  /// - Returns: The value orders are linked by, or `nil`.
  /// - Complexity: O(*n*) for *n* characters.
  public func normalizedPhone(_ raw: String?, country: String? = nil) -> String? {
    normalized(raw, .phone, country: country) { generalPhone($0, country: country) }
  }

  /// A name lowercased with runs of spaces and tabs folded to one space; `nil` for placeholders.
  func normalizedName(_ raw: String?) -> String? { normalized(raw, .name, rule: generalName) }

  /// A customer id trimmed of spaces and tabs; `nil` for placeholders (compared lowercased).
  func normalizedID(_ raw: String?) -> String? { normalized(raw, .customerID, rule: generalID) }

  /// A value normalised by the fast path of its field, or by the rule itself when not ASCII.
  private func normalized(
    _ raw: String?, _ field: IdentifierField, country: String? = nil, rule: (String) -> String?
  ) -> String? {
    guard let raw else { return nil }
    var scratch = ByteScratch()
    let callingCode = country.flatMap(CallingCode.init(country:))
    switch UTF8Bytes.read(
      raw,
      {
        IdentifierNormalizer(configuration).normalize(field, $0, callingCode: callingCode, into: &scratch)
      })
    {
    case .normalized(let count): return scratch.read(count: count) { $0.string }
    case .noValue: return nil
    case .needsRule: return rule(raw)
    }
  }

  /// Resolves the orders of a log into people.
  ///
  /// Identifiers are applied kind by kind (customer ids, then emails, phones, and name with
  /// address), and within a kind in order of their oldest order; ``IdentityResolution/merges``
  /// lists them in that order, ``IdentityResolution/ignoredIdentifiers`` by kind and value, and
  /// ``IdentityResolution/ordersSetAside`` in log order. The people do not depend on that order:
  /// each person is numbered by their oldest order.
  ///
  /// A log whose orders carry nothing but customer ids, each already in its normalised form (a
  /// database table of orders, CDNOW), is resolved without linking: its people are its
  /// customers, with the same ids, merges and audit as the steps would give.
  ///
  /// - Parameter log: The order log.
  /// - Returns: The person of every order, the merges, the ignored identifiers and the orders
  ///   set aside.
  /// - Complexity: O(*n* α(*n*)) for *n* orders, plus normalising and hashing the identifiers of
  ///   each distinct customer reference once; O(*n* + *c*) for *c* customers when the orders
  ///   carry only customer ids.
  public func resolve(_ log: OrderLog) -> IdentityResolution {
    // A log whose orders carry nothing but customer ids (a database table, CDNOW): its people
    // are its customers, found without linking (`DeterministicIdentityResolver+CustomerIDs.swift`).
    resolutionByCustomerIDs(of: log) ?? resolveByLinking(log)
  }

  /// Resolves the orders of a log by the steps of ``resolve(_:)`` for any log: the plain
  /// reference of ``resolutionByCustomerIDs(of:)``.
  func resolveByLinking(_ log: OrderLog) -> IdentityResolution {
    // 1-2. Every identifier value normalised once and numbered as a key.
    let keys = IdentifierKeys(of: log, resolver: self)
    // The orders of each key, oldest first.
    let ordersOfKey = keys.ordersOfKeys(in: log)
    // 3. Shared identifiers (a company inbox, a switchboard) are not personal.
    let personal = SharedIdentifiers.personalKeys(
      keys, ordersOfKey: ordersOfKey, log: log, configuration: configuration)
    // 4. Orders linked through the personal keys.
    let linking = PersonLinking(
      keys: keys, ordersOfKey: ordersOfKey, usable: personal.usable, referenceOfOrder: log.orderReferenceIndices)
    // 5. People numbered by their oldest order, each with an id.
    let people = linking.people(keys: keys, usable: personal.usable, referenceOfOrder: log.orderReferenceIndices)
    // 6. What was set aside, and the orders left without a person because of it.
    let audit = IdentityAudit(
      keys: keys, ordersOfKey: ordersOfKey, shared: personal.shared, personOfOrder: people.personOfOrder, log: log,
      resolver: self)
    return IdentityResolution(
      personOfOrder: people.personOfOrder, personIDs: people.personIDs,
      merges: linking.merges(
        keys: keys, ordersOfKey: ordersOfKey, orderIDs: log.orderIDs, reasons: personal.reasons),
      ignoredIdentifiers: audit.ignored, ordersSetAside: audit.ordersSetAside)
  }
}

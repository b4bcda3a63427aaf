public import RetentionCore
import _RetentionSupport

/// Finds the person of an event's customer string: the people of an identity resolution,
/// reached through the customer ids, the person ids and the emails of their orders.
///
/// An event file names its customer by the order file's customer id or by an email (a
/// newsletter signup, a message sent to an address). The matcher tries, in turn:
///
/// 1. **the customer id** of an order (normalised by the resolver's customer id rule: trimmed,
///    case kept); its orders' person;
/// 2. **a person id** of the resolution (`email:ada@example.com`), for events already keyed;
/// 3. **an email** of an order (normalised by the resolver's email rule: trimmed, lowercased,
///    plus-addressing and Gmail dots folded as configured); its orders' person.
///
/// A string whose orders belong to several people (a customer id or email the resolver set
/// aside as shared, a company inbox) matches none of them: events are never attached to anyone
/// by guesswork. A string that matches no person (a subscriber who never bought) matches
/// nothing.
///
/// ```swift
/// let resolver = DeterministicIdentityResolver()
/// let resolution = resolver.resolve(log)
/// let matcher = EventCustomerMatcher(resolution: resolution, orders: log, resolver: resolver)
/// matcher.person(forEventCustomer: "Ada@Example.com")   // the person of ada@example.com's orders
/// ```
public struct EventCustomerMatcher: Sendable {
  /// How a customer string matched.
  public enum Match: Sendable, Hashable {
    /// Through an order's customer id.
    case customerID(PersonNumber)
    /// As a person's id.
    case personID(PersonNumber)
    /// Through an order's email.
    case email(PersonNumber)
    /// It names orders of several people, and so no one.
    case ambiguous
    /// It names no order and no person.
    case none

    /// The person matched, if any.
    public var person: PersonNumber? {
      switch self {
      case .customerID(let person), .personID(let person), .email(let person): person
      case .ambiguous, .none: nil
      }
    }
  }

  private let resolver: DeterministicIdentityResolver
  private let normalizer: IdentifierNormalizer
  private let customerIDs: ByteInterner
  /// The person of each normalised customer id, or -2 for several.
  private let personOfCustomerID: [Int32]
  private let emails: ByteInterner
  /// The person of each normalised email, or -2 for several.
  private let personOfEmail: [Int32]
  private let personIDs: ByteInterner
  /// The person of each person id (-2 for an id two people share, which a resolver never gives).
  private let personOfPersonID: [Int32]

  /// Indexes the customer ids, person ids and emails of a resolution's orders.
  ///
  /// - Parameters:
  ///   - resolution: A resolution of `orders`.
  ///   - orders: The order log the resolution was made from (or that log keyed by person: the
  ///     identifiers are read as imported).
  ///   - resolver: The resolver whose customer id and email rules normalise the strings (the
  ///     one that made the resolution; the default configuration by default).
  /// - Complexity: O(*n* + *r*) for *n* orders and *r* distinct customer references.
  public init(
    resolution: IdentityResolution, orders: OrderLog,
    resolver: DeterministicIdentityResolver = DeterministicIdentityResolver()
  ) {
    precondition(resolution.personOfOrder.count == orders.orderCount, "the resolution is of another log")
    let normalizer = IdentifierNormalizer(resolver.configuration)
    let fields = orders.identityFields
    var personOfReference = [Int32](repeating: -1, count: fields.references.count)
    for order in 0..<fields.orderCount {
      guard let person = resolution.personOfOrder[order] else { continue }
      Self.add(Int32(person.rawValue), to: &personOfReference[fields.referenceIndex(ofOrder: order)])
    }
    var customerIDs = ByteInterner(capacity: fields.references.count)
    var emails = ByteInterner(capacity: fields.references.count)
    var personOfCustomerID: [Int32] = []
    var personOfEmail: [Int32] = []
    var scratch = ByteScratch()
    for (index, reference) in fields.references.enumerated() where personOfReference[index] != -1 {
      let person = personOfReference[index]
      func add(_ field: IdentifierField, _ raw: String?, _ interner: inout ByteInterner, _ persons: inout [Int32]) {
        guard let raw else { return }
        Self.withNormalized(field, raw, resolver: resolver, normalizer: normalizer, scratch: &scratch) { bytes in
          guard let bytes else { return }
          let entry = Int(interner.intern(bytes))
          if entry == persons.count { persons.append(-1) }
          Self.add(person, to: &persons[entry])
        }
      }
      add(.customerID, reference.id, &customerIDs, &personOfCustomerID)
      add(.email, reference.email, &emails, &personOfEmail)
    }
    var personIDs = ByteInterner(capacity: resolution.personCount)
    var personOfPersonID: [Int32] = []
    for (person, id) in resolution.personIDs.enumerated() {
      let entry = Int(personIDs.intern(id))
      if entry == personOfPersonID.count { personOfPersonID.append(-1) }
      Self.add(Int32(person), to: &personOfPersonID[entry])
    }
    self.resolver = resolver
    self.normalizer = normalizer
    self.customerIDs = customerIDs
    self.personOfCustomerID = personOfCustomerID
    self.emails = emails
    self.personOfEmail = personOfEmail
    self.personIDs = personIDs
    self.personOfPersonID = personOfPersonID
  }

  /// How an event's customer string matches a person.
  ///
  /// - Parameter customer: The `customer` of an event.
  /// - Complexity: O(*k*) on average for a string of *k* bytes.
  public func match(_ customer: String) -> Match {
    var scratch = ByteScratch()
    var isAmbiguous = false
    func lookUp(_ field: IdentifierField, _ interner: ByteInterner, _ persons: [Int32]) -> PersonNumber? {
      let person = Self.withNormalized(field, customer, resolver: resolver, normalizer: normalizer, scratch: &scratch) {
        bytes -> Int32 in
        guard let bytes, let entry = interner.number(of: bytes) else { return -1 }
        return persons[Int(entry)]
      }
      if person == -2 { isAmbiguous = true }
      return person >= 0 ? PersonNumber(Int(person)) : nil
    }
    if let person = lookUp(.customerID, customerIDs, personOfCustomerID) { return .customerID(person) }
    if let entry = personIDs.number(of: customer) {
      let person = personOfPersonID[Int(entry)]
      if person >= 0 { return .personID(PersonNumber(Int(person))) }
      isAmbiguous = true
    }
    if let person = lookUp(.email, emails, personOfEmail) { return .email(person) }
    return isAmbiguous ? .ambiguous : .none
  }

  /// The person of an event's customer string, or `nil` when it matches no one (or several).
  ///
  /// - Parameter customer: The `customer` of an event.
  /// - Complexity: O(*k*) on average for a string of *k* bytes.
  public func person(forEventCustomer customer: String) -> PersonNumber? { match(customer).person }

  /// Records a person for a value: the first person, or -2 once a second one appears.
  private static func add(_ person: Int32, to slot: inout Int32) {
    if slot == -1 || person == -2 {
      slot = person
    } else if slot != person {
      slot = -2
    }
  }

  /// Calls `body` with the bytes of a value normalised by a field's rule (its fast path, or the
  /// rule itself for text that is not ASCII), or with `nil` for no value.
  private static func withNormalized<Result>(
    _ field: IdentifierField, _ raw: String, resolver: DeterministicIdentityResolver, normalizer: IdentifierNormalizer,
    scratch: inout ByteScratch, _ body: (ByteView?) -> Result
  ) -> Result {
    switch UTF8Bytes.read(raw, { normalizer.normalize(field, $0, into: &scratch) }) {
    case .normalized(let count): return scratch.read(count: count) { body($0) }
    case .noValue: return body(nil)
    case .needsRule:
      let value = field == .email ? resolver.generalEmail(raw) : resolver.generalID(raw)
      guard let value else { return body(nil) }
      return UTF8Bytes.read(value) { body($0) }
    }
  }
}

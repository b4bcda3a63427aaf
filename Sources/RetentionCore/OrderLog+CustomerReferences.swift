extension OrderLog {
  /// The distinct customer references of a log, in order of first appearance: a random-access
  /// collection of ``CustomerReference`` values, stored as the customer ids alone while every
  /// reference holds nothing but an id.
  ///
  /// A log built from database rows or a CDNOW file has one reference per customer that holds
  /// only the customer's id (and, with guest orders, one empty reference). Stored as ids, such a
  /// reference takes the 16 bytes of its id instead of a whole ``CustomerReference`` (192 bytes
  /// with its empty email, phones, name, company and address): 176 MB less for a million
  /// customers. Reading one builds the reference:
  ///
  /// ```swift
  /// let references = log.identityFields.references
  /// for reference in references where reference.email != nil { print(reference) }
  /// let all = Array(references)  // [CustomerReference]
  /// ```
  ///
  /// Two collections are equal when they hold the same references in the same order, however
  /// they store them.
  public struct CustomerReferences: RandomAccessCollection, Sendable, Equatable {
    private enum Storage: Sendable {
      /// The references themselves.
      case references([CustomerReference])
      /// The customer id of each reference, which holds nothing else (`nil`: the empty reference
      /// of guest orders).
      case ids([String?])
    }

    private var storage: Storage

    /// No references.
    package init() { storage = .ids([]) }

    /// The given references.
    package init(_ references: [CustomerReference]) { storage = .references(references) }

    /// One reference per id that holds only that id (without allocating the references).
    package init(customerIDs: [String]) { storage = .ids(customerIDs.map { $0 }) }

    /// The first position.
    public var startIndex: Int { 0 }

    /// One past the last position.
    public var endIndex: Int {
      switch storage {
      case .references(let references): references.count
      case .ids(let ids): ids.count
      }
    }

    /// The reference at a position.
    ///
    /// - Parameter position: A position in `0..<count`.
    public subscript(position: Int) -> CustomerReference {
      switch storage {
      case .references(let references): references[position]
      case .ids(let ids): CustomerReference(id: ids[position])
      }
    }

    /// The id, email and phone of the reference at a position (for this package's modules):
    /// the same as those fields of `self[position]`, read without building the reference.
    ///
    /// - Parameter position: A position in `0..<count`.
    package func contactFields(at position: Int) -> (id: String?, email: String?, phone: String?) {
      switch storage {
      case .references(let references):
        (references[position].id, references[position].email, references[position].phone)
      case .ids(let ids): (ids[position], nil, nil)
      }
    }

    /// Whether every reference holds nothing but a customer id (or nothing, for guest orders):
    /// then the ids are the only identifiers of the log's orders.
    ///
    /// - Complexity: O(1) for references stored as ids, else O(*r*) for *r* references.
    package var holdOnlyCustomerIDs: Bool {
      switch storage {
      case .references(let references): references.allSatisfy(\.carriesOnlyAnID)
      case .ids: true
      }
    }

    /// Reserves room for `capacity` references.
    package mutating func reserveCapacity(_ capacity: Int) {
      switch storage {
      case .references(var references):
        storage = .ids([])  // so that the array is not shared while it grows
        references.reserveCapacity(capacity)
        storage = .references(references)
      case .ids(var ids):
        storage = .ids([])
        ids.reserveCapacity(capacity)
        storage = .ids(ids)
      }
    }

    /// Appends a reference; the first one that holds more than an id makes the collection store
    /// references (converting the ids so far, once).
    ///
    /// - Complexity: Amortised O(1), and O(*r*) for the first reference with more than an id.
    package mutating func append(_ reference: CustomerReference) {
      if reference.carriesOnlyAnID {
        append(onlyID: reference.id)
        return
      }
      switch storage {
      case .references(var references):
        storage = .ids([])
        references.append(reference)
        storage = .references(references)
      case .ids(let ids):
        var references: [CustomerReference] = []
        references.reserveCapacity(Swift.max(ids.capacity, ids.count + 1))
        references.append(contentsOf: ids.lazy.map { CustomerReference(id: $0) })
        references.append(reference)
        storage = .references(references)
      }
    }

    /// Appends a reference that holds only a customer id (`nil`: the empty reference).
    ///
    /// - Complexity: Amortised O(1).
    package mutating func append(onlyID id: String?) {
      switch storage {
      case .references(var references):
        storage = .ids([])
        references.append(CustomerReference(id: id))
        storage = .references(references)
      case .ids(var ids):
        storage = .ids([])
        ids.append(id)
        storage = .ids(ids)
      }
    }

    /// Whether two collections hold the same references in the same order.
    ///
    /// - Complexity: O(*r*) for *r* references.
    public static func == (lhs: Self, rhs: Self) -> Bool {
      if case .ids(let left) = lhs.storage, case .ids(let right) = rhs.storage { return left == right }
      return lhs.elementsEqual(rhs)
    }
  }
}

extension CustomerReference {
  /// Whether the reference has no field but its id (checked without copying the address, which
  /// `address == nil` does).
  package var carriesOnlyAnID: Bool {
    guard email == nil, phone == nil, additionalPhones.isEmpty, name == nil, company == nil else { return false }
    if case .some = address { return false }
    return true
  }
}

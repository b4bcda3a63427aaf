extension OrderLog {
  /// The fields an identity resolver reads, with each distinct customer reference stored once.
  ///
  /// Many orders carry the same reference (the same customer id, email, phone, name, company and
  /// address), so a resolver does its normalisation once per distinct reference and then maps
  /// orders to references. The built-in `DeterministicIdentityResolver` works this way; any
  /// other `IdentityResolver` can do the same through this view:
  ///
  /// ```swift
  /// let fields = log.identityFields
  /// let emails = fields.references.map { $0.email?.lowercased() }
  /// for order in 0..<fields.orderCount {
  ///   let email = emails[fields.referenceIndex(ofOrder: order)]
  ///   // ...
  /// }
  /// ```
  public struct IdentityFields: Sendable {
    /// The distinct customer references of the log, in order of first appearance, as imported
    /// (in a log keyed by person too: with the shop's customer ids).
    public let references: OrderLog.CustomerReferences
    private let referenceOfOrder: [Int32]

    init(references: OrderLog.CustomerReferences, referenceOfOrder: [Int32]) {
      self.references = references
      self.referenceOfOrder = referenceOfOrder
    }

    /// The number of orders of the log.
    public var orderCount: Int { referenceOfOrder.count }

    /// The position in ``references`` of the reference of an order.
    ///
    /// - Parameter orderIndex: An order index in `0..<orderCount` (0 is the oldest order).
    public func referenceIndex(ofOrder orderIndex: Int) -> Int {
      Int(referenceOfOrder[orderIndex])
    }
  }

  /// The distinct customer references of the log and the reference of every order.
  ///
  /// - Complexity: O(1); the view shares the log's storage.
  public var identityFields: IdentityFields {
    IdentityFields(references: references, referenceOfOrder: orderReferenceIndices)
  }

  /// The shop's customer id of the order at an index, or `nil` for a guest order.
  ///
  /// - Parameter orderIndex: An order index in `0..<orderCount`.
  public func customerID(ofOrder orderIndex: Int) -> String? {
    let number = orderCustomers[orderIndex]
    return number < 0 ? nil : customerIDs[Int(number)]
  }
}

/// Where each customer's contact comes from: per customer number of the order log, the
/// reference of the newest order (by time, then by order id) with an email, of the newest with a
/// phone and of the newest with a shop's customer id, found in one pass over the orders in their
/// order.
///
/// ``contact(of:orderCustomer:)`` gives exactly ``PersonContact/init(person:orderCustomer:orders:)``
/// (which walks one person's orders newest first), without walking each person's orders from
/// memory far apart: a plan spells out the contacts of hundreds of thousands of people.
struct ContactSources: Sendable {
  private let orders: OrderLog
  /// The log's distinct references (held here: reading them through the log per person would
  /// retain its arrays from both threads).
  private let references: OrderLog.CustomerReferences
  /// Per customer number: the reference (a position in the log's distinct references) of the
  /// newest order with a non-empty email, phone, and customer id (which may be empty), or -1.
  private var emailReference: [Int32], phoneReference: [Int32], idReference: [Int32]

  /// The sources of an order log's customers.
  ///
  /// - Complexity: O(*n* + *r*) for *n* orders and *r* distinct references.
  init(orders: OrderLog) {
    self.orders = orders
    let count = orders.customerCount
    let fields = orders.identityFields, references = fields.references
    self.references = references
    // Which fields each distinct reference has, read once per reference.
    let presence = references.indices.map { position in
      let fields = references.contactFields(at: position)
      return (
        hasID: fields.id != nil, hasEmail: !(fields.email?.isEmpty ?? true), hasPhone: !(fields.phone?.isEmpty ?? true)
      )
    }
    let times = orders.orderTimes, ids = orders.orderIDs
    var emailOrder = [Int32](repeating: -1, count: count), phoneOrder = emailOrder, idOrder = emailOrder
    // Whether order `a` comes before order `b` newest first (the later time, then the larger id).
    func isNewer(_ a: Int, than b: Int32) -> Bool {
      guard b >= 0 else { return true }
      let b = Int(b)
      return times[a] != times[b] ? times[a] > times[b] : ids[a] > ids[b]
    }
    for order in orders.indices {
      let customer = Int(orders.orderCustomers[order])
      guard customer >= 0 else { continue }
      let has = presence[fields.referenceIndex(ofOrder: order)]
      if has.hasEmail, isNewer(order, than: emailOrder[customer]) { emailOrder[customer] = Int32(order) }
      if has.hasPhone, isNewer(order, than: phoneOrder[customer]) { phoneOrder[customer] = Int32(order) }
      if has.hasID, isNewer(order, than: idOrder[customer]) { idOrder[customer] = Int32(order) }
    }
    func reference(_ order: Int32) -> Int32 { order < 0 ? -1 : Int32(fields.referenceIndex(ofOrder: Int(order))) }
    emailReference = emailOrder.map(reference)
    phoneReference = phoneOrder.map(reference)
    idReference = idOrder.map(reference)
  }

  /// The contact of a person whose customer number in the order log is known (`nil`: none).
  ///
  /// A customer number always has orders (the log numbers the customers of its orders).
  func contact(of person: String, orderCustomer: Int?) -> PersonContact {
    guard let customer = orderCustomer else { return PersonContact(person: person, orderCustomer: nil, orders: orders) }
    let email = emailReference[customer], phone = phoneReference[customer], id = idReference[customer]
    // Most contacts come from one reference: read once.
    let emailFields = email < 0 ? nil : references.contactFields(at: Int(email))
    let phoneFields = phone < 0 ? nil : phone == email ? emailFields : references.contactFields(at: Int(phone))
    let idFields =
      id < 0 ? nil : id == email ? emailFields : id == phone ? phoneFields : references.contactFields(at: Int(id))
    return PersonContact(customer: idFields?.id, email: emailFields?.email, phone: phoneFields?.phone)
  }
}

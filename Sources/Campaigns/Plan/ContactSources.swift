/// Where each customer's contact comes from: per customer number of the order log, the newest
/// order (by time, then by order id) with an email, the newest with a phone and the newest with
/// a shop's customer id, found in one pass over the orders in their order.
///
/// ``contact(of:orderCustomer:)`` gives exactly ``PersonContact/init(person:orderCustomer:orders:)``
/// (which walks one person's orders newest first), without walking each person's orders from
/// memory far apart: a plan spells out the contacts of hundreds of thousands of people.
struct ContactSources {
  private let orders: OrderLog
  /// Per customer number: the order index of the newest order with a non-empty email, phone,
  /// and customer id (which may be empty), or -1.
  private var emailOrder: [Int32], phoneOrder: [Int32], idOrder: [Int32]

  /// The sources of an order log's customers.
  ///
  /// - Complexity: O(*n*) for *n* orders.
  init(orders: OrderLog) {
    self.orders = orders
    emailOrder = Array(repeating: -1, count: orders.customerCount)
    phoneOrder = emailOrder
    idOrder = emailOrder
    let fields = orders.identityFields, references = fields.references
    let times = orders.orderTimes, ids = orders.orderIDs
    // Whether order `a` comes before order `b` newest first (the later time, then the larger id).
    func isNewer(_ a: Int, than b: Int32) -> Bool {
      guard b >= 0 else { return true }
      let b = Int(b)
      return times[a] != times[b] ? times[a] > times[b] : ids[a] > ids[b]
    }
    for order in orders.indices {
      let customer = Int(orders.orderCustomers[order])
      guard customer >= 0 else { continue }
      let reference = references.contactFields(at: fields.referenceIndex(ofOrder: order))
      if let email = reference.email, !email.isEmpty, isNewer(order, than: emailOrder[customer]) {
        emailOrder[customer] = Int32(order)
      }
      if let phone = reference.phone, !phone.isEmpty, isNewer(order, than: phoneOrder[customer]) {
        phoneOrder[customer] = Int32(order)
      }
      if reference.id != nil, isNewer(order, than: idOrder[customer]) { idOrder[customer] = Int32(order) }
    }
  }

  /// The contact of a person whose customer number in the order log is known (`nil`: none).
  func contact(of person: String, orderCustomer: Int?) -> PersonContact {
    guard let customer = orderCustomer, !orders.orderIndices(ofCustomerNumber: customer).isEmpty else {
      return PersonContact(person: person, orderCustomer: nil, orders: orders)
    }
    let fields = orders.identityFields, references = fields.references
    func fieldsOfOrder(_ order: Int32) -> (id: String?, email: String?, phone: String?)? {
      order < 0 ? nil : references.contactFields(at: fields.referenceIndex(ofOrder: Int(order)))
    }
    return PersonContact(
      customer: fieldsOfOrder(idOrder[customer])?.id, email: fieldsOfOrder(emailOrder[customer])?.email,
      phone: fieldsOfOrder(phoneOrder[customer])?.phone)
  }
}

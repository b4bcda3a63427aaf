/// How to reach a person: the shop's customer id, email and phone of the person's latest
/// order that has each (``OrderLog/identityFields`` keeps the shop's customer ids of a
/// person-keyed log); for a person without orders, the person id when it is an email address.
struct PersonContact {
  var customer: String?
  var email: String?
  var phone: String?

  /// A contact of these fields.
  init(customer: String?, email: String?, phone: String?) {
    self.customer = customer
    self.email = email
    self.phone = phone
  }

  /// The contact of a person whose customer number in the order log is known (`nil`: none).
  ///
  /// The log is borrowed: an initializer's arguments are otherwise passed owned, which copies
  /// the log (retaining each of its arrays) for every person.
  init(person: String, orderCustomer: Int?, orders: borrowing OrderLog) {
    let indices = orderCustomer.map { orders.orderIndices(ofCustomerNumber: $0).map { Int($0) } } ?? []
    guard !indices.isEmpty else {
      if person.contains("@") { email = person }
      return
    }
    let fields = orders.identityFields
    // Newest first; orders at one instant by id, whatever the input order.
    // The log lists a customer's orders oldest first: reversed, unless two share an instant.
    let times = orders.orderTimes
    let newestFirst =
      zip(indices, indices.dropFirst()).contains { times[$0] == times[$1] }
      ? indices.sorted { (times[$0], orders.orderIDs[$0]) > (times[$1], orders.orderIDs[$1]) }
      : indices.reversed()
    // The imported reference's email and phone are those of `customerReference(ofOrder:)`
    // (which replaces only the id, by the person's).
    let references = fields.references
    for index in newestFirst {
      // The three fields only (the collection's subscript builds the whole reference).
      let reference = references.contactFields(at: fields.referenceIndex(ofOrder: index))
      if email == nil, let value = reference.email, !value.isEmpty { email = value }
      if phone == nil, let value = reference.phone, !value.isEmpty { phone = value }
      if customer == nil, let value = reference.id { customer = value }
      if email != nil && phone != nil && customer != nil { break }
    }
  }
}

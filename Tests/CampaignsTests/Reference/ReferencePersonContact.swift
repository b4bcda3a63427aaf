import Foundation
@testable import Campaigns

// How to reach a person as `PersonContact` found it before it read the imported references'
// fields in place (commit 6dc36ed): every order's `customerReference(ofOrder:)`, newest first.

/// The shop's customer id, email and phone of the person's latest order that has each; for a
/// person without orders, the person id when it is an email address.
struct ReferencePersonContact {
  var customer: String?
  var email: String?
  var phone: String?

  init(person: String, orders: OrderLog) {
    let indices = orders.orderIndices(ofCustomer: person)
    guard !indices.isEmpty else {
      if person.contains("@") { email = person }
      return
    }
    let fields = orders.identityFields
    let newestFirst = indices.sorted {
      (orders.orderTimes[$0], orders.orderIDs[$0]) > (orders.orderTimes[$1], orders.orderIDs[$1])
    }
    for index in newestFirst {
      let reference = orders.customerReference(ofOrder: index)
      if email == nil, let value = reference.email, !value.isEmpty { email = value }
      if phone == nil, let value = reference.phone, !value.isEmpty { phone = value }
      if customer == nil, let value = fields.references[fields.referenceIndex(ofOrder: index)].id { customer = value }
    }
  }
}

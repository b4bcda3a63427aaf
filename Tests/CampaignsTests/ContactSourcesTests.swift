import Foundation
import RetentionCore
import Segmentation
import Testing

@testable import Campaigns

/// The contacts from one pass over the orders (`ContactSources`) against the plain walk of each
/// person's orders newest first (`PersonContact`), on the simulated shop (guest checkouts,
/// phones, companies) and on orders that share instants, each log as imported and keyed by person.
struct ContactSourcesTests {
  static func expectSameContacts(_ log: OrderLog, people extra: [String]) {
    let sources = ContactSources(orders: log)
    for person in log.customerIDs + extra {
      let number = log.customerNumber(of: person)
      let plain = PersonContact(person: person, orderCustomer: number, orders: log)
      let fast = sources.contact(of: person, orderCustomer: number)
      #expect(fast.customer == plain.customer, "\(person)")
      #expect(fast.email == plain.email, "\(person)")
      #expect(fast.phone == plain.phone, "\(person)")
    }
  }

  @Test(arguments: [1, 2] as [UInt64])
  func theSimulatedShopsContactsAreThoseOfTheWalk(seed: UInt64) throws {
    let shop = try PlanEquivalenceTests.shop(seed: seed)
    let log = try OrderLog(shop.orders)
    Self.expectSameContacts(log, people: ["lead-1@example.com", "nobody"])
    Self.expectSameContacts(
      log.resolvingIdentities(with: DeterministicIdentityResolver()), people: ["lead-1@example.com", "nobody"])
  }

  @Test func ordersAtOneInstantAreTakenByTheirIds() throws {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    var orders: [Order] = []
    for index in 0..<60 {
      // Three instants per customer, several orders at each, ids not in time order, fields
      // sometimes missing or empty.
      let customer = index % 4
      let instant = start.addingTimeInterval(Double((index / 4) % 3) * 3_600)
      let email = index % 5 == 0 ? nil : (index % 7 == 0 ? "" : "mail-\(index)@x.org")
      let phone = index % 3 == 0 ? nil : (index % 11 == 0 ? "" : "+49 \(index)")
      let id: String? = index % 6 == 5 ? nil : "c\(customer)"
      orders.append(
        Order(
          id: "o\((index * 37) % 61)", customer: CustomerReference(id: id, email: email ?? (id == nil ? "g\(customer)@x.org" : nil), phone: phone),
          placedAt: instant, lines: [LineItem(productID: "p", unitPrice: 1)]))
    }
    let log = try OrderLog(orders)
    Self.expectSameContacts(log, people: ["g1@x.org"])
    Self.expectSameContacts(log.resolvingIdentities(with: DeterministicIdentityResolver()), people: [])
  }
}

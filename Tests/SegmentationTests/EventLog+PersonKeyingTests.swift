import Foundation
import Segmentation
import Testing
import _TestSupport

/// Events join people through the identity resolution of the orders: by the order file's
/// customer id, by a person id, or by an email of the person's orders; the rest keep their
/// customer string.
struct EventLogPersonKeyingTests {
  static func fixture() throws -> (orders: OrderLog, events: EventLog, resolution: IdentityResolution) {
    let orders = try OrderLog(contentsOf: TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let events = try EventLog(contentsOf: TestData.url("fixtures/events/shop_events.csv"))
    return (orders, events, DeterministicIdentityResolver().resolve(orders))
  }

  @Test func theFixturesCustomersJoinTheirOrdersPeople() throws {
    let (orders, events, resolution) = try Self.fixture()
    let people = orders.keyed(by: resolution)
    let keyed = events.keyed(by: resolution, orders: orders)
    // Each person's events carry the person id of the person-keyed order log; the order events
    // name orders of that person.
    for (customer, order) in [("felix.weber452@gmx.de", "#5994"), ("tina.richter0@web.de", "#5965")] {
      let person = try #require(orders.orderIndex(ofOrderID: order).flatMap { people.customerID(ofOrder: $0) })
      #expect(person == "id:" + customer)  // the oldest order's customer id names the person
      let personEvents = keyed.events(ofCustomer: person)
      #expect(personEvents.count == events.events(ofCustomer: customer).count + (customer.hasPrefix("tina") ? 2 : 0))
      #expect(personEvents.contains { $0.kind == .delivered(orderID: order) })
      #expect(people.orders(ofCustomer: person).contains { $0.id == order })
    }
    // Tina's three spellings (customer id, a plus-addressed and an upper-case email) are one person.
    let tina = try #require(orders.orderIndex(ofOrderID: "#5965").flatMap { people.customerID(ofOrder: $0) })
    #expect(
      keyed.events(ofCustomer: tina).map(\.kind.eventName) == [
        .orderPlaced, .subscribed, .delivered, .messageSent, .heldOut, .unsubscribed,
      ])
    // The B2B buyer by customer id.
    let hannes = try #require(orders.orderIndex(ofOrderID: "#5478").flatMap { people.customerID(ofOrder: $0) })
    #expect(keyed.events(ofCustomer: hannes).map(\.kind.eventName) == [.accountCreated, .messageSent, .bounced])
    // The lead never bought: her events keep her address; anonymous events stay anonymous.
    #expect(keyed.events(ofCustomer: "lena.lead@example.com").count == 5)
    #expect(keyed.filter { $0.customerID == nil }.count == 2)
    #expect(
      keyed.personKeying
        == EventLog.PersonKeying(
          customersMatchedByCustomerID: 3, customersMatchedByPersonID: 0, customersMatchedByEmail: 2,
          unmatchedCustomers: 1, ambiguousCustomers: 0, attributedEvents: 24, personCount: 3))
    #expect(keyed.count == events.count)
    #expect(keyed.report == events.report)
    #expect(
      Set(keyed.customerIDs) == [
        tina, hannes, "lena.lead@example.com",
        try #require(orders.orderIndex(ofOrderID: "#5994").flatMap { people.customerID(ofOrder: $0) }),
      ])
  }

  @Test func keyingIsIdempotentAndIndependentOfTheEventFilesOrder() throws {
    let (orders, events, resolution) = try Self.fixture()
    let keyed = events.keyed(by: resolution, orders: orders)
    let again = keyed.keyed(by: resolution, orders: orders)
    #expect(Array(again) == Array(keyed))
    #expect(again.personKeying?.customersMatchedByPersonID == 3)
    let records = CSVRecords(Array(try Data(contentsOf: TestData.url("fixtures/events/shop_events.csv"))))
    let reversed = try EventLog(bytes: records.text(order: records.rows.indices.reversed()), format: .csv)
    #expect(Array(reversed.keyed(by: resolution, orders: orders)) == Array(keyed))
    // The person-keyed order log works as the orders too (identifiers are read as imported).
    #expect(Array(events.keyed(by: resolution, orders: orders.keyed(by: resolution))) == Array(keyed))
    // Events of one instant are in content order with the new ids.
    let times = keyed.map(\.time)
    #expect(times == times.sorted())
  }

  @Test func aSharedInboxMatchesNoOne() throws {
    let day = 86_400.0
    func order(_ id: String, _ days: Double, _ customer: CustomerReference) -> Order {
      Order(id: id, customer: customer, placedAt: Date(timeIntervalSince1970: days * day), total: 10)
    }
    let orders = try OrderLog([
      order(
        "1", 1, CustomerReference(id: "mia", email: "orders@acme.example", phone: "+49 30 111111", name: "Mia Neumann")),
      order(
        "2", 2,
        CustomerReference(id: "clara", email: "orders@acme.example", phone: "+49 30 222222", name: "Clara Schwarz")),
      order("3", 3, CustomerReference(id: "anna", email: "Anna@Example.com", name: "Anna Weber")),
    ])
    let resolution = DeterministicIdentityResolver().resolve(orders)
    #expect(resolution.personCount == 3)
    let matcher = EventCustomerMatcher(resolution: resolution, orders: orders)
    #expect(matcher.match("orders@acme.example") == .ambiguous)
    #expect(matcher.match(" mia ") == .customerID(try #require(resolution.personOfOrder[0])))
    #expect(matcher.match("ANNA@example.com") == .email(try #require(resolution.personOfOrder[2])))
    #expect(matcher.match("anna+news@example.com") == .email(try #require(resolution.personOfOrder[2])))
    #expect(
      matcher.match(resolution.id(of: try #require(resolution.personOfOrder[1])))
        == .personID(try #require(resolution.personOfOrder[1])))
    #expect(matcher.match("Mia") == .none)
    #expect(matcher.match("") == .none)
    #expect(matcher.person(forEventCustomer: "orders@acme.example") == nil)
    let events = EventLog([
      CustomerEvent(
        customerID: "orders@acme.example", time: Date(timeIntervalSince1970: 4 * day),
        kind: .subscribed(channel: .email)),
      CustomerEvent(customerID: "anna@example.com", time: Date(timeIntervalSince1970: 4 * day), kind: .accountCreated),
    ])
    let keyed = events.keyed(by: resolution, orders: orders)
    #expect(keyed.customerIDs.contains("orders@acme.example"))
    #expect(keyed.personKeying?.ambiguousCustomers == 1)
    #expect(keyed.personKeying?.customersMatchedByEmail == 1)
  }
}

import Foundation
import Testing
import _TestSupport
import Segmentation

/// The person-keyed log (columns relabelled) against the plain reference: the log's orders with
/// their customer ids replaced by hand and rebuilt with `OrderLog(orders)`.
struct OrderLogPersonKeyingTests {
  /// The plain reference: every order rebuilt, its customer id set to its person's id (or
  /// removed when it has no person), and a new log built from them.
  private func relabelledByHand(_ log: OrderLog, _ resolution: IdentityResolution) throws -> OrderLog {
    let orders = log.indices.map { index in
      var order = log[index]
      order.customer.id = resolution.personOfOrder[index].map { resolution.id(of: $0) }
      return order
    }
    return try OrderLog(orders)
  }

  /// Everything a downstream computation reads agrees between the two logs.
  private func expectEquivalent(_ people: OrderLog, _ reference: OrderLog, original: OrderLog, options: SummaryOptions) {
    // The references a resolver reads stay as imported; only the customer columns change.
    #expect(people.identityFields.references == original.identityFields.references)
    #expect(people.indices.allSatisfy {
      people.identityFields.referenceIndex(ofOrder: $0) == original.identityFields.referenceIndex(ofOrder: $0)
    })
    #expect(people.customerIDs == reference.customerIDs)
    #expect(people.customerCount == reference.customerCount)
    #expect(people.orderIDs == reference.orderIDs)
    #expect(Array(people) == Array(reference))
    #expect(people.indices.allSatisfy { people.customerID(ofOrder: $0) == reference.customerID(ofOrder: $0) })
    #expect(people.indices.allSatisfy { people.customerReference(ofOrder: $0) == reference.customerReference(ofOrder: $0) })
    for customerID in reference.customerIDs {
      #expect(people.orderIndices(ofCustomer: customerID) == reference.orderIndices(ofCustomer: customerID))
    }
    let summaries = people.summaries(options), expected = reference.summaries(options)
    #expect(Array(summaries) == Array(expected))
    #expect(summaries.compressed() == expected.compressed())
  }

  @Test func shopifyExportKeyedByPeopleEqualsTheLogRelabelledByHand() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let resolution = DeterministicIdentityResolver().resolve(log)
    let people = log.keyed(by: resolution)
    let reference = try relabelledByHand(log, resolution)
    let end = try #require(log.lastOrderDate)
    expectEquivalent(people, reference, original: log, options: SummaryOptions(observationEnd: end))
    expectEquivalent(people, reference, original: log, options: SummaryOptions(observationEnd: end, calibrationEnd: end - 90 * 86_400, unit: .weeks))
    // The sample's 1,004 customer ids and its guests are 937 people; its 986 purchasing
    // customer ids are 921 purchasing people (as `secondsale segment` counts them).
    #expect(log.customerCount == 1_004)
    #expect(people.customerCount == resolution.personCount)
    #expect(people.customerCount == 937)
    #expect(log.summaries(SummaryOptions(observationEnd: end)).count == 986)
    #expect(people.summaries(SummaryOptions(observationEnd: end)).count == 921)
    let keying = try #require(people.personKeying)
    #expect(keying.personCount == 937)
    #expect(keying.customerIDCount == 1_004)
    #expect(keying.attributedOrders + keying.guestOrders == log.orderCount)
    #expect(keying.guestOrders == resolution.ordersWithoutIdentity)
    #expect(keying.customerIDGuestOrders == log.indices.count { log.customerID(ofOrder: $0) == nil })
    #expect(log.personKeying == nil)
    // The one-call form gives the same log.
    let resolved = log.resolvingIdentities(with: DeterministicIdentityResolver())
    #expect(resolved.customerIDs == people.customerIDs)
    #expect(resolved.personKeying == keying)
  }

  @Test func ordersWithoutIdentityStayGuests() throws {
    let day = 86_400.0
    let orders = [
      Order(id: "1", customer: CustomerReference(id: "c1", email: "ada@example.com"), placedAt: Date(timeIntervalSince1970: 0), total: 10),
      Order(id: "2", customer: CustomerReference(email: "ADA@example.com"), placedAt: Date(timeIntervalSince1970: day), total: 20),
      Order(id: "3", customer: CustomerReference(), placedAt: Date(timeIntervalSince1970: 2 * day), total: 30),
      Order(id: "4", customer: CustomerReference(email: "n/a"), placedAt: Date(timeIntervalSince1970: 3 * day), total: 40),
      Order(id: "5", customer: CustomerReference(id: "c2"), placedAt: Date(timeIntervalSince1970: 4 * day), total: 50),
    ]
    let log = try OrderLog(orders)
    let people = log.resolvingIdentities(with: DeterministicIdentityResolver())
    // The guest checkout by Ada joins her account; the order with nothing and the one with a
    // placeholder email stay guests.
    #expect(log.customerCount == 2)
    #expect(people.customerCount == 2)
    #expect(people.customerID(ofOrder: 0) == people.customerID(ofOrder: 1))
    #expect(people.customerID(ofOrder: 0) != nil)
    #expect(people.customerID(ofOrder: 2) == nil)
    #expect(people.customerID(ofOrder: 3) == nil)
    #expect(people.customerID(ofOrder: 4) != nil)
    #expect(people.orderIDs == ["1", "2", "3", "4", "5"])
    #expect(people.personKeying == OrderLog.PersonKeying(
      attributedOrders: 3, personCount: 2, guestOrders: 2, customerIDCount: 2, customerIDGuestOrders: 3))
    let summaries = people.summaries(SummaryOptions(observationEnd: Date(timeIntervalSince1970: 10 * day)))
    #expect(summaries.orderCounts.sorted() == [1, 2])
    #expect(summaries.frequency.sorted() == [0, 1])
  }

  /// A person with many references (past the number compared one by one, so looked up by
  /// hash), some of which differ only in their customer id and become one.
  @Test func aPersonWithManyReferencesKeepsEachOnce() throws {
    let orders = (0..<200).map { index in
      Order(
        id: "o\(index)",
        customer: CustomerReference(id: index % 3 == 0 ? nil : "c\(index % 10)", email: "ada@example.com", name: "Ada \(index % 40)"),
        placedAt: Date(timeIntervalSince1970: Double(index) * 3_600), total: 10)
    }
    let log = try OrderLog(orders)
    let resolution = IdentityResolution(
      personOfOrder: log.indices.map { $0 % 50 == 7 ? nil : PersonNumber($0 % 50 == 8 ? 1 : 0) },
      personIDs: ["email:ada@example.com", "other"], merges: [], ignoredIdentifiers: [])
    let people = log.keyed(by: resolution)
    let reference = try relabelledByHand(log, resolution)
    expectEquivalent(people, reference, original: log, options: SummaryOptions(observationEnd: Date(timeIntervalSince1970: 200 * 3_600)))
    #expect(people.customerCount == 2)
  }

  /// Random logs (guests, cancellations, refunds, ties, unsorted input) with random
  /// resolutions (people across customer ids, orders without a person, two people with one id).
  @Test(arguments: 0..<20 as Range<UInt64>)
  func randomLogsKeyedByPeopleEqualTheLogsRelabelledByHand(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
    let statuses: [OrderStatus] = [.paid, .paid, .paid, .pending, .cancelled, .refunded(amount: 20), .partiallyRefunded(amount: 3)]
    let orderCount = random(60)
    let orders = (0..<orderCount).map { index in
      let customer = random(12)
      return Order(
        id: "o\(index)",
        customer: CustomerReference(
          id: customer < 2 ? nil : "c\(customer)", email: random(3) == 0 ? nil : "p\(customer % 7)@example.com",
          name: random(2) == 0 ? "Name \(customer % 5)" : nil),
        placedAt: Date(timeIntervalSince1970: Double(random(40)) * 86_400),
        status: statuses[random(statuses.count)],
        lines: (0..<random(3)).map { _ in LineItem(productID: "p\(random(5))", quantity: Double(1 + random(3)), unitPrice: 5) },
        total: random(4) == 0 ? nil : Double(10 + random(90)),
        tags: random(4) == 0 ? ["vip"] : [])
    }
    let log = try OrderLog(orders)
    let personCount = 1 + random(8)
    let resolution = IdentityResolution(
      personOfOrder: log.indices.map { _ in random(5) == 0 ? nil : PersonNumber(random(personCount)) },
      personIDs: (0..<personCount).map { "person-\($0 % max(1, personCount - 1))" },
      merges: [], ignoredIdentifiers: [])
    let people = log.keyed(by: resolution)
    let reference = try relabelledByHand(log, resolution)
    let end = Date(timeIntervalSince1970: 50 * 86_400)
    expectEquivalent(people, reference, original: log, options: SummaryOptions(observationEnd: end))
    expectEquivalent(people, reference, original: log, options: SummaryOptions(observationEnd: end, calibrationEnd: Date(timeIntervalSince1970: 20 * 86_400)))
    let keying = try #require(people.personKeying)
    #expect(keying.guestOrders == resolution.personOfOrder.count { $0 == nil })
    #expect(keying.personCount == reference.customerCount)
    // Keyed by the real resolver too.
    let resolved = DeterministicIdentityResolver().resolve(log)
    expectEquivalent(log.keyed(by: resolved), try relabelledByHand(log, resolved), original: log, options: SummaryOptions(observationEnd: end))
  }
}

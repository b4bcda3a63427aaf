import Foundation
import Testing
import Segmentation

/// A resolver written outside the package, with the public API only: one person per lower-cased
/// email, orders without an email stay anonymous. It shows that `OrderLog.identityFields` gives a
/// third-party resolver what the built-in one reads.
private struct EmailOnlyResolver: IdentityResolver {
  func resolve(_ log: OrderLog) -> IdentityResolution {
    let fields = log.identityFields
    let emailOfReference = fields.references.map { reference -> String? in
      guard let email = reference.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else { return nil }
      return email.lowercased()
    }
    var personOfEmail: [String: PersonNumber] = [:]
    var personIDs: [String] = []
    var personOfOrder: [PersonNumber?] = []
    for order in 0..<fields.orderCount {
      guard let email = emailOfReference[fields.referenceIndex(ofOrder: order)] else {
        personOfOrder.append(nil)
        continue
      }
      if let person = personOfEmail[email] {
        personOfOrder.append(person)
      } else {
        let person = PersonNumber(personIDs.count)
        personOfEmail[email] = person
        personIDs.append(email)
        personOfOrder.append(person)
      }
    }
    return IdentityResolution(personOfOrder: personOfOrder, personIDs: personIDs, merges: [], ignoredIdentifiers: [])
  }
}

struct CustomIdentityResolverTests {
  private func order(_ id: String, day: Double, _ reference: CustomerReference) -> Order {
    Order(id: id, customer: reference, placedAt: Date(timeIntervalSince1970: day * 86_400), status: .paid, total: 10)
  }

  private func log() throws -> OrderLog {
    try OrderLog([
      order("A", day: 1, CustomerReference(id: "c1", email: "ann@example.com")),
      order("B", day: 2, CustomerReference(email: "Ann@Example.com ")),
      order("C", day: 3, CustomerReference(id: "c2", email: "bob@example.com")),
      order("D", day: 4, CustomerReference(name: "Guest Without Email")),
      order("E", day: 5, CustomerReference(id: "c1", email: "ann@example.com")),
    ])
  }

  @Test func identityFieldsStoreEachDistinctReferenceOnce() throws {
    let log = try log()
    let fields = log.identityFields
    #expect(fields.orderCount == 5)
    // A and E carry the same reference; B, C and D differ from it and from each other.
    #expect(fields.references.count == 4)
    #expect(fields.referenceIndex(ofOrder: 0) == fields.referenceIndex(ofOrder: 4))
    for order in log.indices {
      #expect(fields.references[fields.referenceIndex(ofOrder: order)] == log.customerReference(ofOrder: order))
    }
  }

  @Test func customerIDsAndOrderIndicesWithoutNumbers() throws {
    let log = try log()
    #expect(log.indices.map { log.customerID(ofOrder: $0) } == ["c1", nil, "c2", nil, "c1"])
    #expect(log.orderIndices(ofCustomer: "c1") == [0, 4])
    #expect(log.orderIndices(ofCustomer: "nobody") == [])
  }

  @Test func aResolverOfYourOwnPlugsIntoProfiles() throws {
    let log = try log()
    let resolution = EmailOnlyResolver().resolve(log)
    #expect(resolution.personCount == 2)
    #expect(resolution.personOfOrder == [0, 0, 1, nil, 0])
    #expect(resolution.ordersWithoutIdentity == 1)
    #expect(resolution.id(of: 0) == "ann@example.com")
    let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: Date(timeIntervalSince1970: 10 * 86_400))
    let ann = try #require(profiles.first { $0.id == "ann@example.com" })
    #expect(ann.orders == 3)
    #expect(ann.revenue == 30)
    #expect(profiles.count == 2)
  }
}

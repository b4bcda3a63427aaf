import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// `OrderLog.CustomerReferences`, which stores references that hold only an id as the ids,
/// against a plain array of the same references appended the same way.
struct CustomerReferencesTests {
  private static let samples: [CustomerReference] = [
    CustomerReference(id: "c1"), CustomerReference(), CustomerReference(id: "c2"), CustomerReference(id: ""),
    CustomerReference(id: "c1", email: "ada@example.com"), CustomerReference(name: "Ada"),
    CustomerReference(id: "c3", additionalPhones: ["5550102030"]), CustomerReference(phone: "0151 2345678"),
    CustomerReference(id: "c4", company: "Acme"), CustomerReference(id: "c5", address: PostalAddress()),
    CustomerReference(email: ""),
  ]

  @Test(arguments: 0..<100 as Range<UInt64>)
  func appendsAsAnArrayDoes(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var references = OrderLog.CustomerReferences()
    var plain: [CustomerReference] = []
    if seed % 3 == 0 { references.reserveCapacity(Int(generator.next() % 40)) }
    // Seeds with few draws from the full references keep the ids' storage long.
    let idOnlyCount = 4
    for _ in 0..<Int(generator.next() % 50) {
      let pool = generator.next() % 8 == 0 ? Self.samples.count : idOnlyCount
      let reference = Self.samples[Int(generator.next() % UInt64(pool))]
      if reference.carriesOnlyAnID && generator.next() % 2 == 0 {
        references.append(onlyID: reference.id)
      } else {
        references.append(reference)
      }
      plain.append(reference)
      #expect(references.count == plain.count)
    }
    #expect(Array(references) == plain)
    #expect(references == OrderLog.CustomerReferences(plain))
    #expect(references.holdOnlyCustomerIDs == plain.allSatisfy { $0 == CustomerReference(id: $0.id) })
    for index in plain.indices { #expect(references[index] == plain[index]) }
  }

  @Test func onlyIDMeansNoOtherField() {
    for reference in Self.samples {
      #expect(reference.carriesOnlyAnID == (reference == CustomerReference(id: reference.id)), "\(reference)")
    }
  }

  @Test func equalityIgnoresTheStorage() {
    let ids = OrderLog.CustomerReferences(customerIDs: ["c1", "c2"])
    #expect(ids == OrderLog.CustomerReferences([CustomerReference(id: "c1"), CustomerReference(id: "c2")]))
    #expect(ids != OrderLog.CustomerReferences(customerIDs: ["c1", "c3"]))
    #expect(ids != OrderLog.CustomerReferences([CustomerReference(id: "c1")]))
    #expect(ids.holdOnlyCustomerIDs)
    #expect(!OrderLog.CustomerReferences([CustomerReference(name: "Ada")]).holdOnlyCustomerIDs)
  }

  /// A log of database rows keeps its references as ids, and reads them back as they were.
  @Test func aLogOfIDsReadsItsReferencesBack() throws {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    var orders: [Order] = []
    for index in 0..<30 {
      let customer: String? = index % 7 == 0 ? nil : "c\(index % 5)"
      let day = Double((index * 7) % 11)
      orders.append(
        Order(id: "o\(index)", customer: CustomerReference(id: customer), placedAt: start + day * 86_400, total: 10))
    }
    let log = try OrderLog(orders)
    #expect(log.references.holdOnlyCustomerIDs)
    for order in orders {
      let index = try #require(log.orderIDs.firstIndex(of: order.id))
      #expect(log.customerReference(ofOrder: index) == order.customer)
      #expect(log.identityFields.references[log.identityFields.referenceIndex(ofOrder: index)] == order.customer)
    }
    // One more order with an email turns the log's references into values, read back alike.
    let withEmail = Order(id: "x", customer: CustomerReference(id: "c1", email: "a@b.c"), placedAt: start, total: 1)
    let mixed = try OrderLog(orders + [withEmail])
    #expect(!mixed.references.holdOnlyCustomerIDs)
    for order in orders {
      let index = try #require(mixed.orderIDs.firstIndex(of: order.id))
      #expect(mixed.customerReference(ofOrder: index) == order.customer)
    }
  }
}

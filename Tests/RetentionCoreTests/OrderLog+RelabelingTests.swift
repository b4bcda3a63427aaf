import Foundation
import Testing
import _TestSupport
@testable import RetentionCore
import _RetentionSupport

/// The relabelling that only puts a prefix before every customer id (sharing the columns and
/// the probe table of the ids) against the general relabelling of every column with the
/// prefixed ids, on the published CDNOW sample and on random logs with guest orders and ties.
struct OrderLogRelabelingTests {
  /// The general relabelling: each order to its own customer, under the prefixed id.
  private func relabelledColumns(_ log: OrderLog, prefix: String) -> OrderLog {
    OrderLog(relabeling: log, customerOfOrder: log.orderCustomers, customerIDs: log.customerIDs.map { prefix + $0 })
  }

  /// Everything the two logs hold, and every way to look a customer up, agrees.
  private func expectEqual(_ prefixed: OrderLog, _ reference: OrderLog, original: OrderLog, prefix: String) {
    #expect(LogContents(prefixed) == LogContents(reference))
    #expect(prefixed.personKeying == reference.personKeying)
    #expect(prefixed.personKeying != nil)
    #expect(prefixed.identityFields.references == reference.identityFields.references)
    #expect(prefixed.customerNumbers.strings == reference.customerNumbers.strings)
    #expect(
      prefixed.indices.allSatisfy {
        prefixed.customerReference(ofOrder: $0) == reference.customerReference(ofOrder: $0)
      })
    for id in reference.customerIDs {
      #expect(prefixed.customerNumber(of: id) == reference.customerNumber(of: id))
      #expect(prefixed.orderIndices(ofCustomer: id) == reference.orderIndices(ofCustomer: id))
    }
    // Ids without the prefix, shorter than it, or absent are found in neither (unless the
    // prefix is empty).
    for id in original.customerIDs + ["", "i", "id", "id:", "absent", prefix + "absent"] {
      #expect(prefixed.customerNumber(of: id) == reference.customerNumber(of: id), "\(id)")
    }
  }

  @Test(arguments: ["id:", "", "é-", "a prefix longer than the ids: "])
  func cdnowSampleWithAPrefixEqualsTheRelabelledColumns(prefix: String) throws {
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_sample.txt"), format: .cdnow)
    let prefixed = OrderLog(relabeling: log, prefixingCustomerIDsWith: prefix)
    expectEqual(prefixed, relabelledColumns(log, prefix: prefix), original: log, prefix: prefix)
    #expect(prefixed.customerIDs.first == prefix + log.customerIDs[0])
    // Prefixed twice, as a person-keyed log keyed again.
    let twice = OrderLog(relabeling: prefixed, prefixingCustomerIDsWith: "id:")
    expectEqual(twice, relabelledColumns(prefixed, prefix: "id:"), original: prefixed, prefix: "id:")
  }

  /// Random logs: guest orders, cancelled orders, many orders on one day, unsorted input.
  @Test(arguments: 0..<40 as Range<UInt64>)
  func randomLogsWithAPrefixEqualTheRelabelledColumns(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
    let ids: [String?] = [nil, nil, "c1", "c2", "C1", "Ä7", "", "a customer id longer than fifteen bytes", "c3"]
    let orders = (0..<random(50)).map { index in
      Order(
        id: "o\(index)", customer: CustomerReference(id: ids[random(ids.count)]),
        placedAt: Date(timeIntervalSince1970: Double(random(6)) * 86_400),
        status: random(5) == 0 ? .cancelled : .paid, lines: [LineItem(productID: "p\(random(3))", unitPrice: 2)])
    }
    let log = try OrderLog(orders)
    let prefix = ["id:", "", "x"][random(3)]
    expectEqual(
      OrderLog(relabeling: log, prefixingCustomerIDsWith: prefix), relabelledColumns(log, prefix: prefix),
      original: log, prefix: prefix)
  }
}

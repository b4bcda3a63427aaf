import Foundation
import RetentionCore
import Segmentation
import Testing
import _TestSupport

@testable import Campaigns

/// The plan's numbering of people (on the support target's string table, grown ahead of each
/// flow's entries) against a plain dictionary that numbers ids on first sight.
struct PlanPeopleTests {
  @Test(arguments: [1, 2, 3] as [UInt64])
  func numbersPeopleInOrderOfFirstSightAcrossGrowth(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var people = PlanPeople()
    var reference: [String: Int32] = [:]
    var referenceIDs: [String] = []
    // Batches of ids (many repeated, some long, some empty or non-ASCII), each announced as a
    // flow's entries are, sometimes with fewer than arrive.
    for batch in 0..<40 {
      let size = Int(random.next() % 3_000)
      people.reserveCapacity(more: batch % 3 == 0 ? size / 4 : size)
      for _ in 0..<size {
        let roll = random.next() % 5_000
        let id =
          switch roll % 7 {
          case 0: "person-\(roll)@example.com with a long tail \(roll)"
          case 1: roll % 2 == 0 ? "" : "zoë-\(roll)"
          default: "p-\(roll)"
          }
        let expected = reference[id] ?? Int32(referenceIDs.count)
        if reference[id] == nil {
          reference[id] = expected
          referenceIDs.append(id)
        }
        #expect(people.number(of: id) == expected)
      }
    }
    #expect(people.count == referenceIDs.count)
    #expect(people.ids == referenceIDs)
  }

  /// Numbered from an order log (and a person-keyed one): each customer's number is the log's
  /// own lookup, other people come after them in order of first sight, and only the log's
  /// customers have an order customer.
  @Test func numbersFromAnOrderLogKeepTheLogsCustomerNumbers() throws {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    let orders = (0..<50).map { index in
      Order(
        id: "o\(index)", customer: CustomerReference(id: index % 7 == 0 ? nil : "c\(index % 13)", email: "e\(index % 5)@x.org"),
        placedAt: start.addingTimeInterval(Double(index) * 3_600), lines: [LineItem(productID: "p", unitPrice: 1)])
    }
    for log in [try OrderLog(orders), try OrderLog(orders).resolvingIdentities(with: DeterministicIdentityResolver())] {
      var people = PlanPeople(orders: log)
      let known = log.customerIDs
      var others: [String] = []
      // Known ids and new ones, mixed and repeated, more new ones than the log has customers.
      for round in 0..<3 {
        for index in 0..<(2 * known.count + 5) {
          let id = index % 2 == 0 ? known[(index / 2) % known.count] : "new-\((index * 7 + round) % 40)"
          let number = people.number(of: id)
          if let customer = log.customerNumber(of: id) {
            #expect(Int(number) == customer)
            #expect(people.orderCustomer(of: number) == customer)
          } else {
            if !others.contains(id) { others.append(id) }
            let place = try #require(others.firstIndex(of: id))
            #expect(Int(number) == log.customerCount + place)
            #expect(people.orderCustomer(of: number) == nil)
          }
          #expect(people.id(of: number) == id)
        }
      }
      #expect(people.count == log.customerCount + others.count)
      // A batch (looked up on two threads, then the new ones numbered) numbers like one call per id.
      let batch = (0..<500).map { index in index % 3 == 0 ? "batch-\(index % 37)" : known[index % known.count] }
      var oneByOne = people
      let expected = batch.map { oneByOne.number(of: $0) }
      for chunkSize in [1, 7, 8_192] {
        var batched = people
        #expect(batched.numbers(of: batch.count, chunkSize: chunkSize) { batch[$0] } == expected)
        #expect(batched.ids == oneByOne.ids)
      }
    }
    var unseeded = PlanPeople()
    #expect(unseeded.orderCustomer(of: unseeded.number(of: "c1")) == nil)
  }

  @Test func ranksOrderTheIdsAsStringsDo() {
    var people = PlanPeople()
    let ids = ["b", "a", "p-10", "p-9", "Zoë", "zoe", "", "p-1"]
    for id in ids { _ = people.number(of: id) }
    let chosen: [Int32] = [3, 0, 6, 4, 1, 7]
    for minimum in [1, 2, 100] {
      let ranks = people.ranks(of: chosen, minimumToShare: minimum)
      let expected = chosen.indices.sorted { ids[Int(chosen[$0])] < ids[Int(chosen[$1])] }
      #expect(expected.map { Int(ranks[$0]) } == Array(chosen.indices), "minimum \(minimum)")
    }
  }
}

import Foundation
import Testing
import _TestSupport
@testable import Segmentation

/// The person-keyed log of a log that carries only customer ids, keyed by prefixing its
/// customer ids (`OrderLog.keyed(by:)` recognises the resolution of
/// `DeterministicIdentityResolver.resolutionByCustomerIDs(of:)`), against the same resolution
/// keyed the general way (every column relabelled): column by column, and every lookup.
struct CustomerIDKeyingEquivalenceTests {
  /// The resolution with its person ids rebuilt from strings, which `keyed(by:)` keys the
  /// general way.
  private func generalCopy(of resolution: IdentityResolution) -> IdentityResolution {
    var copy = resolution
    copy.personIDs = PersonIDs(Array(resolution.personIDs))
    return copy
  }

  private func expectEqual(_ people: OrderLog, _ reference: OrderLog, original: OrderLog) {
    #expect(people.customerIDs == reference.customerIDs)
    #expect(people.orderCustomers == reference.orderCustomers)
    #expect(people.customerOrderStarts == reference.customerOrderStarts)
    #expect(people.customerOrderIndices == reference.customerOrderIndices)
    #expect(people.orderIDs == reference.orderIDs)
    #expect(people.orderTimes == reference.orderTimes)
    #expect(people.orderNetAmounts == reference.orderNetAmounts)
    #expect(people.personKeying == reference.personKeying)
    #expect(people.report == reference.report)
    #expect(Array(people) == Array(reference))
    #expect(people.identityFields.references == reference.identityFields.references)
    #expect(
      people.indices.allSatisfy { people.customerReference(ofOrder: $0) == reference.customerReference(ofOrder: $0) })
    for id in reference.customerIDs + original.customerIDs + ["", "id:", "id:absent", "absent"] {
      #expect(people.customerNumber(of: id) == reference.customerNumber(of: id), "\(id)")
      #expect(people.orderIndices(ofCustomer: id) == reference.orderIndices(ofCustomer: id), "\(id)")
    }
    if let end = original.lastOrderDate {
      let options = SummaryOptions(observationEnd: end)
      #expect(Array(people.summaries(options)) == Array(reference.summaries(options)))
    }
  }

  /// Keys a log both ways, checks that the fast way was taken and that it agrees, and returns
  /// the person-keyed log.
  @discardableResult
  private func expectKeyedAlike(_ log: OrderLog) throws -> OrderLog {
    let resolver = DeterministicIdentityResolver()
    let resolution = try #require(resolver.resolutionByCustomerIDs(of: log))
    #expect(resolution.personIDs.areKnown(toBePrefix: "id:", before: log.customerIDs))
    let general = generalCopy(of: resolution)
    #expect(general == resolution)
    #expect(!general.personIDs.areKnown(toBePrefix: "id:", before: log.customerIDs))
    let people = log.keyed(by: resolution)
    expectEqual(people, log.keyed(by: general), original: log)
    expectEqual(log.resolvingIdentities(with: resolver), people, original: log)
    return people
  }

  @Test(arguments: ["cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt"])
  func cdnowKeyedByPrefixEqualsTheRelabelledColumns(file: String) throws {
    let log = try OrderLog(contentsOf: try TestData.url(file), format: .cdnow)
    let people = try expectKeyedAlike(log)
    #expect(people.customerIDs.first == "id:" + log.customerIDs[0])
    // Keyed again, its people are people of their own ids (`id:id:...`).
    try expectKeyedAlike(people)
  }

  /// Small logs written by hand: guest orders first, between and last; one order per
  /// customer; ties on one day; cancelled orders.
  @Test func handMadeLogsWithGuestOrders() throws {
    let day = 86_400.0
    func order(_ id: String, _ customer: String?, _ days: Double, status: OrderStatus = .paid) -> Order {
      Order(
        id: id, customer: CustomerReference(id: customer), placedAt: Date(timeIntervalSince1970: days * day),
        status: status, total: 10)
    }
    let logs = [
      [
        order("1", nil, 0), order("2", "b", 1), order("3", nil, 1), order("4", "a", 1), order("5", "b", 2),
        order("6", nil, 3),
      ],
      [order("1", "x", 0)],
      [order("1", nil, 0), order("2", nil, 0)],
      [order("1", "a", 0), order("2", "b", 0), order("3", "a", 0, status: .cancelled), order("4", "c", 5)],
      [order("9", "Ä7", 3), order("8", "a customer id longer than fifteen bytes", 1), order("7", "Ä7", 0)],
    ]
    for orders in logs { try expectKeyedAlike(try OrderLog(orders)) }
  }

  /// Resolutions that look like the customer ids' but are not (one order moved to another
  /// person, a person's id changed): keyed the general way, whatever the ids were made of.
  @Test func changedResolutionsAreKeyedTheGeneralWay() throws {
    let log = try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_sample.txt"), format: .cdnow)
    let resolution = try #require(DeterministicIdentityResolver().resolutionByCustomerIDs(of: log))
    let other = try #require(resolution.personOfOrder.firstIndex { $0 != resolution.personOfOrder[0] })
    var moved = resolution
    moved.personOfOrder[0] = resolution.personOfOrder[other]
    #expect(moved.personOfOrder[0] != resolution.personOfOrder[0])
    expectEqual(log.keyed(by: moved), log.keyed(by: generalCopy(of: moved)), original: log)
    var guest = resolution
    guest.personOfOrder[2] = nil
    expectEqual(log.keyed(by: guest), log.keyed(by: generalCopy(of: guest)), original: log)
    var renamed = resolution
    renamed.personIDs = PersonIDs(prefix: "id:", strings: log.customerIDs.map { $0 + "x" })
    let people = log.keyed(by: renamed)
    expectEqual(people, log.keyed(by: generalCopy(of: renamed)), original: log)
    #expect(people.customerIDs[0] == "id:" + log.customerIDs[0] + "x")
  }

  /// Person ids made of strings compare, hash and encode as ids made any other way.
  @Test func personIDsMadeWithAPrefixAreEqualToTheSameIDs() throws {
    let ids = PersonIDs(prefix: "id:", strings: ["7", "", "Ä"])
    let plain: PersonIDs = ["id:7", "id:", "id:Ä"]
    #expect(ids == plain)
    #expect(ids.hashValue == plain.hashValue)
    #expect(Array(ids) == Array(plain))
    let encoded = try JSONEncoder().encode(ids)
    #expect(encoded == (try JSONEncoder().encode(plain)))
    #expect(try JSONDecoder().decode(PersonIDs.self, from: encoded) == ids)
    var appended = ids
    appended.append(Array("id:8".utf8))
    #expect(!appended.areKnown(toBePrefix: "id:", before: ["7", "", "Ä"]))
    #expect(ids.areKnown(toBePrefix: "id:", before: ["7", "", "Ä"]))
    #expect(!ids.areKnown(toBePrefix: "id", before: ["7", "", "Ä"]))
    #expect(!ids.areKnown(toBePrefix: "id:", before: ["7", "", "A"]))
  }
}

import Foundation
import Testing
import _TestSupport
@testable import Segmentation

/// The resolution of logs whose orders carry only customer ids (people are customers, found
/// without linking) against the resolver's steps for any log (`resolveByLinking`): the same
/// people, person ids, merges, ignored identifiers and orders set aside, on the published CDNOW
/// files and on random logs full of ids that normalising changes or sets aside.
struct CustomerIDResolutionEquivalenceTests {
  @Test(arguments: ["cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt"])
  func cdnowPeopleAreItsCustomers(file: String) throws {
    let log = try OrderLog(contentsOf: try TestData.url(file), format: .cdnow)
    let resolver = DeterministicIdentityResolver()
    let fast = try #require(resolver.resolutionByCustomerIDs(of: log), "CDNOW orders carry only customer ids")
    let reference = resolver.resolveByLinking(log)
    #expect(fast == reference)
    #expect(Array(fast.merges) == Array(reference.merges))
    #expect(resolver.resolve(log) == reference)
    // Checked against the file, not the code: CDNOW customers are people, each with an id.
    #expect(fast.personCount == log.customerCount)
    #expect(fast.ordersWithoutIdentity == 0)
    #expect(fast.mergeCount == log.customerIDs.count { log.orderIndices(ofCustomer: $0).count > 1 })
    #expect(fast.id(of: PersonNumber(0)) == "id:" + (log.customerID(ofOrder: 0) ?? ""))
    // The person-keyed log, keyed again, has people of its own ids.
    let people = log.keyed(by: fast)
    let again = try #require(resolver.resolutionByCustomerIDs(of: people))
    #expect(again == resolver.resolveByLinking(people))
  }

  /// Ids as a shop's export may write them: ordinary ids, ids with spaces to trim, placeholders
  /// in any case, non-ASCII ids, an empty id, and guest orders.
  private static let ids: [String?] = [
    "c1", "c2", "c3", "C1", " c1", "c2\t", "Ä7", "ä7", "null", "NULL", "0", "-1", "guest", "", nil, "c4", "c5", "c6",
  ]

  private static func randomLog(
    seed: UInt64, ids: [String?], otherFieldEvery: Int? = nil
  ) throws -> OrderLog {
    var generator = SplitMix64(seed: seed)
    let count = Int(generator.next() % 60)
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    let orders = (0..<count).map { index in
      var reference = CustomerReference(id: ids[Int(generator.next() % UInt64(ids.count))])
      if let every = otherFieldEvery, index % every == every - 1 {
        switch generator.next() % 4 {
        case 0: reference.email = "ada@example.com"
        case 1: reference.name = "Ada Lovelace"
        case 2: reference.phone = "+1 555 010 2030"
        default: reference.address = PostalAddress(city: "London")
        }
      }
      // Few distinct days, so that many orders tie.
      let day = Double(generator.next() % 5) * 86_400
      return Order(
        id: "o\(index)", customer: reference, placedAt: start + day, lines: [LineItem(productID: "p", unitPrice: 1)])
    }
    return try OrderLog(orders)
  }

  @Test(arguments: 0..<200 as Range<UInt64>)
  func randomLogsResolveAsByLinking(seed: UInt64) throws {
    let resolver = DeterministicIdentityResolver()
    // Seeds below 100 draw from ordinary ids only, so that the fast path is taken; the others
    // from all, so that it declines whenever normalising changes or sets an id aside.
    let ordinary: [String?] = [nil, "c1", "c2", "c3", "C1", "Ä7", "ä7", "c4", "c5", "c6"]
    let pool = seed < 100 ? Self.ids.filter { ordinary.contains($0) } : Self.ids
    let log = try Self.randomLog(seed: seed, ids: pool)
    let reference = resolver.resolveByLinking(log)
    #expect(resolver.resolve(log) == reference)
    if let fast = resolver.resolutionByCustomerIDs(of: log) {
      #expect(fast == reference)
      #expect(Array(fast.merges) == Array(reference.merges))
    }
    let changesAnID = log.customerIDs.contains { resolver.normalizedID($0) != $0 }
    #expect((resolver.resolutionByCustomerIDs(of: log) == nil) == changesAnID)
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func logsWithOtherIdentifiersAreLinked(seed: UInt64) throws {
    let resolver = DeterministicIdentityResolver()
    let log = try Self.randomLog(seed: seed, ids: ["c1", "c2", nil], otherFieldEvery: 3)
    let hasOtherFields = log.identityFields.references.contains { $0 != CustomerReference(id: $0.id) }
    #expect((resolver.resolutionByCustomerIDs(of: log) == nil) == hasOtherFields)
    #expect(resolver.resolve(log) == resolver.resolveByLinking(log))
  }

  /// Configurations under which the safeguards could set a lone customer id aside, and
  /// placeholders that match ordinary ids: the fast path declines or agrees.
  @Test(arguments: [(0, 3), (1, 0), (-1, 3), (1, 1)])
  func unusualConfigurationsAgree(maximumNames: Int, maximumCustomerIDs: Int) throws {
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.maximumNamesPerIdentifier = maximumNames
    configuration.maximumCustomerIDsPerIdentifier = maximumCustomerIDs
    configuration.placeholders.insert("c2")
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    for seed in 0..<20 as Range<UInt64> {
      let log = try Self.randomLog(seed: seed, ids: ["c1", "c2", "c3", nil])
      #expect(resolver.resolve(log) == resolver.resolveByLinking(log), "seed \(seed)")
    }
  }

  @Test func emptyAndGuestOnlyLogs() throws {
    let resolver = DeterministicIdentityResolver()
    let empty = try OrderLog([Order]())
    #expect(try #require(resolver.resolutionByCustomerIDs(of: empty)) == resolver.resolveByLinking(empty))
    let guests = try OrderLog(
      (0..<3).map {
        Order(id: "g\($0)", customer: CustomerReference(), placedAt: Date(timeIntervalSince1970: Double($0)))
      })
    let resolution = try #require(resolver.resolutionByCustomerIDs(of: guests))
    #expect(resolution == resolver.resolveByLinking(guests))
    #expect(resolution.personOfOrder == [nil, nil, nil])
  }

  /// The check that the customer id rule keeps an id as it is (which spares normalising it)
  /// against the rule itself, on random ids of ordinary parts, spaces, placeholders in any case
  /// and non-ASCII text.
  @Test(arguments: 0..<4 as Range<UInt64>)
  func idsKeptAsTheyAreAreTheirOwnNormalForm(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    var configuration = DeterministicIdentityResolver.Configuration()
    if seed % 2 == 1 { configuration.placeholders = ["x", "ada", "C1", "kim lovelace and friends", "ä", ""] }
    let resolver = DeterministicIdentityResolver(configuration: configuration)
    let normalizer = IdentifierNormalizer(configuration)
    let parts = [
      "Ada", "ADA", "c1", "C1", " ", "\t", "n/a", "NULL", "Guest", "-1", "0", "x", "X", "ä", "anonymous", "7",
    ]
    for _ in 0..<3_000 {
      let id = (0..<Int(generator.next() % 4)).map { _ in parts[Int(generator.next() % UInt64(parts.count))] }.joined()
      let isASCII = id.utf8.allSatisfy { $0 < 0x80 }
      #expect(normalizer.keepsCustomerID(id) == (isASCII && resolver.generalID(id) == id), "\(id.debugDescription)")
    }
  }
}

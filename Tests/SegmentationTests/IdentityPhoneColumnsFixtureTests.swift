import Foundation
import Testing
import _TestSupport
import Segmentation

/// The committed fixture `fixtures/shopify/identity_phone_columns.csv` (12 orders of 8 people,
/// the real person of each in `identity_phone_columns.truth.json`): every phone column of an
/// order (Phone, Billing Phone, Shipping Phone) is an identifier of it, and the shared-identifier
/// rules hold across columns.
struct IdentityPhoneColumnsFixtureTests {
  private struct Truth: Decodable {
    var people: Int
    var person_of_order: [String: Int]
  }

  private func load() throws -> (OrderLog, Truth, IdentityResolution) {
    let log = try OrderLog(
      contentsOf: try TestData.url("fixtures/shopify/identity_phone_columns.csv"), format: .shopify)
    let truth = try JSONDecoder().decode(
      Truth.self, from: Data(contentsOf: try TestData.url("fixtures/shopify/identity_phone_columns.truth.json")))
    return (log, truth, DeterministicIdentityResolver().resolve(log))
  }

  /// The orders of each resolved person (anonymous orders alone), as sets of order ids.
  private func clusters(_ log: OrderLog, _ resolution: IdentityResolution) -> Set<Set<String>> {
    var byPerson: [Int: Set<String>] = [:]
    for index in log.indices {
      byPerson[resolution.personOfOrder[index]?.rawValue ?? -1 - index, default: []].insert(log.orderIDs[index])
    }
    return Set(byPerson.values)
  }

  @Test func aShippingPhoneLinksToABillingPhone() throws {
    let (log, _, resolution) = try load()
    let people = clusters(log, resolution)
    // Two guest orders of Rosa Klein: the Shipping Phone of #3001 is the Billing Phone of #3002
    // (0171 5555555 and +49 171 5555555 on German orders); nothing else links them.
    #expect(people.contains(["#3001", "#3002"]))
    let rosa = try #require(resolution.merges.first { $0.orders == ["#3001", "#3002"] })
    #expect(rosa.identifier == "phone" && rosa.value == "+491715555555")
    // A third phone (the Shipping Phone beside Phone and Billing Phone) links too.
    #expect(people.contains(["#3011", "#3012"]))
    #expect(resolution.merges.contains { $0.identifier == "phone" && $0.value == "+49891230003" })
    // One number in the Phone and Billing Phone columns (written two ways) is one identifier,
    // and links to the Shipping Phone of a later order.
    #expect(people.contains(["#3008", "#3009"]))
    #expect(resolution.merges.filter { $0.value == "+15550104001" }.map(\.orders) == [["#3008", "#3009"]])
  }

  @Test func sharedPhonesStayApartAcrossColumns() throws {
    let (log, _, resolution) = try load()
    let people = clusters(log, resolution)
    // A family phone: Tom's billing and shipping phone is Lena's shipping phone; two given
    // names, so it is set aside and each keeps a person through their own email.
    #expect(people.contains(["#3003"]) && people.contains(["#3004"]))
    let ignored = Dictionary(grouping: resolution.ignoredIdentifiers, by: \.value)
    let family = try #require(ignored["+49407777777"]?.first)
    #expect(family.identifier == "phone")
    #expect(family.reason.contains("different given names (tom / lena)"))
    // A gift: the recipient's phone on Paul's order is the phone Ruth later bills to. Paul and
    // Ruth stay apart.
    #expect(people.contains(["#3006"]) && people.contains(["#3007"]))
    #expect(try #require(ignored["+15550103999"]?.first).reason.contains("different given names (paul / ruth)"))
    // Lena's guest order carried only the family phone: it has no person.
    #expect(resolution.personOfOrder[try #require(log.orderIDs.firstIndex(of: "#3005"))] == nil)
  }

  /// Precision and recall of the pairs of orders put together, against the truth file.
  @Test func matchesTheTruth() throws {
    let (log, truth, resolution) = try load()
    let pairs = try PairCounts(log: log, resolution: resolution, truth: truth.person_of_order)
    #expect(pairs.precision == 1.0)
    // 4 true pairs (Rosa, Lena, Kim, Ida); Lena's guest order, known only by the family phone,
    // is missed: recall 3/4.
    #expect(pairs.truePairs == 4)
    #expect(pairs.correctPairs == 3)
    // 8 people, of whom Max (a placeholder email and an all-zero phone) has no identifier left.
    #expect(resolution.personCount == truth.people - 1)
    #expect(resolution.ordersWithoutIdentity == 2)
  }

  /// The orders left without a person say why, and so does every value set aside.
  @Test func ordersWhoseIdentifiersWereAllSetAsideSayWhy() throws {
    let (_, _, resolution) = try load()
    #expect(resolution.ordersSetAside.map(\.order) == ["#3010", "#3005"])
    let max = resolution.ordersSetAside[0]
    // Shopify exports have no customer id column: the importer takes the email as the id.
    #expect(
      max.identifiers == [
        .init(
          identifier: "customer id", value: "n/a", reason: "a placeholder, not a customer id", rule: .placeholder),
        .init(identifier: "email", value: "n/a", reason: "a placeholder, not an email address", rule: .placeholder),
        .init(identifier: "phone", value: "0000000", reason: "a placeholder (all zeros)", rule: .placeholder),
      ])
    #expect(
      max.reason
        == "customer id \"n/a\": a placeholder, not a customer id; email \"n/a\": a placeholder, not an email address; "
        + "phone \"0000000\": a placeholder (all zeros)")
    let lena = resolution.ordersSetAside[1]
    #expect(lena.identifiers.map(\.value) == ["+49407777777"])
    #expect(lena.identifiers.first?.rule == .sharedByDifferentPeople)
    #expect(lena.reason.hasPrefix("phone \"+49407777777\": used by 2 names of at least 2 different people"))
    // The audit lists each value once with its rule and orders, by kind and value.
    #expect(
      resolution.ignoredIdentifiers.map {
        [$0.identifier, $0.value, $0.rule?.rawValue ?? "", $0.orders.joined(separator: " ")]
      }
        == [
          ["customer id", "n/a", "placeholder", "#3010"],
          ["email", "n/a", "placeholder", "#3010"],
          ["phone", "+15550103999", "shared-by-different-people", "#3006 #3007"],
          ["phone", "+49407777777", "shared-by-different-people", "#3003 #3004 #3005"],
          ["phone", "0000000", "placeholder", "#3010"],
        ])
    // Every merge says its rule: one name, the same identifier.
    #expect(resolution.merges.allSatisfy { $0.rule == .sameIdentifier })
  }
}

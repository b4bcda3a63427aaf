import Foundation
import Testing
import _TestSupport
import Segmentation

struct IdentityResolutionTests {
  private func order(_ id: String, day: Double, _ reference: CustomerReference, status: OrderStatus = .paid) -> Order {
    Order(id: id, customer: reference, placedAt: Date(timeIntervalSince1970: day * 86_400), status: status, total: 10)
  }

  @Test func shopifySampleMatchesTheTruth() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let truthObject = try JSONSerialization.jsonObject(
      with: Data(contentsOf: try TestData.url("shopify/orders_export_sample.truth.json")))
    let truth = try #require(truthObject as? [String: Any])
    let personOfOrder = try #require(truth["person_of_order"] as? [String: Int])
    let resolution = DeterministicIdentityResolver().resolve(log)
    // Pairwise precision and recall over orders (exact, by counting pairs per cluster).
    var clusters: [Int32: [Int]] = [:]
    var truePeople: [Int: [Int32]] = [:]
    for index in log.indices {
      let person = resolution.personOfOrder[index].map { Int32($0.rawValue) } ?? -1
      let real = try #require(personOfOrder[log.orderIDs[index]])
      clusters[person < 0 ? Int32(-1 - index) : person, default: []].append(real)
      truePeople[real, default: []].append(person < 0 ? Int32(-1 - index) : person)
    }
    var predictedPairs = 0, correctPairs = 0, truePairs = 0
    for members in clusters.values {
      predictedPairs += members.count * (members.count - 1) / 2
      let counts = Dictionary(grouping: members, by: { $0 }).mapValues(\.count)
      correctPairs += counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }
    for members in truePeople.values { truePairs += members.count * (members.count - 1) / 2 }
    let precision = predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs)
    let recall = Double(correctPairs) / Double(truePairs)
    // The acceptance bar: no two different people merged (namesakes and colleagues included).
    #expect(precision == 1.0)
    // Recall on this sample: every person's orders are linked by an email or phone variant.
    #expect(recall == 1.0, "recall \(recall)")
    #expect(resolution.personCount == truth["people"] as? Int)
    // Namesakes stay apart: each namesake person id maps to a cluster of its own.
    let namesakes = try #require(truth["namesake_people"] as? [Int])
    for person in namesakes {
      #expect(Set(try #require(truePeople[person])).count == 1)
    }
  }

  @Test func namesAloneNeverMerge() {
    let log = try? OrderLog([
      order("1", day: 1, CustomerReference(email: "anna.m@example.com", name: "Anna Müller")),
      order("2", day: 2, CustomerReference(email: "anna.mueller@work.example", name: "Anna Müller")),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log!)
    #expect(resolution.personCount == 2)
  }

  @Test func emailAndPhoneVariantsMerge() throws {
    let log = try OrderLog([
      order("1", day: 1, CustomerReference(email: " Ada.Lovelace+shop@GMAIL.com ", name: "Ada")),
      order("2", day: 2, CustomerReference(email: "adalovelace@googlemail.com", name: "Ada")),
      // A national number takes the order's own country (no country is ever assumed).
      order(
        "3", day: 3, CustomerReference(phone: "'0151 234 5678", name: "Ada", address: PostalAddress(country: "DE"))),
      order("4", day: 4, CustomerReference(email: "ada.lovelace@gmail.com", phone: "+49 151 2345678", name: "Ada")),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log)
    #expect(resolution.personCount == 1)
    #expect(resolution.personOfOrder == [0, 0, 0, 0])
    #expect(!resolution.merges.isEmpty)
    #expect(resolution.merges.allSatisfy { !$0.orders.isEmpty && !$0.value.isEmpty })
    // The gmail variants link orders 1, 2 and 4 by email; the phone links 3 and 4.
    #expect(resolution.mergeCount == 2 && resolution.merges.count == 2)
    #expect(
      resolution.merges[0] == .init(identifier: "email", value: "adalovelace@gmail.com", orders: ["1", "2", "4"]))
    #expect(resolution.merges[1] == .init(identifier: "phone", value: "+491512345678", orders: ["3", "4"]))
    // The compact merges encode as plain values and decode to an equal resolution; one built
    // from values (as a resolver of your own would) equals it too.
    let decoded = try JSONDecoder().decode(IdentityResolution.self, from: JSONEncoder().encode(resolution))
    #expect(decoded == resolution && decoded.merges == resolution.merges)
    let rebuilt = IdentityResolution(
      personOfOrder: resolution.personOfOrder, personIDs: resolution.personIDs, merges: resolution.merges,
      ignoredIdentifiers: resolution.ignoredIdentifiers)
    #expect(rebuilt == resolution && rebuilt.hashValue == resolution.hashValue)
    var edited = resolution
    edited.merges.removeLast()
    #expect(edited != resolution && edited.mergeCount == 1)
  }

  @Test func colleaguesSharingACompanyInboxStaySeparate() throws {
    let log = try OrderLog([
      order(
        "1", day: 1,
        CustomerReference(email: "orders@acme.example", phone: "+49 30 111111", name: "Mia Neumann", company: "ACME")),
      order(
        "2", day: 2,
        CustomerReference(email: "orders@acme.example", phone: "+49 30 222222", name: "Clara Schwarz", company: "ACME")),
      order("3", day: 3, CustomerReference(email: "mia@private.example", phone: "+49 30 111111", name: "Mia Neumann")),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log)
    #expect(resolution.personCount == 2)
    // Mia's two orders are linked by her own phone; Clara stays apart.
    #expect(resolution.personOfOrder[0] == resolution.personOfOrder[2])
    #expect(resolution.personOfOrder[0] != resolution.personOfOrder[1])
    #expect(resolution.ignoredIdentifiers.contains { $0.value == "orders@acme.example" })
  }

  @Test func placeholdersAndShopIdentifiersNeverLink() throws {
    var configuration = DeterministicIdentityResolver.Configuration()
    configuration.shopIdentifiers = ["shop@roesterei.example"]
    let log = try OrderLog([
      order("1", day: 1, CustomerReference(email: "n/a", phone: "0000000000", name: "A")),
      order("2", day: 2, CustomerReference(email: "N/A", phone: "000 000 0000", name: "A")),
      order("3", day: 3, CustomerReference(email: "shop@roesterei.example", name: "B")),
      order("4", day: 4, CustomerReference(email: "shop@roesterei.example", name: "B")),
      order("5", day: 5, CustomerReference(id: "anonymous")),
      order("6", day: 6, CustomerReference(id: "anonymous")),
    ])
    let resolution = DeterministicIdentityResolver(configuration: configuration).resolve(log)
    // Orders 1-4 have no usable identifier; 5 and 6 carry only a placeholder customer id... but
    // "anonymous" as an id is a placeholder too.
    #expect(resolution.personCount == 0)
    #expect(resolution.ordersWithoutIdentity == 6)
  }

  @Test func guestOrdersJoinOnlyThroughAnIdentifier() throws {
    let log = try OrderLog([
      order("1", day: 1, CustomerReference(id: "c1", email: "bo@example.com", name: "Bo")),
      order("2", day: 2, CustomerReference(email: "BO@example.com", name: "Bo")),
      order("3", day: 3, CustomerReference(name: "Bo")),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log)
    #expect(resolution.personOfOrder[0] == resolution.personOfOrder[1])
    #expect(resolution.personOfOrder[2] == nil)
  }

  /// Every phone of an order is an identifier.
  ///
  /// Merges list the phones that share an oldest order in the order that order gives them,
  /// whatever order the values were numbered in.
  @Test func everyPhoneOfAnOrderLinks() throws {
    let germany = PostalAddress(country: "DE")
    let log = try OrderLog([
      // Given first, placed last: its phone is numbered first.
      order("3", day: 3, CustomerReference(phone: "0171 1111111", name: "Ida", address: germany)),
      order(
        "1", day: 1,
        CustomerReference(
          phone: "+49 160 2222222", additionalPhones: ["0171 1111111", "+49 171 1111111"], name: "Ida",
          address: germany)),
      order("2", day: 2, CustomerReference(additionalPhones: ["0160 2222222"], name: "Ida", address: germany)),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log)
    #expect(log.orderIDs == ["1", "2", "3"])
    #expect(resolution.personOfOrder == [0, 0, 0])
    #expect(resolution.personIDs == ["phone:+491602222222"])
    #expect(
      Array(resolution.merges) == [
        .init(identifier: "phone", value: "+491602222222", orders: ["1", "2"]),
        .init(identifier: "phone", value: "+491711111111", orders: ["1", "3"]),
      ])
  }

  /// The audit encodes with the resolution; JSON written before it had rules, orders of ignored
  /// values and orders set aside still decodes.
  @Test func theAuditRoundTripsAndOldJSONDecodes() throws {
    let log = try OrderLog([
      order("1", day: 1, CustomerReference(email: "team@acme.example", phone: "12345", name: "Mia")),
      order("2", day: 2, CustomerReference(email: "team@acme.example", name: "Clara")),
    ])
    let resolution = DeterministicIdentityResolver().resolve(log)
    #expect(resolution.personCount == 0)
    #expect(resolution.ordersSetAside.map(\.order) == ["1", "2"])
    #expect(resolution.ordersSetAside[0].identifiers.map(\.rule) == [.sharedByDifferentPeople, .invalid])
    #expect(resolution.ordersSetAside[0].identifiers.last?.reason == "not a phone number (fewer than 6 digits)")
    let decoded = try JSONDecoder().decode(IdentityResolution.self, from: JSONEncoder().encode(resolution))
    #expect(decoded == resolution)
    #expect(decoded.ordersSetAside == resolution.ordersSetAside)
    let old = Data(
      #"{"personOfOrder":[0,-1],"personIDs":["email:a@b.example"],"merges":[],"ignoredIdentifiers":[{"identifier":"email","value":"x@y.example","reason":"shared"}]}"#
        .utf8)
    let earlier = try JSONDecoder().decode(IdentityResolution.self, from: old)
    #expect(earlier.ordersSetAside.isEmpty && earlier.ordersWithoutIdentity == 1)
    #expect(earlier.ignoredIdentifiers == [.init(identifier: "email", value: "x@y.example", reason: "shared")])
    #expect(earlier.ignoredIdentifiers[0].rule == nil && earlier.ignoredIdentifiers[0].orders.isEmpty)
    #expect(IdentityRule(rawValue: "placeholder") == .placeholder)
    #expect(try JSONEncoder().encode(IdentityRule.nameVariants) == Data(#""name-variants""#.utf8))
  }
}

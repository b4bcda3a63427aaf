import Foundation
import Testing
import _TestSupport
import Segmentation

/// Profiles and RFM computed on the log of people (`log.keyed(by: resolution)`) count people:
/// they equal the profiles built from the imported log with the resolution, not the profiles of
/// the shop's customer ids.
struct PersonLogSegmentationTests {
  private struct Figures: Equatable {
    var orders: Int
    var revenue: Double
    var firstOrder: Date
    var lastOrder: Date
    var email: String?
  }

  private func figures(_ profiles: CustomerProfiles) -> [String: Figures] {
    Dictionary(
      uniqueKeysWithValues: profiles.map {
        (
          $0.id,
          Figures(
            orders: $0.orders, revenue: $0.revenue, firstOrder: $0.firstOrder, lastOrder: $0.lastOrder, email: $0.email)
        )
      })
  }

  @Test func profilesAndRFMOnThePersonLogCountPeople() throws {
    let log = try OrderLog(contentsOf: try TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let asOf = try #require(log.lastOrderDate).addingTimeInterval(86_400)
    let resolution = DeterministicIdentityResolver().resolve(log)
    let people = log.keyed(by: resolution)
    let fromPeopleLog = CustomerProfiles(log: people, resolution: IdentityResolution(customerIDsOf: people), asOf: asOf)
    let fromResolution = CustomerProfiles(log: log, resolution: resolution, asOf: asOf)
    let byCustomerID = CustomerProfiles(log: log, resolution: IdentityResolution(customerIDsOf: log), asOf: asOf)
    // IdentityConsistencyTests: 921 people with a purchase, against 986 customer ids.
    #expect(fromPeopleLog.count == 921)
    #expect(byCustomerID.count == 986)
    #expect(figures(fromPeopleLog) == figures(fromResolution))
    #expect(fromPeopleLog.anonymousPurchases == 0 && byCustomerID.anonymousPurchases > 0)
    // Every purchase is counted once either way.
    #expect(
      fromPeopleLog.reduce(0) { $0 + $1.orders } == byCustomerID.reduce(0) { $0 + $1.orders }
        + byCustomerID.anonymousPurchases)

    let rfm = try RFMAnalysis(profiles: fromPeopleLog)
    let reference = try RFMAnalysis(profiles: fromResolution)
    #expect(rfm.scores.count == 921)
    #expect(rfm.segmentSizes.values.reduce(0, +) == 921)
    #expect(rfm.thresholds == reference.thresholds)
    #expect(rfm.segmentSizes == reference.segmentSizes)
    let scores = Dictionary(uniqueKeysWithValues: zip(fromPeopleLog.map(\.id), rfm.scores))
    for (profile, score) in zip(fromResolution, reference.scores) { #expect(scores[profile.id] == score) }
    #expect(try RFMAnalysis(profiles: byCustomerID).scores.count == 986)
  }

  /// A segment of the person log reaches a guest checkout's person: a guest order and an account
  /// order under one email are one repeat buyer.
  @Test func aGuestCheckoutMakesItsPersonARepeatBuyer() throws {
    let day = 86_400.0
    let log = try OrderLog([
      Order(
        id: "1", customer: CustomerReference(id: "c1", email: "ada@example.com", name: "Ada"),
        placedAt: Date(timeIntervalSince1970: day), total: 20),
      Order(
        id: "2", customer: CustomerReference(email: "Ada@Example.com", name: "Ada"),
        placedAt: Date(timeIntervalSince1970: 40 * day), total: 30),
    ])
    let asOf = Date(timeIntervalSince1970: 50 * day)
    let people = log.resolvingIdentities(with: DeterministicIdentityResolver())
    let profiles = CustomerProfiles(log: people, resolution: IdentityResolution(customerIDsOf: people), asOf: asOf)
    #expect(profiles.count == 1)
    #expect(profiles.members(of: RepeatBuyers()).count == 1)
    #expect(profiles.members(of: FirstTimeBuyers()).isEmpty)
    #expect(profiles.first?.revenue == 50)
    let byID = CustomerProfiles(log: log, resolution: IdentityResolution(customerIDsOf: log), asOf: asOf)
    #expect(byID.members(of: FirstTimeBuyers()).count == 1 && byID.anonymousPurchases == 1)
  }
}

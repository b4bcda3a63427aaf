import Foundation
import Testing
import Campaigns
import Segmentation

/// A campaign context built on the log of people (`log.resolvingIdentities(with:)`) sees a
/// person's guest checkout as that person's purchase: exit conditions and email consent follow
/// the person, not the shop's customer id.
struct CampaignContextPersonLogTests {
  private static let t0 = Date(timeIntervalSince1970: 1_709_251_200)  // 2024-03-01 00:00 UTC
  private static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3_600) }

  @Test func aGuestCheckoutIsThePersonsPurchase() throws {
    let beans = [LineItem(productID: "BEANS", unitPrice: 12)]
    let log = try OrderLog([
      Order(
        id: "1", customer: CustomerReference(id: "c1", email: "ada@example.com", name: "Ada"), placedAt: Self.at(0),
        lines: beans, acceptsMarketing: false),
      // The same woman checks out as a guest two days later and opts in.
      Order(
        id: "2", customer: CustomerReference(email: "ADA@example.com", name: "Ada"), placedAt: Self.at(48),
        lines: beans, acceptsMarketing: true),
      Order(
        id: "3", customer: CustomerReference(id: "c2", email: "bo@example.com", name: "Bo"), placedAt: Self.at(10),
        lines: beans),
    ])
    let window = Self.at(72)..<Self.at(96)
    let people = log.resolvingIdentities(with: DeterministicIdentityResolver())
    let ada = try #require(people.customerID(ofOrder: 0))
    #expect(people.customerID(ofOrder: 2) == ada)
    let context = CampaignContext(events: EventLog([]), orders: people, window: window)
    #expect(context.purchasingCustomers.count == 2)
    #expect(context.purchaseTimes(ofCustomer: ada) == [Self.at(0), Self.at(48)])
    #expect(context.hasOrdered(ada, after: Self.at(24)))
    #expect(ContactPolicy().hasConsent(ada, on: .email, in: context))
    // Keyed by customer id, the guest order belongs to no one: the account holder has not
    // ordered again and never opted in.
    let byID = CampaignContext(events: EventLog([]), orders: log, window: window)
    #expect(byID.purchaseTimes(ofCustomer: "c1") == [Self.at(0)])
    #expect(!byID.hasOrdered("c1", after: Self.at(24)))
    #expect(!ContactPolicy().hasConsent("c1", on: .email, in: byID))
  }
}

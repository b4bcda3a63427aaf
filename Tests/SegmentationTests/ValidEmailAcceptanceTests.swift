import Foundation
import Testing
import _TestSupport
import Segmentation

/// Issue 17's acceptance: on the real-world-shaped Shopify exports the resolver sets aside no
/// order that has a valid email, unless the email is a placeholder or truly shared, and the
/// reason is in the audit.
///
/// Checked over every Shopify export of `Tests/Data`: the synthetic export (5,026 orders, with
/// its truth file), the name-variant fixture built from the real exports of the issue ("Licup Jel
/// Sinafe" / "Licup Bacafome Jel Sinafe", "Vovo Mim Mikeni" / "Vovo Mikeni"), the phone-columns
/// fixture, and the row-order, conflict, currency and hostile-name fixtures.
struct ValidEmailAcceptanceTests {
  /// A fixture, its truth file (if any), and how many of its orders with a valid email are set
  /// aside because that email is truly shared.
  struct Export: Sendable, CustomStringConvertible {
    var path: String
    var truth: String?
    var sharedEmailOrders: Int
    var description: String { path }
  }

  static let exports = [
    Export(
      path: "shopify/orders_export_sample.csv", truth: "shopify/orders_export_sample.truth.json", sharedEmailOrders: 0),
    // Eva Kranz and Eva Stein on eva@example.com, nothing else to tell them by.
    Export(
      path: "fixtures/shopify/identity_variants.csv", truth: "fixtures/shopify/identity_variants.truth.json",
      sharedEmailOrders: 2),
    Export(
      path: "fixtures/shopify/identity_phone_columns.csv", truth: "fixtures/shopify/identity_phone_columns.truth.json",
      sharedEmailOrders: 0),
    Export(path: "fixtures/shopify/hostile_names.csv", truth: nil, sharedEmailOrders: 0),
    Export(path: "fixtures/shopify_nonadjacent_rows.csv", truth: nil, sharedEmailOrders: 0),
    Export(path: "fixtures/shopify_conflicting_order_fields.csv", truth: nil, sharedEmailOrders: 0),
    Export(path: "fixtures/shopify_mixed_currencies.csv", truth: nil, sharedEmailOrders: 0),
  ]

  private struct Truth: Decodable {
    var person_of_order: [String: Int]
  }

  @Test(arguments: exports)
  func noOrderWithAValidEmailIsSetAsideUnlessItIsTrulyShared(export: Export) throws {
    // The currency fixture holds EUR and USD orders: keep the EUR ones.
    let options = ImportOptions(currency: export.path.contains("currencies") ? .only("EUR") : .single)
    let log = try OrderLog(contentsOf: try TestData.url(export.path), format: .shopify, options: options)
    try #require(log.orderCount > 0)
    let resolver = DeterministicIdentityResolver()
    let resolution = resolver.resolve(log)
    let truth = try export.truth.map {
      try JSONDecoder().decode(Truth.self, from: Data(contentsOf: try TestData.url($0))).person_of_order
    }
    let setAside = Dictionary(uniqueKeysWithValues: resolution.ordersSetAside.map { ($0.order, $0) })
    var sharedEmailOrders = 0
    for index in log.indices {
      let order = log.orderIDs[index]
      guard let written = log.customerReference(ofOrder: index).email else { continue }
      if resolution.personOfOrder[index] != nil {
        #expect(setAside[order] == nil, "\(order) has a person and is listed as set aside")
        continue
      }
      // The order has no person: the audit lists it, with its email and why.
      let entry = try #require(setAside[order], "\(export.path): \(order) has no person and no reason")
      let email = try #require(entry.identifiers.first { $0.identifier == "email" }, "\(order): its email")
      #expect(!email.reason.isEmpty)
      let ignored = try #require(
        resolution.ignoredIdentifiers.first { $0.identifier == "email" && $0.value == email.value },
        "\(order): \(email.value) is not in the audit")
      #expect(ignored.orders.contains(order))
      guard let valid = resolver.normalizedEmail(written) else {
        // Not a valid email: a placeholder, the shop's own, or no address at all.
        #expect([IdentityRule.placeholder, .shopIdentifier, .invalid].contains(email.rule))
        continue
      }
      // A valid email: set aside only as shared, and truly shared (its orders are at least two
      // people's, where the truth is known).
      sharedEmailOrders += 1
      #expect(email.value == valid)
      #expect(email.rule == .sharedByDifferentPeople || email.rule == .tooManyCustomerIDs)
      if let truth {
        let people = Set(ignored.orders.compactMap { truth[$0] })
        #expect(people.count >= 2, "\(order): \(valid) is one person's (truth), yet set aside: \(email.reason)")
      }
    }
    #expect(sharedEmailOrders == export.sharedEmailOrders)
  }
}

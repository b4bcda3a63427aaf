import Foundation
import Segmentation
import Testing
import _TestSupport

/// Compiles and runs the code of Documentation/WhoIsWho.md on the synthetic Shopify export.
struct WhoIsWhoGuideSnippetTests {
  @Test func guideCodeIsCompiledHere() throws {
    try GuideSnippets.expectGuide("WhoIsWho.md", isCompiledBy: #filePath)
  }

  @Test func resolveThenCountPeople() throws {
    let url = try TestData.url("shopify/orders_export_sample.csv")

    let log = try OrderLog(contentsOf: url, format: .shopify)
    let resolution = DeterministicIdentityResolver().resolve(log)
    let people = log.keyed(by: resolution)  // the log of people: summaries, models, segments count people
    print(log.customerCount, "customer ids,", people.customerCount, "people")
    for merge in resolution.merges.prefix(3) {
      print(merge.identifier, merge.value, merge.rule, merge.orders)  // email ada@example.com same-identifier [...]
    }
    for order in resolution.ordersSetAside {
      print(order.order, order.reason)  // #1017 email "eva@example.com": used by 2 names of ...
    }

    // orders_export_sample.truth.json: 937 people behind 1,004 customer ids and 158 guest orders.
    #expect(log.customerCount == 1_004 && people.customerCount == 937)
    #expect(resolution.ordersSetAside.isEmpty)
    #expect(resolution.merges.allSatisfy { $0.rule == ($0.reason == nil ? .sameIdentifier : .nameVariants) })
  }
}

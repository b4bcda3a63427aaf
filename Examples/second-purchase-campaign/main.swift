import Campaigns
import Foundation
import Recommendations
import RetentionModel
import Segmentation
import _CommandLineSupport

// second-purchase-campaign: from a Shopify orders export to an email tool's CSV of first-time
// buyers.
//
//   swift run second-purchase-campaign [FILE] [--out campaign.csv] [--format ...]
//
// 1. Import the orders (default: the synthetic Shopify export committed in Tests/Data/shopify).
// 2. Find the people behind the orders: guest checkouts and email variants of one person become
//    one person.
// 3. Key the orders by person and summarise each person (x, t_x, T), as the models read them.
// 4. Fit a BG/NBD model on the people: each first-time buyer's chance of a second purchase.
// 5. Learn from the repeat buyers: when they came back, and what they bought second.
// 6. For each first-time buyer who may be emailed under the Campaigns contact policy (the one
//    consent model of the planner, the report and the examples: the latest Accepts Marketing
//    flag of the person's orders; no statement, no consent): the product to offer, the day to
//    send, further recommendations, and the reason, written as a CSV.

let program = ExampleProgram(
  name: "second-purchase-campaign",
  abstract: """
    Finds the first-time buyers of a shop (after resolving guest orders and email variants into
    people), scores their probability of a second purchase within 30, 60 and 90 days with a BG/NBD
    model, picks the product to offer (what earlier customers who started with the same products
    bought second) and the day to send (when repeat buyers typically came back), and writes a CSV
    for an email tool. Only people with email consent under the Campaigns contact policy (the
    latest Accepts Marketing flag of their orders) are in it; the others are counted.
    """,
  options: [.value("out", "FILE", "where to write the campaign (default: second-purchase-campaign.csv)")],
  data: [.fileFormat, .timeZone, .observationEnd],
  defaultFile: bundledDataFile("shopify/orders_export_sample.csv"), defaultFormat: .shopify)

/// One purchase day of a person and the products bought on it: several orders on one calendar
/// day are one purchase, as for the models.
struct PurchaseDay {
  var day: Int
  var products: Set<String>
}

/// A person's purchase days up to `lastDay`, oldest first.
func purchaseDays(_ orders: [Order], clock: DayClock, through lastDay: Int) -> [PurchaseDay] {
  var days: [PurchaseDay] = []
  for order in orders where order.isPurchase {
    let day = clock.day(of: order.placedAt)
    guard day <= lastDay else { break }
    let products = Set(order.lines.map(\.productID))
    if days.last?.day == day {
      days[days.count - 1].products.formUnion(products)
    } else {
      days.append(PurchaseDay(day: day, products: products))
    }
  }
  return days
}

/// The product bought most often, leaving out those already bought; ties go to the smaller id.
func mostCommon(_ counts: [String: Int], excluding bought: Set<String>) -> String? {
  counts.filter { !bought.contains($0.key) }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
}

program.run { arguments, data in
  // 1. The orders, and the last observed day (the last order's, unless given).
  let log = try data.load()
  let summaryOptions = data.summaryOptions(for: log)
  let clock = summaryOptions.clock
  let today = clock.day(of: summaryOptions.observationEnd)

  // 2. The people, and their profiles (segments read these) as of the end of today.
  let resolution = DeterministicIdentityResolver().resolve(log)
  let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: clock.startOfDay(today + 1))

  // 3. The same orders with the person as the customer: the order log of people. An order
  //    without any identifier stays a guest order and is in no summary.
  let people = log.keyed(by: resolution)
  let summaries = people.summaries(summaryOptions)

  // 4. The BG/NBD model on the people, in weeks.
  let fit = try BGNBDModel.fit(summaries.compressed())

  // 5. Each person's purchase days; when the repeat buyers came back, and what they bought
  //    second that they had not bought first (overall, and after each first product).
  var days: [String: [PurchaseDay]] = [:]
  for person in summaries.customerIDs {
    days[person] = purchaseDays(people.orders(ofCustomer: person), clock: clock, through: today)
  }
  var gaps: [Int] = []
  var secondAfter: [String: [String: Int]] = [:]
  var secondOverall: [String: Int] = [:]
  for history in days.values where history.count >= 2 {
    gaps.append(history[1].day - history[0].day)
    for product in history[1].products.subtracting(history[0].products) {
      secondOverall[product, default: 0] += 1
      for start in history[0].products { secondAfter[start, default: [:]][product, default: 0] += 1 }
    }
  }
  gaps.sort()
  let medianGap = gaps.isEmpty ? 30 : gaps[gaps.count / 2]

  // 6. The campaign. Further offers come from item-to-item recommendations (co-purchase cosine,
  //    Linden, Smith & York 2003) learned from the people's purchases up to today.
  let itemToItem = ItemToItemRecommender(PurchaseHistory(people, before: clock.startOfDay(today + 1)))
  let catalogue = Dictionary(log.products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  let isoDay = ISO8601DateFormatter()
  isoDay.formatOptions = [.withFullDate]
  isoDay.timeZone = data.timeZone
  var csv = CSVWriter(header: [
    "person", "email", "name", "first_order", "p_second_30d", "p_second_60d", "p_second_90d", "offer", "offer_name",
    "send_on", "also_recommended", "reason",
  ])
  // Consent as the planner judges it, known at the end of today; no events: the orders say it.
  let policy = ContactPolicy()
  let endOfToday = clock.startOfDay(today + 1)
  let consentContext = CampaignContext(
    events: EventLog([]), orders: people, window: endOfToday..<endOfToday.addingTimeInterval(86_400))
  var withheld = 0, declined = 0, written = 0
  for member in profiles.members(of: FirstTimeBuyers()) {
    let profile = profiles[member.position]
    guard let firstDay = days[profile.id]?.first else { continue }
    guard policy.hasConsent(profile.id, on: .email, in: consentContext) else {
      withheld += 1
      if profile.acceptsMarketing == false { declined += 1 }
      continue
    }
    let age = TimeSpan.days(Double(today - firstDay.day))
    let chances = [30.0, 60, 90].map { fit.model.probabilityOfSecondPurchase(within: .days($0), age: age) }

    var afterTheseProducts: [String: Int] = [:]
    for start in firstDay.products { afterTheseProducts.merge(secondAfter[start] ?? [:], uniquingKeysWith: +) }
    let offer =
      mostCommon(afterTheseProducts, excluding: firstDay.products)
      ?? mostCommon(secondOverall, excluding: firstDay.products)
    let offerReason =
      offer.map { product in
        afterTheseProducts[product].map { "\($0) earlier customers who started with the same products bought it next" }
          ?? "the most common second purchase (\(secondOverall[product] ?? 0) customers)"
      } ?? "no second purchases to learn from yet"
    let sendDay = max(today + 1, firstDay.day + medianGap)
    let also = itemToItem.recommendations(
      forCustomer: profile.id, count: 4, filter: RecommendationFilter(excludesPurchasedProducts: true)
    ).map(\.productID).filter { $0 != offer }.prefix(3)

    csv.append([
      .text(profile.id), .text(profile.email ?? ""), .text(profile.name ?? ""),
      .text(isoDay.string(from: clock.startOfDay(firstDay.day))),
      .number(chances[0], fractionDigits: 3), .number(chances[1], fractionDigits: 3),
      .number(chances[2], fractionDigits: 3),
      .text(offer ?? ""), .text(offer.flatMap { catalogue[$0]?.name } ?? ""),
      .text(isoDay.string(from: clock.startOfDay(sendDay))), .text(also.joined(separator: " ")),
      .text("\(member.reason); \(offerReason); repeat buyers came back after a median of \(medianGap) days"),
    ])
    written += 1
  }
  let out = arguments.value("out") ?? "second-purchase-campaign.csv"
  try writeTextFile(csv.text, to: out)

  let p = fit.model.parameters
  let repeaters = summaries.frequency.count { $0 > 0 }
  print("\(log.purchaseCount) purchases by \(summaries.count) people (\(resolution.mergeCount) identity merges)")
  print(String(format: "%d repeat buyers (%.1f %%); median time to the second purchase %d days", repeaters, summaries.isEmpty ? 0 : 100 * Double(repeaters) / Double(summaries.count), medianGap))
  print(String(format: "BG/NBD on the people (weeks): r %.3f, alpha %.3f, a %.3f, b %.3f", p.r, p.alpha, p.a, p.b))
  print("\(written + withheld) first-time buyers: \(written) in the campaign, \(withheld) withheld for consent")
  print("  withheld: \(declined) declined marketing, \(withheld - declined) never said (no email consent without an opt-in)")
  print("wrote \(URL(fileURLWithPath: out).path)")
}

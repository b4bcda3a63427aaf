import Foundation
import Recommendations
import RetentionModel
import Segmentation
import _CommandLineSupport

// second-purchase-campaign: from a Shopify orders export to an email tool's CSV of first-time
// buyers: who they really are (identity resolution), their chance of a second purchase (a BG/NBD
// model fitted on the shop's people), the product to offer and the day to send.
//
//   swift run second-purchase-campaign [FILE] [--out campaign.csv] [--format ...]
//
// Without FILE it reads the synthetic Shopify export committed in Tests/Data/shopify.

/// The data options this program uses.
let dataFeatures: DataOptions.Features = [.fileFormat, .timeZone, .observationEnd]

let help = """
  usage: second-purchase-campaign [FILE] [--out FILE] [options]

  Finds the first-time buyers of a shop (after resolving guest orders and email variants into
  people), scores their probability of a second purchase within 30, 60 and 90 days with a BG/NBD
  model, picks the product to offer (what earlier customers who started with the same products
  bought second) and the day to send (when repeat buyers typically came back), and writes a CSV
  for an email tool. Customers who declined marketing are left out (and counted).

  options:
    --out FILE                where to write the campaign (default: second-purchase-campaign.csv)
  \(DataOptions.help(for: dataFeatures))
  """

/// One person's purchase days and products, oldest first.
struct PersonHistory {
  /// The order log's customer id of the person's first purchase, if it had one.
  var firstCustomerID: String?
  var days: [Int] = []
  var productsByDay: [[Int32]] = []
}

do {
  let arguments = try Arguments(
    Array(CommandLine.arguments.dropFirst()), valueOptions: DataOptions.valueOptions(for: dataFeatures).union(["out"]),
    flags: DataOptions.flags(for: dataFeatures), helpHint: "second-purchase-campaign --help")
  if arguments.flag("help") {
    print(help)
    exit(0)
  }
  let options = try DataOptions(arguments, features: dataFeatures, defaultFile: bundledDataFile("shopify/orders_export_sample.csv"), defaultFormat: .shopify)
  let log = try options.load()
  let summaryOptions = options.summaryOptions(for: log)
  let clock = summaryOptions.clock
  let today = clock.day(of: summaryOptions.observationEnd)
  let resolution = DeterministicIdentityResolver().resolve(log)
  let profiles = CustomerProfiles(log: log, resolution: resolution, asOf: clock.startOfDay(today + 1))

  // Purchase days per person (several orders on one day are one purchase, as for the models).
  var histories = [PersonHistory](repeating: PersonHistory(), count: resolution.personCount)
  for order in 0..<log.orderCount where log.orderIsPurchase[order] {
    let day = clock.day(ofSeconds: log.orderTimes[order])
    guard let person = resolution.personOfOrder[order]?.rawValue, day <= today else { continue }
    let products = log.orderLineStarts[order]..<log.orderLineStarts[order + 1]
    if histories[person].days.last == day {
      histories[person].productsByDay[histories[person].days.count - 1].append(contentsOf: products.map { log.lineProducts[Int($0)] })
    } else {
      if histories[person].days.isEmpty, log.orderCustomers[order] >= 0 {
        histories[person].firstCustomerID = log.customerIDs[Int(log.orderCustomers[order])]
      }
      histories[person].days.append(day)
      histories[person].productsByDay.append(products.map { log.lineProducts[Int($0)] })
    }
  }

  // The BG/NBD model on the people, in weeks.
  var frequency: [Double] = [], recency: [Double] = [], age: [Double] = []
  for history in histories {
    guard let first = history.days.first, let last = history.days.last else { continue }
    frequency.append(Double(history.days.count - 1))
    recency.append(Double(last - first) / 7)
    age.append(Double(today - first) / 7)
  }
  let fit = try BGNBDModel.fit(FrequencyRecencyData(frequency: frequency, recency: recency, age: age, unit: .weeks))

  // When repeat buyers came back, and what they bought second after each first product.
  var gaps: [Int] = []
  var secondAfter: [Int32: [Int32: Int]] = [:]
  var secondOverall: [Int32: Int] = [:]
  for history in histories where history.days.count >= 2 {
    gaps.append(history.days[1] - history.days[0])
    let first = Set(history.productsByDay[0])
    for product in Set(history.productsByDay[1]) where !first.contains(product) {
      secondOverall[product, default: 0] += 1
      for start in first { secondAfter[start, default: [:]][product, default: 0] += 1 }
    }
  }
  gaps.sort()
  let medianGap = gaps.isEmpty ? 30 : gaps[gaps.count / 2]

  func bestProduct(_ counts: [Int32: Int], excluding bought: Set<Int32>) -> Int32? {
    counts.filter { !bought.contains($0.key) }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }

  // Item-to-item recommendations (co-purchase cosine, Linden, Smith & York 2003) as further offers.
  let purchaseHistory = PurchaseHistory(log, before: clock.startOfDay(today + 1))
  let itemToItem = ItemToItemRecommender(purchaseHistory)
  let personOfID = Dictionary(uniqueKeysWithValues: resolution.personIDs.enumerated().map { ($1, $0) })
  var writer = CSVWriter(header: [
    "person", "email", "name", "first_order", "p_second_30d", "p_second_60d", "p_second_90d", "offer", "offer_name",
    "send_on", "also_recommended", "reason",
  ])
  var declined = 0, written = 0
  let dayFormatter = ISO8601DateFormatter()
  dayFormatter.formatOptions = [.withFullDate]
  dayFormatter.timeZone = options.timeZone
  for member in profiles.members(of: FirstTimeBuyers()) {
    let profile = profiles[member.position]
    guard let person = personOfID[profile.id], let first = histories[person].days.first else { continue }
    if profile.acceptsMarketing == false {
      declined += 1
      continue
    }
    let age = TimeSpan.days(Double(today - first))
    let chances = [30.0, 60, 90].map { fit.model.probabilityOfSecondPurchase(within: .days($0), age: age) }
    let bought = Set(histories[person].productsByDay[0])
    var combined: [Int32: Int] = [:]
    for start in bought { combined.merge(secondAfter[start] ?? [:], uniquingKeysWith: +) }
    let offer = bestProduct(combined, excluding: bought) ?? bestProduct(secondOverall, excluding: bought)
    let offerReason =
      offer.map { product in
        combined[product].map { "\($0) earlier customers who started with the same products bought it next" }
          ?? "the most common second purchase (\(secondOverall[product] ?? 0) customers)"
      } ?? "no second purchases to learn from yet"
    let sendDay = Swift.max(today + 1, first + medianGap)
    let offerID = offer.map { log.products[Int($0)].id }
    let also = (histories[person].firstCustomerID.map {
      itemToItem.recommendations(forCustomer: $0, count: 4, filter: RecommendationFilter(excludesPurchasedProducts: true))
    } ?? []).map(\.productID).filter { $0 != offerID }.prefix(3)
    writer.append([
      .text(profile.id), .text(profile.email ?? ""), .text(profile.name ?? ""),
      .text(dayFormatter.string(from: clock.startOfDay(first))),
      .number(chances[0], fractionDigits: 3), .number(chances[1], fractionDigits: 3),
      .number(chances[2], fractionDigits: 3),
      .text(offer.map { log.products[Int($0)].id } ?? ""), .text(offer.flatMap { log.products[Int($0)].name } ?? ""),
      .text(dayFormatter.string(from: clock.startOfDay(sendDay))), .text(also.joined(separator: " ")),
      .text("\(member.reason); \(offerReason); repeat buyers came back after a median of \(medianGap) days"),
    ])
    written += 1
  }
  let out = URL(fileURLWithPath: arguments.value("out") ?? "second-purchase-campaign.csv")
  try writeTextFile(writer.text, to: out.path)

  let p = fit.model.parameters
  let repeaters = histories.filter { $0.days.count >= 2 }.count
  let people = histories.filter { !$0.days.isEmpty }.count
  print("\(log.purchaseCount) purchases by \(people) people (\(resolution.mergeCount) identity merges)")
  print(String(format: "%d repeat buyers (%.1f %%); median time to the second purchase %d days", repeaters, people > 0 ? 100 * Double(repeaters) / Double(people) : 0, medianGap))
  print(String(format: "BG/NBD on the people (weeks): r %.3f, alpha %.3f, a %.3f, b %.3f", p.r, p.alpha, p.a, p.b))
  print("\(written + declined) first-time buyers: \(written) in the campaign, \(declined) left out (declined marketing)")
  print("wrote \(out.path)")
} catch {
  printError("second-purchase-campaign: \(error)")
  exit(1)
}

import Foundation
import RetentionCore

/// The key figures of a shop's retention, computed from its order log.
struct RetentionFigures: Encodable {
  var currency: String
  var customers: Int
  var orders: Int
  var revenue: Double
  var firstOrder: String
  var lastOrder: String
  /// Share of customers with two or more orders.
  var repeatCustomerShare: Double
  /// Share of revenue from customers with two or more orders.
  var repeatRevenueShare: Double
  /// P(k+1 orders | k orders) for k = 1, 2, 3.
  var ladder: [Double]
  var topDecileRevenueShare: Double
  var topQuintileRevenueShare: Double
  var medianOrderValue: Double
  /// First-time buyers whose only order is within the last 90 days: the ones to nudge now.
  var recentFirstTimeBuyers: Int
  /// Repeat customers with no order in the last 180 days.
  var lapsedRepeatCustomers: Int

  init(log: OrderLog, options: SummaryOptions) {
    let summaries = log.summaries(SummaryOptions(observationEnd: options.observationEnd, unit: .days, clock: options.clock))
    currency = log.currency ?? ""
    customers = summaries.count
    orders = Int(summaries.orderCounts.reduce(0, +))
    revenue = summaries.totalRevenue
    firstOrder = log.firstOrderDate.map { String(ISO8601DateFormatter().string(from: $0).prefix(10)) } ?? "-"
    lastOrder = log.lastOrderDate.map { String(ISO8601DateFormatter().string(from: $0).prefix(10)) } ?? "-"
    let counts = summaries.orderCounts
    let revenues = summaries.revenue
    let repeaters = counts.indices.filter { counts[$0] > 1 }
    repeatCustomerShare = customers > 0 ? Double(repeaters.count) / Double(customers) : 0
    repeatRevenueShare = revenue > 0 ? repeaters.reduce(0) { $0 + revenues[$1] } / revenue : 0
    ladder = (1...3).map { k in
      let reached = counts.filter { $0 >= k }.count
      return reached > 0 ? Double(counts.filter { $0 >= k + 1 }.count) / Double(reached) : 0
    }
    let sorted = revenues.sorted(by: >)
    let total = summaries.totalRevenue
    let topShare = { (fraction: Double) -> Double in
      guard total > 0, !sorted.isEmpty else { return 0 }
      let k = max(1, Int((Double(sorted.count) * fraction).rounded()))
      return sorted.prefix(k).reduce(0, +) / total
    }
    topDecileRevenueShare = topShare(0.1)
    topQuintileRevenueShare = topShare(0.2)
    let values = log.indices.filter { log.orderIsPurchase[$0] }.map { log.orderNetAmounts[$0] }.sorted()
    medianOrderValue = values.isEmpty ? 0 : values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
    let end = options.observationEnd.timeIntervalSince1970
    recentFirstTimeBuyers = summaries.indices.filter { counts[$0] == 1 && end - summaries.firstOrderTimes[$0] <= 90 * 86_400 }.count
    lapsedRepeatCustomers = repeaters.filter { end - summaries.lastOrderTimes[$0] > 180 * 86_400 }.count
  }

  private func percent(_ value: Double) -> String { String(format: "%.0f %%", value * 100) }
  private func money(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return "\(formatter.string(from: NSNumber(value: value)) ?? String(value)) \(currency)"
  }

  func text(file: String, importReport: ImportReport) -> String {
    """
    SecondSale retention report: \(file)
    \(importReport.rowsRead) rows: \(importReport.linesImported) lines imported, \(importReport.rowsExcluded) excluded, \(importReport.rowsRejected) rejected
    \(customers) customers bought \(orders) times for \(money(revenue)), \(firstOrder) to \(lastOrder).

    Where the profit is
      \(percent(repeatCustomerShare)) of your customers are repeat buyers and bring \(percent(repeatRevenueShare)) of revenue.
      The top 10 % of customers bring \(percent(topDecileRevenueShare)) of revenue, the top 20 % bring \(percent(topQuintileRevenueShare)).
      The median order is worth \(money(medianOrderValue)).

    The repeat ladder
      \(percent(ladder[0])) of first-time buyers came back for a second order;
      \(percent(ladder[1])) of those made a third, and \(percent(ladder[2])) of those a fourth.

    What to do today
      Nudge \(recentFirstTimeBuyers) first-time buyers of the last 90 days towards a second purchase.
      Win back \(lapsedRepeatCustomers) repeat customers who have not ordered for 180 days.
    """
  }
}

import Foundation
import RetentionCore
import Segmentation
import _CommandLineSupport

/// The JSON printed by `secondsale summary --json`.
struct SummaryOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  struct Rejection: Encodable {
    var row: Int
    var field: String?
    var reason: String
  }
  struct Calibration: Encodable {
    var calibrationEnd: String
    var repeaters: Int
    var repeatPurchases: Double
    var holdoutPurchases: Double
    var uniqueTriples: Int
    /// In the summary's `unit`.
    var holdoutLength: Double
  }
  var file: String
  var format: String
  var rows: Int
  var ordersImported: Int
  var linesImported: Int
  var rowsExcluded: Int
  var exclusions: [String: Int]
  var rowsRejected: Int
  /// Rejected rows by kind of problem.
  var rejectionReasons: [String: Int]
  var rejections: [Rejection]
  var cancelledOrders: Int
  var refundedOrders: Int
  /// Orders imported without a shop customer id (guest checkouts), whatever identity counts.
  var guestOrders: Int
  var guestLines: Int
  /// Of `guestOrders`, those identity resolution attributed to a person (`people`; 0 for
  /// `customer-id`): they are that person's orders, no longer guest purchases.
  var guestOrdersAttributed: Int
  /// Of `guestOrders`, those left without a person (all of them for `customer-id`).
  var guestOrdersUnattributed: Int
  /// What the guest figures count, in words.
  var guests: String
  var currency: String?
  var customers: Int
  var repeatCustomers: Int
  /// Customers' purchases up to the observation end: the people's (guest orders attributed to a
  /// person included) or the customer ids'.
  var purchases: Int
  /// Their revenue.
  var revenue: Double
  /// Purchases up to the observation end not attributed to any customer (orders without a
  /// person, or without a customer id), left out of `purchases` and `revenue`.
  var guestPurchases: Int
  var guestRevenue: Double
  /// Which orders `purchases` and `revenue` include.
  var includes: String
  var firstOrder: String?
  var lastOrder: String?
  var observationEnd: String
  var unit: String
  var calibration: Calibration?
}

/// The data options `secondsale summary` uses.
let summaryDataOptions: DataOptions.Features = .all

let summaryCommand = Command(
  name: "summary",
  abstract: "import orders and summarise customers (x, t_x, T, value)",
  dataOptions: summaryDataOptions,
  help: """
    usage: secondsale summary FILE [options]

    Imports an orders file, reports every row (imported, excluded with its reason, or rejected
    with its row, field and reason) and summarises the customers as the buy-till-you-die models
    need them: x repeat purchase days, t_x, T and the mean repeat value.

    options:
    \(DataOptions.help(for: summaryDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: summaryDataOptions)
    let keyed = try options.loadKeyed()
    let log = keyed.log
    // Guest orders of the import (no customer id), and how many of them found a person.
    let guestIndices = keyed.imported.indices.filter { keyed.imported.customerID(ofOrder: $0) == nil }
    let attributed = keyed.identity == .people ? guestIndices.count { keyed.resolution.personOfOrder[$0] != nil } : 0
    let summaryOptions = options.summaryOptions(for: log)
    let all = log.summaries(SummaryOptions(observationEnd: summaryOptions.observationEnd, unit: summaryOptions.unit, clock: summaryOptions.clock))
    let report = log.report
    let totals = log.purchaseTotals(through: summaryOptions.observationEnd, clock: summaryOptions.clock)
    var calibration: SummaryOutput.Calibration?
    if let calibrationEnd = summaryOptions.calibrationEnd {
      let split = log.summaries(summaryOptions)
      calibration = SummaryOutput.Calibration(
        calibrationEnd: formatDay(calibrationEnd), repeaters: split.repeatCustomerCount,
        repeatPurchases: split.repeatPurchaseCount, holdoutPurchases: split.holdoutPurchaseCount,
        uniqueTriples: split.compressed().uniqueCount, holdoutLength: split.holdoutLength.value)
    }
    let output = SummaryOutput(
      identity: options.identity.rawValue,
      file: options.file.lastPathComponent, format: "\(options.format)", rows: report.rowsRead,
      ordersImported: report.ordersImported, linesImported: report.linesImported, rowsExcluded: report.rowsExcluded,
      exclusions: report.exclusions, rowsRejected: report.rowsRejected, rejectionReasons: report.rejectionReasons,
      rejections: report.rejections.prefix(100).map { .init(row: $0.row, field: $0.field, reason: $0.reason) },
      cancelledOrders: report.cancelledOrders, refundedOrders: report.refundedOrders, guestOrders: report.guestOrders,
      guestLines: report.guestLines, guestOrdersAttributed: attributed,
      guestOrdersUnattributed: guestIndices.count - attributed,
      guests: guestNote(
        guestOrders: guestIndices.count, attributed: attributed, guestPurchases: totals.guestOrders,
        identity: keyed.identity),
      currency: log.currency, customers: all.count,
      repeatCustomers: all.indices.filter { all.orderCounts[$0] > 1 }.count, purchases: totals.customerOrders,
      revenue: (totals.customerRevenue * 100).rounded() / 100, guestPurchases: totals.guestOrders,
      guestRevenue: (totals.guestRevenue * 100).rounded() / 100, includes: totals.inclusionNote(currency: log.currency),
      firstOrder: log.firstOrderDate.map(formatDay), lastOrder: log.lastOrderDate.map(formatDay),
      observationEnd: formatDay(summaryOptions.observationEnd), unit: summaryOptions.unit.rawValue,
      calibration: calibration)
    if options.json {
      print(try jsonText(output))
      return
    }
    // The accounting (rows read, imported, excluded, rejected) was printed by the import.
    if output.rowsRejected > 0 {
      print("  first rejections:")
      for rejection in report.rejections.prefix(5) { print("    \(rejection)") }
      if output.rowsRejected > 5 { print("    ... (--json lists the first 100)") }
    }
    print("  not purchases: \(output.cancelledOrders) cancelled/voided, \(output.refundedOrders) refunded")
    print("  \(output.guests)")
    print("customers: \(output.customers), of whom \(output.repeatCustomers) ordered more than once (\(output.customers > 0 ? String(format: "%.1f", 100 * Double(output.repeatCustomers) / Double(output.customers)) : "0") %)")
    let currency = log.currency ?? "(currency not given in the file)"
    print("revenue:   \(String(format: "%.2f", output.revenue)) \(currency) from \(output.purchases) purchases, \(output.firstOrder ?? "-") to \(output.lastOrder ?? "-") (\(output.includes))")
    if let calibration {
      print("calibration to \(calibration.calibrationEnd) (\(output.unit)): \(calibration.repeaters) repeaters, \(Int(calibration.repeatPurchases)) repeat purchases; holdout: \(Int(calibration.holdoutPurchases)) purchases; \(calibration.uniqueTriples) unique (x, t_x, T)")
    }
  })

/// The guest figures in words: how many orders were imported without a customer id, how many
/// of them identity resolution attributed to a person, and the purchases left without anyone.
func guestNote(guestOrders: Int, attributed: Int, guestPurchases: Int, identity: CustomerIdentity) -> String {
  let imported = "guest orders (no customer id): \(guestOrders)"
  switch identity {
  case .people:
    return imported + "; \(attributed) attributed to a person by identity resolution (that person's purchases, "
      + "not guest purchases), \(guestOrders - attributed) without a person; guest purchases: \(guestPurchases)"
  case .customerID:
    return imported + ", not attributed (--identity customer-id); guest purchases: \(guestPurchases)"
  }
}

import Foundation
import RetentionCore
import _CommandLineSupport

/// The JSON printed by `secondsale summary --json`.
struct SummaryOutput: Encodable {
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
  var rejections: [Rejection]
  var cancelledOrders: Int
  var refundedOrders: Int
  var guestOrders: Int
  var guestLines: Int
  var currency: String?
  var customers: Int
  var repeatCustomers: Int
  var purchases: Int
  var revenue: Double
  var firstOrder: String?
  var lastOrder: String?
  var observationEnd: String
  var unit: String
  var calibration: Calibration?
}

let summaryCommand = Command(
  name: "summary",
  abstract: "import orders and summarise customers (x, t_x, T, value)",
  help: """
    usage: secondsale summary FILE [options]

    Imports an orders file, reports every row (imported, excluded with its reason, or rejected
    with its row, field and reason) and summarises the customers as the buy-till-you-die models
    need them: x repeat purchase days, t_x, T and the mean repeat value.

    options:
    \(DataOptions.help)
    """,
  run: { arguments in
    let options = try DataOptions(arguments)
    let log = try options.load()
    let summaryOptions = options.summaryOptions(for: log)
    let all = log.summaries(SummaryOptions(observationEnd: summaryOptions.observationEnd, unit: summaryOptions.unit, clock: summaryOptions.clock))
    let report = log.report
    var calibration: SummaryOutput.Calibration?
    if let calibrationEnd = summaryOptions.calibrationEnd {
      let split = log.summaries(summaryOptions)
      calibration = SummaryOutput.Calibration(
        calibrationEnd: formatDay(calibrationEnd), repeaters: split.repeatCustomerCount,
        repeatPurchases: split.repeatPurchaseCount, holdoutPurchases: split.holdoutPurchaseCount,
        uniqueTriples: split.compressed().uniqueCount, holdoutLength: split.holdoutLength)
    }
    let output = SummaryOutput(
      file: options.file.lastPathComponent, format: "\(options.format)", rows: report.rowsRead,
      ordersImported: report.ordersImported, linesImported: report.linesImported, rowsExcluded: report.rowsExcluded,
      exclusions: report.exclusions, rowsRejected: report.rowsRejected,
      rejections: report.rejections.prefix(100).map { .init(row: $0.row, field: $0.field, reason: $0.reason) },
      cancelledOrders: report.cancelledOrders, refundedOrders: report.refundedOrders, guestOrders: report.guestOrders,
      guestLines: report.guestLines, currency: log.currency, customers: all.count,
      repeatCustomers: all.indices.filter { all.orderCounts[$0] > 1 }.count, purchases: log.purchaseCount,
      revenue: (all.totalRevenue * 100).rounded() / 100,
      firstOrder: log.firstOrderDate.map(formatDay), lastOrder: log.lastOrderDate.map(formatDay),
      observationEnd: formatDay(summaryOptions.observationEnd), unit: summaryOptions.unit.rawValue,
      calibration: calibration)
    if options.json {
      print(try jsonText(output))
      return
    }
    let money = { (value: Double) in String(format: "%.2f %@", value, log.currency ?? "") }
    print("\(output.file): \(output.rows) rows read")
    print("  imported:  \(output.ordersImported) orders, \(output.linesImported) lines")
    if output.rowsExcluded > 0 {
      print("  excluded:  \(output.rowsExcluded) rows (\(output.exclusions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")))")
    }
    print("  rejected:  \(output.rowsRejected) rows")
    for rejection in report.rejections.prefix(5) { print("    \(rejection)") }
    if output.rowsRejected > 5 { print("    ... (--json lists the first 100)") }
    print("  not purchases: \(output.cancelledOrders) cancelled/voided, \(output.refundedOrders) refunded; guest orders: \(output.guestOrders)")
    print("customers: \(output.customers), of whom \(output.repeatCustomers) ordered more than once (\(output.customers > 0 ? String(format: "%.1f", 100 * Double(output.repeatCustomers) / Double(output.customers)) : "0") %)")
    print("revenue:   \(money(output.revenue)) from \(output.purchases) purchases, \(output.firstOrder ?? "-") to \(output.lastOrder ?? "-")")
    if let calibration {
      print("calibration to \(calibration.calibrationEnd) (\(output.unit)): \(calibration.repeaters) repeaters, \(Int(calibration.repeatPurchases)) repeat purchases; holdout: \(Int(calibration.holdoutPurchases)) purchases; \(calibration.uniqueTriples) unique (x, t_x, T)")
    }
  })

import Foundation
import Recommendations

/// The `replenishment` benchmarks: the offline check of the reminders on two windows.
///
/// ``ReplenishmentEvaluation`` on the validation window (the 30 days whose 30-day response period ends the day before the
/// evaluation window) and on the evaluation window (the 30 days ending 30 days before the last
/// order's day), with the estimated quantity elasticity, the per-unit model (b = 1) and the
/// quantity ignored (b = 0). Orders keyed by the shop's customer ids (`secondsale replenish`
/// keys them by people; the figures differ a little).
func replenishmentBenchmarks(_ runner: inout BenchmarkRunner) {
  let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let cases: [(name: String, url: URL?, format: OrderFileFormat)] = [
    (
      "synthetic Shopify export", repository.appendingPathComponent("Tests/Data/shopify/orders_export_sample.csv"),
      .shopify
    ),
    (
      "UCI Online Retail sample",
      repository.appendingPathComponent("Examples/retention-report/Resources/online_retail_sample.csv"), .onlineRetail
    ),
    ("UCI Online Retail", sharedDataURL("online-retail/online_retail.csv"), .onlineRetail),
  ]
  for item in cases {
    let name = "replenishment: \(item.name) evaluation"
    guard runner.wants(name) else { continue }
    guard let url = item.url, let log = try? OrderLog(contentsOf: url, format: item.format),
      let last = log.lastOrderDate
    else {
      print("data not found: skipping \(name)")
      continue
    }
    let clock = DayClock()
    let asOf = clock.startOfDay(clock.day(of: last) + 1).addingTimeInterval(-1)
    let evaluationStart = ReplenishmentEvaluation.latestWindowStart(observedThrough: asOf)
    let validationStart = evaluationStart.addingTimeInterval(-60 * 86_400)
    var evaluation: ReplenishmentEvaluation?
    runner.measure(name) {
      evaluation = ReplenishmentEvaluation(log, windowStart: evaluationStart)
      return evaluation.map { String(format: "plan %.4f, baseline %.4f", $0.plan.conversion, $0.baseline.conversion) }
        ?? ""
    }
    for (label, elasticity) in [("estimated b", nil), ("b = 1 (per unit)", 1.0), ("b = 0", 0.0)] as [(String, Double?)]
    {
      for (window, start) in [("validation", validationStart), ("evaluation", evaluationStart)] {
        let result = ReplenishmentEvaluation(log, windowStart: start, quantityElasticity: elasticity)
        print(
          "    \(window) \(isoDay(result.windowStart)), \(label): "
            + String(
              format: "b %.3f; plan %d of %d (%.1f %%, %d products); baseline %d of %d (%.1f %%)",
              result.quantityElasticity.elasticity, result.plan.converted, result.plan.reminders,
              100 * result.plan.conversion, result.plan.products, result.baseline.converted,
              result.baseline.reminders, 100 * result.baseline.conversion))
      }
    }
  }
}

/// The ISO day of a date in UTC.
private func isoDay(_ date: Date) -> String {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withFullDate]
  return formatter.string(from: date)
}

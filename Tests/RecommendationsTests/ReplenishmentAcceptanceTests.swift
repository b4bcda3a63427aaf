import Foundation
import Testing
import _TestSupport
import Recommendations

/// Issue 21 §4 acceptance on the synthetic Shopify export and UCI Online Retail: no reminder due
/// more than one interval in the past, no product without rebuyers, no durables, gift cards or
/// postage, and the offline check of the reminders beats reminding everyone at the median.
///
/// The plan is made at the end of the last order's day, with reminders 7 days before the
/// run-out (the campaign flow's default); the offline window is the 30 days that end 30 days
/// before that day, with a 30-day response period
/// (``ReplenishmentEvaluation/latestWindowStart(observedThrough:windowDays:responseDays:clock:)``).
struct ReplenishmentAcceptanceTests {
  struct Checked {
    var plan: ReplenishmentPlan
    var evaluation: ReplenishmentEvaluation
  }

  static func check(_ log: OrderLog, expectsToBeatBaseline: Bool = true) throws -> Checked {
    let last = try #require(log.lastOrderDate)
    let clock = DayClock()
    let asOf = clock.startOfDay(clock.day(of: last) + 1).addingTimeInterval(-1)
    let plan = ReplenishmentPlan(log, asOf: asOf, timing: .daysBeforeRunOut(7))
    #expect(!plan.due.isEmpty)
    for reminder in plan.due {
      // Due means the reminder day has come and lies less than one interval back (so does the run-out).
      let interval = reminder.expectedDays * 86_400
      #expect(reminder.reminderDate <= asOf)
      #expect(asOf.timeIntervalSince(reminder.reminderDate) < interval + 86_400, "\(reminder)")
      #expect(asOf.timeIntervalSince(reminder.runOutDate) < interval + 86_400, "\(reminder)")
    }
    // Every planned product has at least two customers who bought it on two or more days.
    let numbers = Dictionary(uniqueKeysWithValues: log.products.enumerated().map { ($1.id, $0) })
    for product in Set(plan.reminders.map(\.productID)) {
      let number = try #require(numbers[product])
      #expect(plan.intervals.rebuying[number].repeatBuyers >= 2, "\(product)")
    }
    let evaluation = ReplenishmentEvaluation(
      log, windowStart: ReplenishmentEvaluation.latestWindowStart(observedThrough: asOf))
    #expect(evaluation.plan.reminders > 0 && evaluation.baseline.reminders > 0)
    #expect(
      evaluation.beatsBaseline == expectsToBeatBaseline,
      "plan \(evaluation.plan.conversion) of \(evaluation.plan.reminders), baseline \(evaluation.baseline.conversion) of \(evaluation.baseline.reminders)"
    )
    return Checked(plan: plan, evaluation: evaluation)
  }

  @Test func shopifyExportRemindsOfConsumablesOnly() throws {
    let log = try OrderLog(contentsOf: TestData.url("shopify/orders_export_sample.csv"), format: .shopify)
    let checked = try Self.check(log)
    let planned = Set(checked.plan.reminders.map(\.productID))
    let excluded = Dictionary(uniqueKeysWithValues: checked.plan.excluded.map { ($0.productID, $0.rule) })
    // The durables (grinder, scale, kettle, dripper, mugs) are bought again no more often than
    // by chance; the gift card is not a product.
    for durable in ["GRN-HND-001", "SCL-DIG-001", "KTL-GSN-001", "BRW-V60-002", "MUG-CER-002"] {
      #expect(!planned.contains(durable))
      #expect(excluded[durable] == .lowRebuyLift, "\(durable)")
    }
    #expect(excluded["GFT-CRD-050"] == .notAProduct)
    #expect(
      planned == [
        "CHO-HOT-300", "CLN-DSC-010", "COF-DEC-250", "COF-ESP-250", "COF-FIL-500", "FLT-PAP-100", "SYR-VAN-250",
        "TEA-CHA-100", "TEA-GRN-100",
      ])
  }

  @Test func onlineRetailSampleRemindsOfNoPostage() throws {
    let checked = try Self.check(try OrderLog(contentsOf: TestData.onlineRetailSample, format: .onlineRetail))
    let planned = Set(checked.plan.reminders.map(\.productID))
    #expect(planned.isDisjoint(with: ["POST", "DOT", "C2", "M", "D", "AMAZONFEE", "BANK CHARGES"]))
    #expect(!planned.contains { $0.hasPrefix("gift_") })
  }

  /// The full UCI file: no postage, nothing long past due, and the plan beats the baseline.
  ///
  /// Window 2011-10-11..11-09, customer ids: 3,081 of 21,858 reminders convert (14.1 %), with
  /// the quantity elasticity estimated on the orders before the window (b = 0.075), against the
  /// baseline's 3,081 of 22,726 (13.6 %). With the per-unit model (b = 1, the plan before issue
  /// 21's fix) 12.9 % of 12,195 converted and the plan lost. Keyed by people, as `secondsale
  /// replenish` does (window 2011-10-12..11-10): 13.9 % of 22,252 against 13.6 % of 23,206.
  /// The margin is small (about one standard error); `Benchmarks/RESULTS.md` has the figures
  /// (`retention-benchmarks --filter "replenishment: UCI Online Retail evaluation"`).
  @Test(.fullData) func onlineRetailRemindsOfNoPostage() throws {
    let log = try OrderLog(contentsOf: FullData.url("online-retail/online_retail.csv"), format: .onlineRetail)
    let checked = try Self.check(log)
    let plan = checked.evaluation.plan, baseline = checked.evaluation.baseline
    #expect(plan.reminders == 21_858 && baseline.reminders == 22_726, "\(plan) \(baseline)")
    #expect(plan.converted == 3_081 && baseline.converted == 3_081, "\(plan) \(baseline)")
    #expect(plan.conversion.isApproximatelyEqual(to: 0.1410, absoluteTolerance: 0.0005))
    #expect(baseline.conversion.isApproximatelyEqual(to: 0.1356, absoluteTolerance: 0.0005))
    #expect(
      checked.evaluation.quantityElasticity.elasticity.isApproximatelyEqual(to: 0.075, absoluteTolerance: 0.0005))
    let planned = Set(checked.plan.reminders.map(\.productID))
    #expect(planned.isDisjoint(with: ["POST", "DOT", "C2", "M", "D", "AMAZONFEE", "BANK CHARGES"]))
  }
}

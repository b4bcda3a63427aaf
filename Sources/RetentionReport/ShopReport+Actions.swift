import Foundation
import RetentionCore
import Segmentation

extension ShopReport {
  /// The report's action lists: first-time buyers to nudge, lapsed customers to win back,
  /// replenishment due, and top customers to call.
  static func actions(
    profiles: CustomerProfiles, lapsed: LapsedCustomers, options: ShopReportOptions, format: HumanFormat,
    within90: Double, topDecileShare: Double, replenishment: [ActionRow]?
  ) -> [ActionList] {
    let limit = options.actionRowLimit
    func contact(_ profile: CustomerProfile) -> String? { profile.email ?? profile.name }
    // Read the two sort keys once, so that sorting compares plain values.
    let revenues = profiles.map { $0.revenue }
    let ids = profiles.map { $0.id }
    func byRevenue(_ positions: [Int]) -> [Int] {
      positions.sorted { revenues[$0] != revenues[$1] ? revenues[$0] > revenues[$1] : ids[$0] < ids[$1] }
    }
    // The first `limit` of a list, each with its contact, revenue and why it is there.
    func rows(_ positions: [Int], detail: (CustomerProfile, Int) -> String) -> [ActionRow] {
      positions.prefix(limit).map { position in
        let profile = profiles[position]
        return ActionRow(
          customerID: profile.id, contact: contact(profile), detail: detail(profile, position), value: profile.revenue)
      }
    }

    let fresh = byRevenue(
      profiles.indices.filter {
        profiles[$0].orders == 1 && profiles[$0].daysSinceFirstOrder <= options.nudgeWindowDays
      })
    let nudge = ActionList(
      kind: .nudgeFirstTimeBuyers, title: "First-time buyers to nudge",
      reading:
        "\(HumanFormat.integer(fresh.count)) customers bought for the first time in the last \(options.nudgeWindowDays) days; only \(HumanFormat.percent(within90)) of first-time buyers buy again within 90 days, so a nudge now pays.",
      rows: rows(fresh) { profile, _ in "first order \(HumanFormat.count(profile.daysSinceFirstOrder, "day")) ago" },
      totalCount: fresh.count)

    let reasons = lapsed.reasons(in: profiles)
    let gone = byRevenue(profiles.indices.filter { reasons[$0] != nil && profiles[$0].orders >= 2 })
    let goneRevenue = gone.reduce(0) { $0 + revenues[$1] }
    let winBack = ActionList(
      kind: .winBack, title: "Lapsed customers to win back",
      reading:
        "\(HumanFormat.integer(gone.count)) repeat customers have been quiet for more than twice their usual gap between orders; together they spent \(format.money(goneRevenue)).",
      rows: rows(gone) { _, position in reasons[position] ?? "lapsed" },
      totalCount: gone.count)

    let due: ActionList
    if let replenishment {
      due = ActionList(
        kind: .replenishmentDue, title: "Replenishment due",
        reading:
          "\(HumanFormat.integer(replenishment.count)) customers are about to run out of something they buy regularly.",
        rows: Array(replenishment.prefix(limit)), totalCount: replenishment.count)
    } else {
      due = ActionList(
        kind: .replenishmentDue, title: "Replenishment due",
        reading:
          "Not computed in this report: pass replenishment rows (for example from the Recommendations module) to list the customers due to reorder.",
        rows: [], totalCount: 0, isPlaceholder: true)
    }

    let topCount = Int((Double(profiles.count) * 0.1 - 1e-9).rounded(.up))
    let top = Array(byRevenue(Array(profiles.indices)).prefix(max(topCount, 0)))
    let call = ActionList(
      kind: .topCustomers, title: "Top customers to call",
      reading:
        "Your top 10 % (\(HumanFormat.integer(top.count)) customers) bring \(HumanFormat.percent(topDecileShare)) of revenue; thank the first ones personally and ask what else they need.",
      rows: rows(top) { profile, _ in
        "\(HumanFormat.count(profile.orders, "order")), the last \(HumanFormat.count(profile.daysSinceLastOrder, "day")) ago"
      },
      totalCount: top.count)
    return [nudge, winBack, due, call]
  }
}

import Campaigns
import Foundation
import _CommandLineSupport

/// The human output of `secondsale attribute`: the shares beside the benchmarks, one row per
/// flow with attributed and incremental revenue side by side, and the survey groups.
func earningsTable(_ earnings: CampaignEarnings, clock: DayClock) -> String {
  let currency = earnings.currency.map { " \($0)" } ?? ""
  func money(_ value: Double) -> String { groupedAmount(value) + currency }
  func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "-" }
  func points(_ value: Double) -> String { String(format: "%+.1f", value * 100) }
  func cell(_ text: String, _ width: Int, left: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + padding : padding + text
  }
  let settings = earnings.settings
  let lastDay = clock.isoDate(of: earnings.period.end.addingTimeInterval(-1))
  var lines = [
    "messages sent \(clock.isoDate(of: earnings.period.start)) to \(lastDay) (identity: \(earnings.identity); "
      + "orders credited within \(days(settings.attribution.openWindow)) of an open, "
      + "\(days(settings.attribution.clickWindow)) of a click, \(settings.attribution.touch.rawValue) touch; "
      + "conversion window \(days(settings.conversionWindow)))",
    "shop revenue \(money(earnings.revenue)), credited to messages \(money(earnings.attributedRevenue))",
    "",
    "  \(cell("share of revenue credited", 26, left: true)) \(cell("yours", 8))  benchmark",
  ]
  for (name, share, benchmark) in earnings.sharesBesideBenchmarks {
    let label = name == "email" ? "email" : "email \(name)"
    let bound = name == "email" ? "at least" : "about"
    lines.append(
      "  \(cell(label, 26, left: true)) \(cell(percent(share), 8))  \(bound) \(String(format: "%.0f %%", benchmark * 100))"
    )
  }
  lines.append("")
  let header = [
    cell("flow", 24, left: true), cell("sent", 7), cell("delivered", 10), cell("opened", 8), cell("clicked", 8),
    cell("converted", 10), cell("attributed revenue", 20), cell("incremental revenue (95 %)", 44),
    "  conversion uplift (95 %)",
  ]
  lines.append(header.joined(separator: " "))
  for flow in earnings.flows {
    let incremental =
      flow.incrementalRevenue.map {
        "\(money($0.value)) (\(money($0.low)) to \(money($0.high)))"
      } ?? "no control group"
    let uplift =
      flow.uplift.map { "\(points($0.conversionRate)) points (\(points($0.low)) to \(points($0.high)))" }
      ?? "no control group"
    let groups = [
      flow.treatment.map { "treated \($0.people) people, \(percent($0.conversionRate))" },
      flow.control.map { "held out \($0.people), \(percent($0.conversionRate))" },
    ].compactMap { $0 }
    lines.append(
      [
        cell(flow.flow, 24, left: true), cell(String(flow.sent), 7), cell(String(flow.delivered), 10),
        cell(percent(flow.openRate), 8), cell(percent(flow.clickRate), 8), cell(String(flow.conversions), 10),
        cell(money(flow.revenue), 20), cell(incremental, 44), "  " + uplift,
      ].joined(separator: " "))
    if !groups.isEmpty { lines.append("  " + groups.joined(separator: "; ") + " converted") }
  }
  if earnings.flows.isEmpty { lines.append("  no message sent or held out in the period") }
  lines.append("")
  let satisfaction = earnings.satisfaction
  if let nps = satisfaction.nps, let low = satisfaction.npsLow, let high = satisfaction.npsHigh {
    lines.append(
      "satisfaction: \(satisfaction.responses) people answered; NPS \(String(format: "%+.0f", nps * 100)) "
        + "(95 % \(String(format: "%+.0f", low * 100)) to \(String(format: "%+.0f", high * 100)))")
    for group in satisfaction.groups {
      let rate =
        group.repeatRate.map { rate in
          "\(percent(rate)) ordered again within \(days(settings.satisfactionHorizon * 86_400)) "
            + "(95 % \(percent(group.repeatRateLow)) to \(percent(group.repeatRateHigh)))"
        } ?? "none answered early enough to follow up"
      lines.append("  \(cell(group.group, 10, left: true)) \(cell(String(group.people), 6)) people: \(rate)")
    }
  } else {
    lines.append("satisfaction: no survey answers in the period")
  }
  let leftOut = [
    (earnings.messageEventsWithoutSend, "message events without a message_sent (not credited)"),
    (earnings.peopleInBothGroups, "people both treated and held out in one flow (left out of its comparison)"),
    (earnings.surveyAnswersOutsideScale, "survey answers outside 0-10 (left out)"),
  ].filter { $0.0 > 0 }
  for (count, what) in leftOut { lines.append("note: \(count) \(what)") }
  return lines.joined(separator: "\n")
}

/// An amount with two decimals and thousands separators: `-1,360.79`.
private func groupedAmount(_ value: Double) -> String {
  let text = String(format: "%.2f", abs(value))
  let whole = text.prefix { $0 != "." }
  var grouped = ""
  for (offset, digit) in whole.enumerated() {
    if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
    grouped.append(digit)
  }
  return (value < 0 && text != "0.00" ? "-" : "") + grouped + text.drop { $0 != "." }
}

/// A window in seconds as days (`5 days`, `1.5 days`).
private func days(_ seconds: TimeInterval) -> String {
  let value = seconds / 86_400
  let text = value == value.rounded() ? String(Int(value)) : String(format: "%.2g", value)
  return "\(text) \(value == 1 ? "day" : "days")"
}

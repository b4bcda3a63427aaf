import Campaigns
import Foundation

// The section "What your messages earned": shown when the report has ``ShopReport/campaignEarnings``
// (the report was given an event file), left out otherwise. Markdown and HTML render the same
// figures: the shares of revenue credited to email beside the articles' benchmarks, one row per
// flow with its attributed and incremental revenue side by side, and the survey groups.

extension ShopReport {
  /// The identifier of the section's `<section>` in the HTML page.
  public static let earningsIdentifier = "message-earnings"

  /// The section's heading.
  static let earningsHeading = "What your messages earned"

  /// The plain-language reading of the section: the email share against its benchmark, and
  /// what the flow with the largest incremental revenue added against what was credited to it.
  ///
  /// - Parameter earnings: The measured period.
  /// - Returns: One or two sentences.
  static func earningsReading(_ earnings: CampaignEarnings, format: HumanFormat) -> String {
    var text: String
    if let share = earnings.emailRevenueShare {
      let verdict = share >= CampaignEarnings.benchmarks.email ? "meeting" : "below"
      text =
        "Email brought \(HumanFormat.percent(share)) of your revenue, \(verdict) the benchmark of at least \(HumanFormat.percent(CampaignEarnings.benchmarks.email))."
    } else {
      text = "No revenue in the period, so no share of it can be credited to email."
    }
    let measured = earnings.flows.filter { $0.incrementalRevenue != nil }
    if let best = measured.max(by: { ($0.incrementalRevenue?.value ?? 0) < ($1.incrementalRevenue?.value ?? 0) }),
      let added = best.incrementalRevenue
    {
      text +=
        " Against its control group, \(best.flow) added \(format.money(added.value)) (95 % \(format.money(added.low)) to \(format.money(added.high))); \(format.money(best.revenue)) was credited to it."
    } else if !earnings.flows.isEmpty {
      text += " No flow held out a control group, so what the messages added cannot be told."
    }
    return text
  }

  /// The rows of the flow table: flow, sent, open rate, click rate, attributed revenue,
  /// incremental revenue with its interval, conversion uplift with its interval.
  static func earningsFlowRows(_ earnings: CampaignEarnings, format: HumanFormat) -> [[String]] {
    earnings.flows.map { flow in
      let incremental = flow.incrementalRevenue.map {
        "\(format.money($0.value)) (\(format.money($0.low)) to \(format.money($0.high)))"
      }
      let uplift = flow.uplift.map {
        "\(signedPoints($0.conversionRate)) (\(signedPoints($0.low)) to \(signedPoints($0.high)))"
      }
      return [
        flow.flow, HumanFormat.integer(flow.sent), flow.openRate.map(HumanFormat.percent) ?? HumanFormat.missing,
        flow.clickRate.map(HumanFormat.percent) ?? HumanFormat.missing, format.money(flow.revenue),
        incremental ?? "no control group", uplift ?? "no control group",
      ]
    }
  }

  static let earningsFlowHeader = [
    "Flow", "Sent", "Opened", "Clicked", "Attributed revenue", "Incremental revenue (95 %)",
    "Conversion uplift (95 %)",
  ]

  static let earningsShareHeader = ["Revenue credited to", "Your share", "Benchmark"]

  static func earningsShareRows(_ earnings: CampaignEarnings) -> [[String]] {
    earnings.sharesBesideBenchmarks.map { name, share, benchmark in
      [
        name == "email" ? "email" : "email \(name)", share.map(HumanFormat.percent) ?? HumanFormat.missing,
        "\(name == "email" ? "at least" : "about") \(HumanFormat.percent(benchmark))",
      ]
    }
  }

  static let earningsSatisfactionHeader = ["Survey answer", "People", "Ordered again (95 %)"]

  static func earningsSatisfactionRows(_ earnings: CampaignEarnings) -> [[String]] {
    earnings.satisfaction.groups.map { group in
      let rate = group.repeatRate.map { rate in
        "\(HumanFormat.percent(rate)) (\(HumanFormat.percent(group.repeatRateLow ?? rate)) to \(HumanFormat.percent(group.repeatRateHigh ?? rate)))"
      }
      return [group.group, HumanFormat.integer(group.people), rate ?? HumanFormat.missing]
    }
  }

  static func earningsSatisfactionReading(_ earnings: CampaignEarnings) -> String {
    let satisfaction = earnings.satisfaction
    guard let nps = satisfaction.nps, let low = satisfaction.npsLow, let high = satisfaction.npsHigh else {
      return "No survey answers in the period."
    }
    let horizon = HumanFormat.count(earnings.settings.satisfactionHorizon)
    return
      "\(HumanFormat.integer(satisfaction.responses)) people answered the survey: NPS \(signedWhole(nps)) (95 % \(signedWhole(low)) to \(signedWhole(high))). The share of each group who ordered again within \(horizon) days:"
  }

  static func earningsNote(_ earnings: CampaignEarnings, clock: DayClock) -> String {
    let attribution = earnings.settings.attribution
    let last = clock.isoDate(of: earnings.period.end.addingTimeInterval(-1))
    return
      "Messages sent \(clock.isoDate(of: earnings.period.start)) to \(last). Attributed revenue: orders within \(HumanFormat.count(attribution.openWindow / 86_400)) days of a human open or \(HumanFormat.count(attribution.clickWindow / 86_400)) of a click (\(attribution.touch.rawValue) touch); it includes orders that would have come anyway. Incremental revenue: the people who got a flow against those held out of it, within \(HumanFormat.count(earnings.settings.conversionWindow / 86_400)) days; only it says what the messages added."
  }

  /// The section as Markdown, or nothing without ``campaignEarnings``.
  func earningsMarkdown(format: HumanFormat, table: ([String], [[String]]) -> String) -> String {
    guard let earnings = campaignEarnings else { return "" }
    var text = "## \(Self.earningsHeading)\n\n\(Self.earningsReading(earnings, format: format))\n\n"
    text += table(Self.earningsShareHeader, Self.earningsShareRows(earnings))
    if earnings.flows.isEmpty {
      text += "No message was sent or held out in the period.\n\n"
    } else {
      text += table(Self.earningsFlowHeader, Self.earningsFlowRows(earnings, format: format))
    }
    text += "\(Self.earningsSatisfactionReading(earnings))\n\n"
    if earnings.satisfaction.nps != nil {
      text += table(Self.earningsSatisfactionHeader, Self.earningsSatisfactionRows(earnings))
    }
    return text + "\(Self.earningsNote(earnings, clock: dayClock))\n\n"
  }

  /// The calendar of ``timeZone`` (UTC for an identifier Foundation does not know).
  var dayClock: DayClock {
    TimeZone(identifier: timeZone).map { DayClock(timeZone: $0) } ?? DayClock()
  }

  /// The section as HTML, or nothing without ``campaignEarnings``.
  func earningsHTML(format: HumanFormat) -> String {
    guard let earnings = campaignEarnings else { return "" }
    func e(_ text: String) -> String { SVGChart.escaped(text) }
    func table(_ header: [String], _ rows: [[String]], numberFrom: Int) -> String {
      var html = "<div class=\"scroll\"><table>\n<thead><tr>"
      for (index, cell) in header.enumerated() {
        html += index >= numberFrom ? "<th class=\"number\">\(e(cell))</th>" : "<th>\(e(cell))</th>"
      }
      html += "</tr></thead>\n<tbody>\n"
      for row in rows {
        html += "<tr>"
        for (index, cell) in row.enumerated() {
          html += index >= numberFrom ? "<td class=\"number\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
        }
        html += "</tr>\n"
      }
      return html + "</tbody>\n</table></div>\n"
    }
    var html =
      "<section id=\"\(Self.earningsIdentifier)\" class=\"chart\">\n<h2>\(e(Self.earningsHeading))</h2>\n<p class=\"reading\">\(e(Self.earningsReading(earnings, format: format)))</p>\n"
    html += table(Self.earningsShareHeader, Self.earningsShareRows(earnings), numberFrom: 1)
    if earnings.flows.isEmpty {
      html += "<p class=\"empty\">No message was sent or held out in the period.</p>\n"
    } else {
      html += table(Self.earningsFlowHeader, Self.earningsFlowRows(earnings, format: format), numberFrom: 1)
    }
    html += "<p class=\"reading\">\(e(Self.earningsSatisfactionReading(earnings)))</p>\n"
    if earnings.satisfaction.nps != nil {
      html += table(Self.earningsSatisfactionHeader, Self.earningsSatisfactionRows(earnings), numberFrom: 1)
    }
    return html + "<p class=\"note\">\(e(Self.earningsNote(earnings, clock: dayClock)))</p>\n</section>\n"
  }
}

/// A difference of rates in percentage points with its sign: `+5.8 pt`.
private func signedPoints(_ value: Double) -> String {
  guard value.isFinite else { return HumanFormat.missing }
  return String(format: "%+.1f pt", value * 100)
}

/// An NPS as the usual whole number in −100...100: `+12`.
private func signedWhole(_ value: Double) -> String {
  guard value.isFinite else { return HumanFormat.missing }
  return String(format: "%+.0f", value * 100)
}

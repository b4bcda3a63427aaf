public import Foundation
import Campaigns

extension ShopReport {
  /// The report as Markdown: the same sections and readings as ``html()``, with tables in place
  /// of the charts.
  ///
  /// ```swift
  /// print(report.markdown())
  /// ```
  ///
  /// - Returns: GitHub-flavoured Markdown.
  /// - Complexity: O(*c*), where *c* is the number of table cells.
  public func markdown() -> String {
    let format = HumanFormat(currency: currency)
    var text = "# \(title)\n\n"
    text +=
      "\(overview.firstDay) to \(overview.lastDay) · \(HumanFormat.integer(overview.customers)) customers · \(HumanFormat.integer(overview.orders)) orders · \(format.money(overview.revenue)) (\(overview.includes))\n\n"
    text += "\(overview.identityReading)\n\n"
    text += "**\(overview.reading)**\n\n"
    text += table(
      [
        "Customers", "Repeat buyers", "Revenue from repeat buyers", "Revenue from the top 10 %", "Median order",
        "Second purchase within 90 days",
      ],
      [
        [
          HumanFormat.integer(overview.customers), HumanFormat.percent(overview.repeatCustomerShare),
          HumanFormat.percent(overview.repeatRevenueShare), HumanFormat.percent(concentration.topDecileShare),
          format.money(overview.medianOrderValue), HumanFormat.percent(secondPurchase.within90Days),
        ]
      ])

    text += "## Where the revenue comes from\n\n\(concentration.reading)\n\n"
    text += table(
      ["Top customers", "Share of revenue"],
      [
        ["10 %", HumanFormat.percent(concentration.topDecileShare)],
        ["20 %", HumanFormat.percent(concentration.topQuintileShare)],
      ])
    text += "Gini coefficient \(HumanFormat.decimal(concentration.gini)).\n\n"

    text += "## Small and large baskets\n\n\(orderValueBands.reading)\n\n"
    text += table(
      ["Average order", "Customers", "Revenue"],
      orderValueBands.bands.map {
        [$0.label, HumanFormat.percent($0.customerShare), HumanFormat.percent($0.revenueShare)]
      })

    text += "## The repeat ladder\n\n\(ladder.reading)\n\n"
    text += table(
      ["Orders", "Customers", "Chance of another order"],
      ladder.steps.map {
        ["\($0.orders) → \($0.orders + 1)", HumanFormat.integer($0.customers), HumanFormat.percent($0.probability)]
      })

    text += "## How long until the second purchase\n\n\(secondPurchase.reading)\n\n"
    let milestones = [30, 60, 90, 180, 365].filter { $0 <= (secondPurchase.days.last ?? 0) || $0 == 90 }
    text += table(
      ["Within", "Bought again"], milestones.map { ["\($0) days", HumanFormat.percent(probability(withinDays: $0))] })

    text += "## Cohorts: who keeps buying\n\n\(cohorts.reading)\n\n"
    let width = max(cohorts.retention.map(\.count).max() ?? 1, 1)
    text += table(
      ["First month", "Customers"] + (1..<max(width, 2)).map { "+\($0)" },
      zip(cohorts.months, zip(cohorts.sizes, cohorts.retention)).map { month, row in
        [month, HumanFormat.integer(row.0)]
          + (1..<max(width, 2)).map { $0 < row.1.count ? HumanFormat.percent(row.1[$0]) : "" }
      })

    text += "## Who is still a customer\n\n"
    if let aliveMatrix {
      text += "\(aliveMatrix.reading)\n\n"
      text += table(
        ["Repeat purchases"] + aliveMatrix.weeksSinceLastPurchase.map { "\($0) wk" },
        aliveMatrix.frequencies.indices.map { row in
          [String(aliveMatrix.frequencies[row])]
            + aliveMatrix.probability[row].map { $0.map(HumanFormat.percent) ?? "" }
        })
    } else {
      text += "\(notes.first { $0.hasPrefix("Who is still a customer") } ?? "Not enough data for this section.")\n\n"
    }

    text += "## Can the model be trusted\n\n"
    if let tracking {
      text += "\(tracking.reading)\n\n"
      let weeks = Array(stride(from: 4, through: tracking.predicted.count, by: 4))
      text += table(
        ["Week", "Actual (cumulative)", "Model (cumulative)"],
        weeks.map {
          [
            "\($0)\($0 == tracking.calibrationWeeks ? " (calibration end)" : "")",
            HumanFormat.count(tracking.actual[$0 - 1]), HumanFormat.count(tracking.predicted[$0 - 1]),
          ]
        })
    } else {
      text += "Not enough data for this section.\n\n"
    }

    text += earningsMarkdown(format: format, table: table)
    text += "## Segments\n\n\(segments.reading)\n\n"
    text += table(
      ["Segment", "People", "Share of customers", "Share of revenue"],
      segments.entries.map {
        [
          $0.name, HumanFormat.integer($0.size), HumanFormat.percent($0.customerShare),
          HumanFormat.percent($0.revenueShare),
        ]
      })

    text += "## What to do today\n\n"
    for list in actions {
      text += "### \(list.title) (\(HumanFormat.integer(list.totalCount)))\n\n\(list.reading)\n\n"
      if !list.rows.isEmpty {
        text += table(
          ["Customer", "Contact", "Message", "Products", "Why", "Spent"],
          list.rows.map {
            [
              $0.customerID, $0.contact ?? HumanFormat.missing, $0.message.map(Self.messageSummary) ?? HumanFormat.missing,
              $0.productNames.isEmpty ? HumanFormat.missing : $0.productNames.joined(separator: ", "), $0.detail,
              $0.value.map(format.money) ?? HumanFormat.missing,
            ]
          })
        if list.totalCount > list.rows.count {
          text += "and \(HumanFormat.integer(list.totalCount - list.rows.count)) more (all of them: `secondsale plan`).\n\n"
        }
      }
    }
    text += "## The data behind these figures\n\n" + importAccounting.lines.map { "- \($0)\n" }.joined() + "\n"
    if !notes.isEmpty {
      text += "## Notes\n\n" + notes.map { "- \($0)\n" }.joined() + "\n"
    }
    return text
  }

  /// A planned message in a few words: "second-purchase-nudge step 2, email,
  /// 2011-12-10T09:00:00Z; 10% off your second order".
  static func messageSummary(_ message: PlannedMessage) -> String {
    let time = ISO8601DateFormatter().string(from: message.sendAt)
    var text = "\(message.flow) step \(message.step), \(message.channel.rawValue), \(time)"
    if let incentive = message.incentive { text += "; \(incentive)" }
    return text
  }

  /// The probability of a second purchase within a number of days, read off the curve.
  func probability(withinDays limit: Int) -> Double {
    var result = 0.0
    for (day, value) in zip(secondPurchase.days, secondPurchase.probability) where day <= limit { result = value }
    return result
  }

  private func table(_ header: [String], _ rows: [[String]]) -> String {
    func cell(_ text: String) -> String {
      text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    var text = "| " + header.map(cell).joined(separator: " | ") + " |\n"
    text += "|" + header.map { _ in " --- |" }.joined() + "\n"
    for row in rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
    return text + "\n"
  }

  /// The report as JSON: every figure and reading, with sorted keys.
  ///
  /// ```swift
  /// let data = try report.json()
  /// ```
  ///
  /// - Returns: UTF-8 JSON, pretty-printed.
  /// - Throws: `EncodingError` only if encoding fails, which finite figures rule out.
  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

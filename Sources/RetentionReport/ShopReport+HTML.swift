import Campaigns
import Foundation

extension ShopReport {
  /// The identifiers of the chart sections of the HTML page, in page order; each is the `id` of
  /// a `<section>` that holds one inline `<svg>`.
  public static let chartIdentifiers = [
    "revenue-concentration", "order-value-bands", "repeat-ladder", "time-to-second-purchase", "cohort-retention",
    "probability-alive", "calibration-holdout", "segments",
  ]

  /// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or
  /// images from the network, laid out for phones and desktops.
  ///
  /// The page is also well-formed XML (XHTML syntax: closed tags, quoted attributes, escaped
  /// text), so XML tools can read it.
  ///
  /// ```swift
  /// try report.html().write(to: URL(fileURLWithPath: "report.html"), atomically: true, encoding: .utf8)
  /// ```
  ///
  /// - Returns: The page, UTF-8 text.
  /// - Complexity: O(*c*), where *c* is the number of chart points and action rows.
  public func html() -> String {
    let format = HumanFormat(currency: currency)
    var page = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>\(e(title))</title>
      <style>\(Self.styleSheet)</style>
      </head>
      <body>
      <main>
      <header>
      <h1>\(e(title))</h1>
      <p class="period">\(e(overview.firstDay)) to \(e(overview.lastDay)) · \(HumanFormat.integer(overview.customers)) customers · \(HumanFormat.integer(overview.orders)) orders · \(e(format.money(overview.revenue))) (\(e(overview.includes)))</p>
      <p class="identity">\(e(overview.identityReading))</p>
      <p class="lead">\(e(overview.reading))</p>
      </header>
      <section class="figures" id="key-figures">
      \(figure("Customers", HumanFormat.integer(overview.customers)))
      \(figure("Repeat buyers", HumanFormat.percent(overview.repeatCustomerShare)))
      \(figure("Revenue from repeat buyers", HumanFormat.percent(overview.repeatRevenueShare)))
      \(figure("Revenue from the top 10 %", HumanFormat.percent(concentration.topDecileShare)))
      \(figure("Median order", format.money(overview.medianOrderValue)))
      \(figure("Second purchase within 90 days", HumanFormat.percent(secondPurchase.within90Days)))
      </section>

      """
    page += section(
      "revenue-concentration", "Where the revenue comes from", concentration.reading, concentrationChart(),
      note:
        "Customers sorted from the smallest to the largest spender; the further the curve sags below the diagonal, the more your revenue depends on a few customers. Gini \(HumanFormat.decimal(concentration.gini))."
    )
    page += section(
      "order-value-bands", "Small and large baskets", orderValueBands.reading, bandChart(format: format),
      note: "Customers grouped by their average order value.")
    page += section(
      "repeat-ladder", "The repeat ladder", ladder.reading, ladderChart(),
      note: "Of the customers with k orders, the share who placed another one. Each rung is easier than the one before."
    )
    page += section(
      "time-to-second-purchase", "How long until the second purchase", secondPurchase.reading, secondPurchaseChart(),
      note:
        "Kaplan-Meier estimate: customers who have not bought again yet count for as long as they have been observed.")
    page += section(
      "cohort-retention", "Cohorts: who keeps buying", cohorts.reading, cohortChart(),
      note:
        "Each row is the month of the first purchase; each cell is the share of those customers who bought in a later month."
    )
    if let aliveMatrix {
      page += section(
        "probability-alive", "Who is still a customer", aliveMatrix.reading, aliveChart(aliveMatrix),
        note:
          "BG/NBD model (Fader, Hardie & Lee 2005) fitted to the whole history, for a customer who first bought \(HumanFormat.count(aliveMatrix.ageWeeks)) weeks ago. Frequent buyers who fall silent are the first to lose."
      )
    } else {
      page += placeholderSection("probability-alive", "Who is still a customer")
    }
    if let tracking {
      page += section(
        "calibration-holdout", "Can the model be trusted", tracking.reading, trackingChart(tracking),
        note:
          "The calibration period ends automatically at \(e(tracking.calibrationEnd)), two thirds of the way through the history; everything after it is a test the model did not see."
      )
    } else {
      page += placeholderSection("calibration-holdout", "Can the model be trusted")
    }
    page += earningsHTML(format: format)
    page += section(
      "segments", "Segments", segments.reading, segmentChart(),
      note:
        "\(HumanFormat.integer(segments.people)) \(overview.identity == "people" ? "people after merging orders with the same customer id, email or phone" : "customer ids, as imported"). Segments overlap."
    )
    page += "<section id=\"actions\">\n<h2>What to do today</h2>\n"
    for list in actions { page += actionTable(list, format: format) }
    page += "</section>\n"
    page += "<section id=\"data-import\" class=\"chart\">\n<h2>The data behind these figures</h2>\n<ul>\n"
    for line in importAccounting.lines { page += "<li>\(e(line))</li>\n" }
    page += "</ul>\n<p class=\"note\">Every row of the file is counted: imported, left out on purpose (with the reason), or rejected as bad data. The figures above count \(e(overview.includes)).</p>\n</section>\n"
    page += "<footer>\n"
    for note in notes { page += "<p>\(e(note))</p>\n" }
    page +=
      "<p>Made with SecondSale. All figures from your own orders; guest orders and cancellations are not counted as customer purchases.</p>\n</footer>\n</main>\n</body>\n</html>\n"
    return page
  }

  // MARK: Sections

  private func e(_ text: String) -> String { SVGChart.escaped(text) }

  private func figure(_ label: String, _ value: String) -> String {
    "<div class=\"figure\"><span class=\"value\">\(e(value))</span><span class=\"label\">\(e(label))</span></div>"
  }

  private func section(_ id: String, _ heading: String, _ reading: String, _ svg: String, note: String) -> String {
    """
    <section id="\(id)" class="chart">
    <h2>\(e(heading))</h2>
    <p class="reading">\(e(reading))</p>
    <figure>\(svg)</figure>
    <p class="note">\(e(note))</p>
    </section>

    """
  }

  private func placeholderSection(_ id: String, _ heading: String) -> String {
    let chart = SVGChart(height: 120, title: heading)
    let svg = chart.barChart(
      categories: [], values: [], yRange: 0...1, xLabel: "not enough data", yLabel: "", yTick: { _ in "" },
      valueLabel: { _ in "" })
    return section(
      id, heading, notes.first { $0.contains(heading) } ?? "Not enough data for this chart yet.", svg,
      note: "See the notes at the end.")
  }

  private func actionTable(_ list: ActionList, format: HumanFormat) -> String {
    var html =
      "<div class=\"action\" id=\"\(e(list.kind.rawValue))\">\n<h3>\(e(list.title)) <span class=\"count\">\(HumanFormat.integer(list.totalCount))</span></h3>\n<p class=\"reading\">\(e(list.reading))</p>\n"
    if list.rows.isEmpty {
      html +=
        "<p class=\"empty\">\(list.isPlaceholder ? "Coming with the recommendations module." : "Nobody on this list today.")</p>\n</div>\n"
      return html
    }
    html +=
      "<div class=\"scroll\"><table>\n<thead><tr><th>Customer</th><th>Message</th><th>Why</th><th class=\"number\">Spent</th></tr></thead>\n<tbody>\n"
    for row in list.rows {
      // One cell per person: how to reach them, and their id underneath when it says more.
      var who = e(row.contact ?? row.customerID)
      if let contact = row.contact, !row.customerID.localizedCaseInsensitiveContains(contact) {
        who += "<br/><span class=\"id\">\(e(row.customerID))</span>"
      }
      // The message: flow step, channel, time and incentive, then the products it features.
      var message = row.message.map { e(Self.messageSummary($0)) } ?? HumanFormat.missing
      if !row.productNames.isEmpty { message += "<br/><span class=\"id\">\(e(row.productNames.joined(separator: ", ")))</span>" }
      html +=
        "<tr><td class=\"who\">\(who)</td><td>\(message)</td><td>\(e(row.detail))</td><td class=\"number\">\(e(row.value.map(format.money) ?? HumanFormat.missing))</td></tr>\n"
    }
    html += "</tbody>\n</table></div>\n"
    if list.totalCount > list.rows.count {
      html +=
        "<p class=\"more\">and \(HumanFormat.integer(list.totalCount - list.rows.count)) more (all of them with <code>secondsale plan</code>).</p>\n"
    }
    return html + "</div>\n"
  }

  // MARK: Charts

  private func concentrationChart() -> String {
    let curve = concentration.lorenzCurve
    let points = curve.indices.map { (x: Double($0) / Double(max(curve.count - 1, 1)), y: curve[$0]) }
    let chart = SVGChart(title: "Lorenz curve of revenue per customer")
    return chart.lineChart(
      series: [SVGChart.Series(name: "your customers", points: points, colour: SVGChart.palette[0])],
      xRange: 0...1, yRange: 0...1, xLabel: "share of customers, smallest spenders first", yLabel: "share of revenue",
      xTick: { HumanFormat.percent($0) }, yTick: { HumanFormat.percent($0) },
      markers: [.init(x: 0.8, label: ""), .init(x: 0.9, label: "")],
      highlights: [
        .init(
          x: 0.8, y: 1 - concentration.topQuintileShare,
          label: "top 20 %: \(HumanFormat.percent(concentration.topQuintileShare)) of revenue"),
        .init(
          x: 0.9, y: 1 - concentration.topDecileShare,
          label: "top 10 %: \(HumanFormat.percent(concentration.topDecileShare))"),
      ],
      diagonal: true)
  }

  private func bandChart(format: HumanFormat) -> String {
    let bands = orderValueBands.bands
    let highest = bands.flatMap { [$0.customerShare, $0.revenueShare] }.max() ?? 1
    return SVGChart(title: "Share of customers and of revenue by average order value").groupedBarChart(
      categories: bands.map(\.label),
      groups: [
        (name: "share of customers", values: bands.map(\.customerShare), colour: SVGChart.palette[0]),
        (name: "share of revenue", values: bands.map(\.revenueShare), colour: SVGChart.palette[1]),
      ],
      yRange: 0...SVGChart.niceMaximum(highest), xLabel: "average order value", yLabel: "share",
      yTick: { HumanFormat.percent($0) }, valueLabel: { HumanFormat.percent($0) })
  }

  private func ladderChart() -> String {
    let steps = ladder.steps
    return SVGChart(title: "Probability of one more order after k orders").barChart(
      categories: steps.map { "\($0.orders) → \($0.orders + 1)" }, values: steps.map(\.probability),
      yRange: 0...SVGChart.niceMaximum(steps.map(\.probability).max() ?? 1), xLabel: "orders so far → next order",
      yLabel: "chance of another order", yTick: { HumanFormat.percent($0) }, valueLabel: { HumanFormat.percent($0) })
  }

  private func secondPurchaseChart() -> String {
    let points = zip(secondPurchase.days, secondPurchase.probability).map { (x: Double($0), y: $1) }
    let lastDay = Double(secondPurchase.days.last ?? 1)
    let top = SVGChart.niceMaximum(secondPurchase.probability.max() ?? 1)
    return SVGChart(title: "Probability of a second purchase by days since the first").lineChart(
      series: [
        SVGChart.Series(name: "bought a second time", points: points, colour: SVGChart.palette[2], isStepped: true)
      ],
      xRange: 0...max(lastDay, 1), yRange: 0...min(top, 1), xLabel: "days since the first purchase",
      yLabel: "bought again", xTick: { HumanFormat.short($0) }, yTick: { HumanFormat.percent($0) },
      markers: lastDay >= 90 ? [.init(x: 90, label: "90 days")] : [],
      highlights: lastDay >= 90
        ? [.init(x: 90, y: secondPurchase.within90Days, label: HumanFormat.percent(secondPurchase.within90Days))] : [])
  }

  private func cohortChart() -> String {
    let width = max(cohorts.retention.map(\.count).max() ?? 1, 2)
    let values: [[Double?]] = cohorts.retention.map { row in (1..<width).map { $0 < row.count ? row[$0] : nil } }
    let highest = values.flatMap { $0.compactMap { $0 } }.max() ?? 1
    let rows = zip(cohorts.months, cohorts.sizes).map { "\($0) (\(HumanFormat.integer($1)))" }
    var chart = SVGChart(title: "Share of each month's new customers buying in later months")
    chart.left = 116
    chart.right = 8
    chart.height = max(200, 70 + 22 * Double(rows.count))
    return chart.heatMap(
      rows: rows, columns: (1..<width).map(String.init), values: values, xLabel: "months after the first purchase",
      yLabel: "", cellLabel: { String(format: "%.0f %%", finiteOrZero($0) * 100) }, colourScale: max(highest, 1e-9))
  }

  private func aliveChart(_ matrix: AliveMatrix) -> String {
    var chart = SVGChart(title: "Probability that a customer is still active")
    chart.height = max(240, 80 + 20 * Double(matrix.frequencies.count))
    return chart.heatMap(
      rows: matrix.frequencies.reversed().map { "\($0) repeat" },
      columns: matrix.weeksSinceLastPurchase.map(String.init),
      values: matrix.probability.reversed(), xLabel: "weeks since the last purchase", yLabel: "",
      cellLabel: { String(format: "%.0f %%", finiteOrZero($0) * 100) })
  }

  private func trackingChart(_ tracking: Tracking) -> String {
    let predicted = tracking.predicted.enumerated().map { (x: Double($0.offset + 1), y: $0.element) }
    let actual = tracking.actual.enumerated().map { (x: Double($0.offset + 1), y: $0.element) }
    let highest = (tracking.predicted + tracking.actual).max() ?? 1
    return SVGChart(title: "Cumulative repeat purchases, model against actual").lineChart(
      series: [
        SVGChart.Series(name: "actual", points: actual, colour: SVGChart.palette[0]),
        SVGChart.Series(name: "model", points: predicted, colour: SVGChart.palette[1], isDashed: true),
      ],
      xRange: 0...Double(max(tracking.predicted.count, 1)), yRange: 0...SVGChart.niceMaximum(highest),
      xLabel: "week", yLabel: "cumulative repeat purchases", xTick: { HumanFormat.short($0) },
      yTick: { HumanFormat.short($0) }, markers: [.init(x: Double(tracking.calibrationWeeks), label: "calibration end")]
    )
  }

  private func segmentChart() -> String {
    let entries = segments.entries
    let highest = entries.flatMap { [$0.customerShare, $0.revenueShare] }.max() ?? 1
    return SVGChart(title: "Segment sizes and revenue shares").horizontalBars(
      rows: entries.map(\.name),
      groups: [
        (name: "share of customers", values: entries.map(\.customerShare), colour: SVGChart.palette[0]),
        (name: "share of revenue", values: entries.map(\.revenueShare), colour: SVGChart.palette[1]),
      ],
      maximum: SVGChart.niceMaximum(highest), valueLabel: { HumanFormat.percent($0) })
  }

  static let styleSheet = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f3f4f6; color: #111827; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    main { max-width: 960px; margin: 0 auto; padding: 16px; }
    header h1 { margin: 8px 0 4px; font-size: 1.7rem; }
    .period { margin: 0; color: #4b5563; font-size: 0.95rem; }
    .lead { font-size: 1.25rem; font-weight: 600; margin: 12px 0 16px; }
    .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin-bottom: 16px; }
    .figure { background: #fff; border-radius: 10px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
    .figure .value { display: block; font-size: 1.5rem; font-weight: 700; }
    .figure .label { display: block; color: #4b5563; font-size: 0.85rem; }
    section.chart, #actions { background: #fff; border-radius: 10px; padding: 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
    h2 { margin: 0 0 4px; font-size: 1.25rem; }
    h3 { margin: 16px 0 4px; font-size: 1.05rem; }
    .reading { font-size: 1.05rem; margin: 4px 0 8px; }
    figure { margin: 0; }
    svg { display: block; width: 100%; max-width: 720px; height: auto; margin: 0 auto; }
    .note, .more, .empty, footer { color: #4b5563; font-size: 0.85rem; }
    .count { background: #e0e7ff; color: #3730a3; border-radius: 999px; padding: 0 8px; font-size: 0.85rem; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
    th { color: #4b5563; font-weight: 600; }
    .number { text-align: right; white-space: nowrap; }
    td.who { overflow-wrap: anywhere; max-width: 40vw; }
    .id { color: #6b7280; font-size: 0.8rem; }
    @media (max-width: 600px) { main { padding: 8px; } section.chart, #actions { padding: 10px; } .lead { font-size: 1.1rem; } th, td { padding: 4px; } }
    """
}

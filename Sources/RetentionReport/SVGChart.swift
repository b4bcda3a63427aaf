import Foundation

/// A small SVG chart writer: line charts, bars, grouped bars and heat maps with axes, ticks and
/// labels, sized by a `viewBox` so that the browser scales them to the width of the page.
///
/// Every text is escaped and every coordinate is finite (non-finite values are drawn as gaps or
/// zero), so the output is well-formed XML that any XHTML parser reads.
struct SVGChart {
  /// One line of a line chart.
  struct Series {
    var name: String
    var points: [(x: Double, y: Double)]
    var colour: String
    var isDashed: Bool = false
    var isStepped: Bool = false
  }

  /// A vertical marker on a line chart (a calibration end, a top-10 % cut).
  struct Marker {
    var x: Double
    var label: String
  }

  /// A point highlighted on a line chart.
  struct Highlight {
    var x: Double
    var y: Double
    var label: String
  }

  var width = 560.0
  var height = 340.0
  var left = 70.0
  var right = 20.0
  var top = 20.0
  var bottom = 62.0
  /// A short description for screen readers (`<title>` and `aria-label`).
  var title: String

  static let palette = ["#2563eb", "#f97316", "#16a34a", "#9333ea", "#dc2626", "#0891b2"]

  private var plotWidth: Double { width - left - right }
  private var plotHeight: Double { height - top - bottom }

  // MARK: Charts

  /// A line chart over numeric x and y axes.
  func lineChart(
    series: [Series], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, xLabel: String, yLabel: String,
    xTick: (Double) -> String, yTick: (Double) -> String, markers: [Marker] = [], highlights: [Highlight] = [],
    diagonal: Bool = false
  ) -> String {
    var body = ""
    let x = { (value: Double) in self.left + Self.unit(value, in: xRange) * self.plotWidth }
    let y = { (value: Double) in self.top + (1 - Self.unit(value, in: yRange)) * self.plotHeight }
    body += grid(yTicks: Self.ticks(yRange), y: y, label: yTick)
    body += xAxisTicks(Self.ticks(xRange), x: x, label: xTick)
    if diagonal {
      body +=
        "<line x1=\"\(Self.n(x(xRange.lowerBound)))\" y1=\"\(Self.n(y(yRange.lowerBound)))\" x2=\"\(Self.n(x(xRange.upperBound)))\" y2=\"\(Self.n(y(yRange.upperBound)))\" stroke=\"#9ca3af\" stroke-dasharray=\"4 4\"/>"
    }
    for marker in markers where marker.x.isFinite {
      let mx = Self.n(x(min(max(marker.x, xRange.lowerBound), xRange.upperBound)))
      body +=
        "<line x1=\"\(mx)\" y1=\"\(Self.n(top))\" x2=\"\(mx)\" y2=\"\(Self.n(top + plotHeight))\" stroke=\"#6b7280\" stroke-dasharray=\"2 3\"/>"
      body +=
        "<text x=\"\(mx)\" y=\"\(Self.n(top + 12))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">\(Self.escaped(marker.label))</text>"
    }
    for item in series {
      var path = ""
      var previous: (Double, Double)?
      for point in item.points where point.x.isFinite && point.y.isFinite {
        let px = x(point.x), py = y(point.y)
        if let previous, item.isStepped {
          path += " L\(Self.n(px)) \(Self.n(previous.1))"
        }
        path += (path.isEmpty ? "M" : " L") + "\(Self.n(px)) \(Self.n(py))"
        previous = (px, py)
      }
      guard !path.isEmpty else { continue }
      let dash = item.isDashed ? " stroke-dasharray=\"6 4\"" : ""
      body += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(item.colour)\" stroke-width=\"2.5\"\(dash)/>"
    }
    for highlight in highlights where highlight.x.isFinite && highlight.y.isFinite {
      let hx = x(highlight.x), hy = y(highlight.y)
      let anchor = hx > left + plotWidth * 0.7 ? "end" : "start"
      let dx = anchor == "end" ? -8.0 : 8.0
      // Rising curves leave room above-left of a late point and below-right of an early one.
      let dy = anchor == "end" ? -8.0 : 16.0
      body += "<circle cx=\"\(Self.n(hx))\" cy=\"\(Self.n(hy))\" r=\"4.5\" fill=\"#111827\"/>"
      body +=
        "<text x=\"\(Self.n(hx + dx))\" y=\"\(Self.n(hy + dy))\" font-size=\"14\" fill=\"#111827\" text-anchor=\"\(anchor)\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">\(Self.escaped(highlight.label))</text>"
    }
    body += axes(xLabel: xLabel, yLabel: yLabel)
    body += legend(series.map { ($0.name, $0.colour, $0.isDashed) })
    return svg(body)
  }

  /// A bar chart with one bar per category.
  func barChart(
    categories: [String], values: [Double], yRange: ClosedRange<Double>, xLabel: String, yLabel: String,
    yTick: (Double) -> String, valueLabel: (Double) -> String, colour: String = palette[0]
  ) -> String {
    groupedBarChart(
      categories: categories, groups: [(name: "", values: values, colour: colour)], yRange: yRange, xLabel: xLabel,
      yLabel: yLabel, yTick: yTick, valueLabel: valueLabel)
  }

  /// A bar chart with several bars (groups) per category, side by side.
  func groupedBarChart(
    categories: [String], groups: [(name: String, values: [Double], colour: String)], yRange: ClosedRange<Double>,
    xLabel: String, yLabel: String, yTick: (Double) -> String, valueLabel: (Double) -> String
  ) -> String {
    var body = ""
    let y = { (value: Double) in self.top + (1 - Self.unit(value, in: yRange)) * self.plotHeight }
    body += grid(yTicks: Self.ticks(yRange), y: y, label: yTick)
    let slot = plotWidth / Double(max(categories.count, 1))
    let groupCount = Double(max(groups.count, 1))
    let barWidth = slot * 0.8 / groupCount
    let labelEvery = max(1, Int((Double(categories.count) * 60 / plotWidth).rounded(.up)))
    for (index, category) in categories.enumerated() {
      let slotStart = left + Double(index) * slot + slot * 0.1
      for (groupIndex, group) in groups.enumerated() {
        let raw = index < group.values.count ? group.values[index] : 0
        let value = raw.isFinite ? raw : 0
        let barTop = y(max(value, yRange.lowerBound))
        let barBottom = y(max(yRange.lowerBound, 0))
        let bx = slotStart + Double(groupIndex) * barWidth
        body +=
          "<rect x=\"\(Self.n(bx))\" y=\"\(Self.n(min(barTop, barBottom)))\" width=\"\(Self.n(max(barWidth - 2, 1)))\" height=\"\(Self.n(abs(barBottom - barTop)))\" fill=\"\(group.colour)\"><title>\(Self.escaped((group.name.isEmpty ? "" : group.name + ", ") + category + ": " + valueLabel(value)))</title></rect>"
        if barWidth >= 30 {
          body +=
            "<text x=\"\(Self.n(bx + (barWidth - 2) / 2))\" y=\"\(Self.n(min(barTop, barBottom) - 4))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"middle\">\(Self.escaped(valueLabel(value)))</text>"
        }
      }
      if index % labelEvery == 0 {
        body +=
          "<text x=\"\(Self.n(left + (Double(index) + 0.5) * slot))\" y=\"\(Self.n(top + plotHeight + 16))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"middle\">\(Self.escaped(category))</text>"
      }
    }
    body += axes(xLabel: xLabel, yLabel: yLabel)
    if groups.count > 1 || !(groups.first?.name.isEmpty ?? true) {
      body += legend(groups.map { ($0.name, $0.colour, false) })
    }
    return svg(body)
  }

  /// A heat map: `values[row][column]` in `0...1` (or `nil` for no data), darker for larger.
  func heatMap(
    rows: [String], columns: [String], values: [[Double?]], xLabel: String, yLabel: String,
    cellLabel: (Double) -> String, showsCellLabels: Bool = true, colourScale: Double = 1
  ) -> String {
    var body = ""
    let cellWidth = plotWidth / Double(max(columns.count, 1))
    let cellHeight = plotHeight / Double(max(rows.count, 1))
    let columnLabelEvery = max(1, Int((Double(columns.count) * 44 / plotWidth).rounded(.up)))
    let rowLabelEvery = max(1, Int((Double(rows.count) * 14 / plotHeight).rounded(.up)))
    for (rowIndex, rowName) in rows.enumerated() {
      let cy = top + Double(rowIndex) * cellHeight
      for columnIndex in columns.indices {
        let cx = left + Double(columnIndex) * cellWidth
        let value =
          rowIndex < values.count && columnIndex < values[rowIndex].count ? values[rowIndex][columnIndex] : nil
        guard let value, value.isFinite else { continue }
        let clamped = min(max(colourScale > 0 ? value / colourScale : value, 0), 1)
        body +=
          "<rect x=\"\(Self.n(cx))\" y=\"\(Self.n(cy))\" width=\"\(Self.n(cellWidth + 0.3))\" height=\"\(Self.n(cellHeight + 0.3))\" fill=\"\(Self.heatColour(clamped))\"><title>\(Self.escaped(rowName + ", " + columns[columnIndex] + ": " + cellLabel(value)))</title></rect>"
        if showsCellLabels && cellWidth >= 32 && cellHeight >= 16 {
          let ink = clamped > 0.55 ? "#ffffff" : "#111827"
          body +=
            "<text x=\"\(Self.n(cx + cellWidth / 2))\" y=\"\(Self.n(cy + cellHeight / 2 + 4))\" font-size=\"11\" fill=\"\(ink)\" text-anchor=\"middle\">\(Self.escaped(cellLabel(value)))</text>"
        }
      }
      if rowIndex % rowLabelEvery == 0 {
        body +=
          "<text x=\"\(Self.n(left - 6))\" y=\"\(Self.n(cy + cellHeight / 2 + 4))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"end\">\(Self.escaped(rowName))</text>"
      }
    }
    for (columnIndex, columnName) in columns.enumerated() where columnIndex % columnLabelEvery == 0 {
      body +=
        "<text x=\"\(Self.n(left + (Double(columnIndex) + 0.5) * cellWidth))\" y=\"\(Self.n(top + plotHeight + 16))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"middle\">\(Self.escaped(columnName))</text>"
    }
    body += axes(xLabel: xLabel, yLabel: yLabel, drawsLines: false)
    return svg(body)
  }

  /// Horizontal bars, several per labelled row: for long category names (segments).
  func horizontalBars(
    rows: [String], groups: [(name: String, values: [Double], colour: String)], maximum: Double,
    valueLabel: (Double) -> String, labelWidth: Double = 190
  ) -> String {
    var body = ""
    let plotLeft = labelWidth
    let plotRight = width - right - 44
    let barHeight = 12.0
    let rowHeight = Double(max(groups.count, 1)) * (barHeight + 3) + 12
    for (rowIndex, row) in rows.enumerated() {
      let rowTop = top + Double(rowIndex) * rowHeight
      body +=
        "<text x=\"\(Self.n(plotLeft - 8))\" y=\"\(Self.n(rowTop + rowHeight / 2))\" font-size=\"14\" fill=\"#111827\" text-anchor=\"end\">\(Self.escaped(row))</text>"
      for (groupIndex, group) in groups.enumerated() {
        let raw = rowIndex < group.values.count ? group.values[rowIndex] : 0
        let value = raw.isFinite ? max(raw, 0) : 0
        let barWidth = (plotRight - plotLeft) * Self.unit(value, in: 0...max(maximum, 1e-12))
        let barTop = rowTop + 6 + Double(groupIndex) * (barHeight + 3)
        body +=
          "<rect x=\"\(Self.n(plotLeft))\" y=\"\(Self.n(barTop))\" width=\"\(Self.n(max(barWidth, 1)))\" height=\"\(Self.n(barHeight))\" fill=\"\(group.colour)\"><title>\(Self.escaped(row + ", " + group.name + ": " + valueLabel(value)))</title></rect>"
        body +=
          "<text x=\"\(Self.n(plotLeft + barWidth + 4))\" y=\"\(Self.n(barTop + barHeight - 2))\" font-size=\"13\" fill=\"#374151\">\(Self.escaped(valueLabel(value)))</text>"
      }
    }
    body +=
      "<line x1=\"\(Self.n(plotLeft))\" y1=\"\(Self.n(top))\" x2=\"\(Self.n(plotLeft))\" y2=\"\(Self.n(top + Double(rows.count) * rowHeight))\" stroke=\"#374151\"/>"
    var chart = self
    chart.height = top + Double(rows.count) * rowHeight + 28
    body += chart.legend(groups.map { ($0.name, $0.colour, false) })
    return chart.svg(body)
  }

  // MARK: Pieces

  private func svg(_ body: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" role=\"img\" aria-label=\"\(Self.escaped(title))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"><title>\(Self.escaped(title))</title>\(body)</svg>"
  }

  private func grid(yTicks: [Double], y: (Double) -> Double, label: (Double) -> String) -> String {
    var body = ""
    for tick in yTicks {
      let ty = Self.n(y(tick))
      body +=
        "<line x1=\"\(Self.n(left))\" y1=\"\(ty)\" x2=\"\(Self.n(left + plotWidth))\" y2=\"\(ty)\" stroke=\"#e5e7eb\"/>"
      body +=
        "<text x=\"\(Self.n(left - 6))\" y=\"\(Self.n(y(tick) + 4))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"end\">\(Self.escaped(label(tick)))</text>"
    }
    return body
  }

  private func xAxisTicks(_ ticks: [Double], x: (Double) -> Double, label: (Double) -> String) -> String {
    var body = ""
    for tick in ticks {
      let tx = Self.n(x(tick))
      body +=
        "<line x1=\"\(tx)\" y1=\"\(Self.n(top + plotHeight))\" x2=\"\(tx)\" y2=\"\(Self.n(top + plotHeight + 5))\" stroke=\"#374151\"/>"
      body +=
        "<text x=\"\(tx)\" y=\"\(Self.n(top + plotHeight + 18))\" font-size=\"13\" fill=\"#374151\" text-anchor=\"middle\">\(Self.escaped(label(tick)))</text>"
    }
    return body
  }

  private func axes(xLabel: String, yLabel: String, drawsLines: Bool = true) -> String {
    var body = ""
    if drawsLines {
      body +=
        "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(top + plotHeight))\" x2=\"\(Self.n(left + plotWidth))\" y2=\"\(Self.n(top + plotHeight))\" stroke=\"#374151\"/>"
      body +=
        "<line x1=\"\(Self.n(left))\" y1=\"\(Self.n(top))\" x2=\"\(Self.n(left))\" y2=\"\(Self.n(top + plotHeight))\" stroke=\"#374151\"/>"
    }
    body +=
      "<text x=\"\(Self.n(left + plotWidth / 2))\" y=\"\(Self.n(height - 22))\" font-size=\"14\" fill=\"#111827\" text-anchor=\"middle\">\(Self.escaped(xLabel))</text>"
    let cy = top + plotHeight / 2
    body +=
      "<text x=\"14\" y=\"\(Self.n(cy))\" font-size=\"14\" fill=\"#111827\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(Self.n(cy)))\">\(Self.escaped(yLabel))</text>"
    return body
  }

  private func legend(_ entries: [(name: String, colour: String, isDashed: Bool)]) -> String {
    var body = ""
    var x = left
    let y = height - 8
    for entry in entries where !entry.name.isEmpty {
      let dash = entry.isDashed ? " stroke-dasharray=\"6 4\"" : ""
      body +=
        "<line x1=\"\(Self.n(x))\" y1=\"\(Self.n(y - 4))\" x2=\"\(Self.n(x + 18))\" y2=\"\(Self.n(y - 4))\" stroke=\"\(entry.colour)\" stroke-width=\"3\"\(dash)/>"
      body +=
        "<text x=\"\(Self.n(x + 22))\" y=\"\(Self.n(y))\" font-size=\"13\" fill=\"#374151\">\(Self.escaped(entry.name))</text>"
      x += 34 + Double(entry.name.count) * 7.4
    }
    return body
  }

  // MARK: Helpers

  /// The position of `value` in `range` as a fraction, clamped to `0...1`; 0 for non-finite.
  static func unit(_ value: Double, in range: ClosedRange<Double>) -> Double {
    let span = range.upperBound - range.lowerBound
    guard value.isFinite, span > 0, span.isFinite else { return 0 }
    return min(max((value - range.lowerBound) / span, 0), 1)
  }

  /// About five round tick values covering `range`.
  static func ticks(_ range: ClosedRange<Double>, count: Int = 5) -> [Double] {
    let span = range.upperBound - range.lowerBound
    guard span > 0, span.isFinite else { return [range.lowerBound.isFinite ? range.lowerBound : 0] }
    let raw = span / Double(count)
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var ticks: [Double] = []
    var tick = (range.lowerBound / step).rounded(.up) * step
    while tick <= range.upperBound + step * 1e-9 {
      ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
      tick += step
    }
    return ticks
  }

  /// A "nice" upper bound at or above `value` for an axis that starts at zero.
  static func niceMaximum(_ value: Double) -> Double {
    guard value.isFinite, value > 0 else { return 1 }
    let magnitude = pow(10, log10(value).rounded(.down))
    return [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map { $0 * magnitude }.first { $0 >= value * 1.0000001 } ?? 10
      * magnitude
  }

  /// A coordinate with at most one decimal; zero for non-finite values.
  static func n(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }

  /// Light yellow (0) to dark blue (1).
  static func heatColour(_ value: Double) -> String {
    let stops: [(Double, Double, Double)] = [(255, 247, 236), (127, 205, 187), (44, 127, 184), (8, 48, 107)]
    let position = min(max(value, 0), 1) * Double(stops.count - 1)
    let index = min(Int(position), stops.count - 2)
    let t = position - Double(index)
    let (r0, g0, b0) = stops[index], (r1, g1, b1) = stops[index + 1]
    func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
    return String(format: "#%02x%02x%02x", channel(r0, r1), channel(g0, g1), channel(b0, b1))
  }

  /// Text escaped for XML character data and attribute values.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
        if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

import Foundation
import FoundationXML
import Testing
import _TestSupport

@testable import RetentionReport

struct SVGChartTests {
  @Test func textIsEscapedAndCoordinatesAreFinite() {
    #expect(SVGChart.escaped("a<b & \"c\" 'd'\u{1}") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;")
    #expect(SVGChart.n(.nan) == "0")
    #expect(SVGChart.n(12.345) == "12.3")
    #expect(SVGChart.n(3.0) == "3")
    let chart = SVGChart(title: "x < y")
    let svg = chart.lineChart(
      series: [.init(name: "s", points: [(0, 0), (1, .nan), (2, .infinity), (3, 1)], colour: "#000")],
      xRange: 0...3, yRange: 0...1, xLabel: "x", yLabel: "y", xTick: { "\($0)" }, yTick: { "\($0)" })
    #expect(PageScanner.scan(svg).1 == nil)
    #expect(!svg.contains("nan"))
  }

  @Test func ticksAreRoundAndCoverTheRange() {
    // By hand: 0...1 in steps of 0.2; 0...37 in steps of 10.
    #expect(SVGChart.ticks(0...1).map { ($0 * 10).rounded() / 10 } == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(SVGChart.ticks(0...37) == [0, 10, 20, 30])
    #expect(SVGChart.niceMaximum(0.37) == 0.4)
    #expect(SVGChart.niceMaximum(0) == 1)
  }
}

import Foundation
import FoundationXML
import Testing
import _TestSupport

@testable import RetentionReport

struct HumanFormatTests {
  @Test func numbersReadLikeAPersonWroteThem() {
    #expect(HumanFormat.integer(1_234_567) == "1,234,567")
    #expect(HumanFormat.integer(-1_000) == "-1,000")
    #expect(HumanFormat.integer(999) == "999")
    #expect(HumanFormat.percent(0.3612) == "36 %")
    #expect(HumanFormat.percent(0.0512) == "5.1 %")
    #expect(HumanFormat.percent(.nan) == "–")
    #expect(HumanFormat.percent(0.0000001) == "< 0.1 %")
    #expect(HumanFormat(currency: "GBP").money(1_234.4) == "£1,234")
    #expect(HumanFormat(currency: "GBP").money(12.5) == "£12.50")
    #expect(HumanFormat(currency: "CHF").money(-3) == "-CHF 3.00")
    #expect(HumanFormat(currency: nil).money(.infinity) == "–")
    #expect(HumanFormat.count(1, "order") == "1 order")
    #expect(HumanFormat.count(2_300, "day") == "2,300 days")
    #expect(HumanFormat.short(1_500) == "1.5k")
    #expect(HumanFormat.short(25_000) == "25k")
    #expect(HumanFormat.short(2_000_000) == "2M")
  }
}

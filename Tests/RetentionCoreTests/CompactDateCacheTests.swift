import Foundation
import Testing
import _TestSupport
@testable import RetentionCore

/// The cache of `yyyymmdd` dates of the CDNOW importer against parsing every date: dates that
/// share a slot, invalid dates (never kept), and a file of them through both ways of reading.
struct CompactDateCacheTests {
  static func parsed(_ text: String, utcOffset: Int) -> Double? {
    DateFormat.compact.seconds(text, utcOffset: utcOffset)
  }

  @Test func datesSharingASlotReadAsParsed() throws {
    // 19970101 + 1,024 = 19971125: both valid dates in the same slot of the 1,024.
    var cache = CompactDateCache()
    let sequence = ["19970101", "19971125", "19970101", "19970101", "19971125", "19970231", "19970101", "19970231"]
    var parses = 0
    for text in sequence {
      let digits = try #require(UInt64(text))
      let value = cache.seconds(ofDigits: digits) {
        parses += 1
        return Self.parsed(text, utcOffset: -18_000)
      }
      #expect(value == Self.parsed(text, utcOffset: -18_000), "\(text)")
    }
    // 1997-01-01 and 1997-11-25 replace each other (parsed at their 1st, 2nd, 3rd and 5th and
    // 7th reading); the invalid 1997-02-31 is parsed each time and never kept.
    #expect(parses == 7)
    #expect(Self.parsed("19970231", utcOffset: 0) == nil)
    // 1997-01-01 00:00 at UTC-5 is 1997-01-01 05:00 UTC (852,094,800 s after 1970).
    #expect(cache.seconds(ofDigits: 19_970_101) { nil } == 852_094_800)
  }

  @Test func aFileOfDatesSharingSlotsImportsAsTheReaderReadsIt() {
    // Rows alternate between dates of one slot, with invalid dates and dates of other lengths
    // between them; the reader's lines parse every date (the plain reference).
    let dates = ["19970101", "19971125", "19970231", "1997011", "019970101", "19971125", "19970101", "20000229"]
    var text = "customer date cds dollars\n"
    for (row, date) in dates.enumerated() { text += "\(row % 3 + 1) \(date) 1 9.99\n" }
    CDNOWLineEquivalenceTests.expectSameImport(Array(text.utf8), "dates sharing slots")
  }
}

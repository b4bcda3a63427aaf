import Foundation
import Testing
import _RetentionSupport
import _TestSupport
@testable import RetentionCore

/// The lean CDNOW path (``CDNOWColumns``: one record per row, the columns written once in time
/// order) against the general builder (``CDNOWBuilderSink``, the plain reference) on the same
/// bytes: every column of the log, the report and the errors must be the same, in lenient and
/// strict mode and under every currency choice. (`CDNOWLineEquivalenceTests` compares the file
/// in memory with the CSV reader's lines, which also go through the builder.)
struct CDNOWColumnsEquivalenceTests {
  /// A converter whose USD rate depends on the day, and which knows none from 1998 on.
  struct DayRates: CurrencyConverter {
    func rate(from currency: String, to target: String, at date: Date) -> Double? {
      let day = date.timeIntervalSince1970 / 86_400
      guard day < 10_227 else { return nil }  // 1998-01-01
      return 0.75 + day.truncatingRemainder(dividingBy: 7) / 100
    }
  }

  static let choices: [(String, CurrencyChoice)] = [
    ("single", .single), ("only USD", .only("USD")), ("only EUR", .only("EUR")),
    ("converted to EUR", .converted(to: "EUR", using: DayRates())),
  ]

  /// Every column of a log, doubles by their bits (so that -0.0 and 0.0 differ).
  struct Columns: Equatable {
    var currency: String?
    var report: ImportReport
    var customerIDs: [String]
    var customerNumbersStrings: [String]
    var products: [OrderLog.Product]
    var variants: [String]
    var orderIDs: [String]
    var orderCustomers: [Int32]
    var orderTimes: [UInt64]
    var orderNetAmounts: [UInt64]
    var orderIsPurchase: [Bool]
    var orderStatuses: [OrderStatus]
    var orderGrossAmounts: [UInt64]
    var orderLineStarts: [Int32]
    var lineProducts: [Int32]
    var lineVariants: [Int32]
    var lineQuantities: [UInt64]
    var lineUnitPrices: [UInt64]
    var customerOrderStarts: [Int32]
    var customerOrderIndices: [Int32]
    var orderReferenceIndices: [Int32]
    var references: [CustomerReference]
    var orderTagIndices: [Int32]
    var tagSets: [[String]]
    var orderChannelIndices: [Int32]
    var channels: [String]
    var orderMarketing: [Int8]
    var orderCurrencyKnown: [Bool]
    var orderDiscountCodeIndices: [Int32]
    var discountCodeSets: [[String]]

    init(_ log: OrderLog) {
      func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
      currency = log.currency
      report = log.report
      customerIDs = log.customerIDs
      customerNumbersStrings = log.customerNumbers.strings
      products = log.products
      variants = log.variants
      orderIDs = log.orderIDs
      orderCustomers = log.orderCustomers
      orderTimes = bits(log.orderTimes)
      orderNetAmounts = bits(log.orderNetAmounts)
      orderIsPurchase = log.orderIsPurchase
      orderStatuses = log.orderStatuses
      orderGrossAmounts = bits(log.orderGrossAmounts)
      orderLineStarts = log.orderLineStarts
      lineProducts = log.lineProducts
      lineVariants = log.lineVariants
      lineQuantities = bits(log.lineQuantities)
      lineUnitPrices = bits(log.lineUnitPrices)
      customerOrderStarts = log.customerOrderStarts
      customerOrderIndices = log.customerOrderIndices
      orderReferenceIndices = log.orderReferenceIndices
      references = Array(log.references)
      orderTagIndices = log.orderTagIndices
      tagSets = log.tagSets
      orderChannelIndices = log.orderChannelIndices
      channels = log.channels
      orderMarketing = log.orderMarketing
      orderCurrencyKnown = log.orderCurrencyKnown
      orderDiscountCodeIndices = log.orderDiscountCodeIndices
      discountCodeSets = log.discountCodeSets
    }
  }

  /// Imports `bytes` both ways in both modes under every currency choice, and expects the same
  /// columns or the same error; returns the number of imports that gave a log.
  @discardableResult
  static func expectSameColumns(_ bytes: [UInt8], _ comment: Comment) -> Int {
    var logs = 0
    for mode in [ImportMode.lenient, .strict] {
      for (name, choice) in choices {
        let context = ImportContext(mode: mode, timeZone: TimeZone(secondsFromGMT: -18_000)!, currency: choice)
        let lean = Result { try CDNOWImporter.importBytes(bytes, context: context, into: CDNOWColumns.self) }
        let reference = Result { try CDNOWImporter.importBytes(bytes, context: context, into: CDNOWBuilderSink.self) }
        switch (lean, reference) {
        case (.success(let log), .success(let expected)):
          logs += 1
          #expect(Columns(log) == Columns(expected), "\(comment), \(mode), \(name)")
          // The log answers alike through its public reading, too.
          #expect(LogContents(log) == LogContents(expected), "\(comment), \(mode), \(name)")
        case (.failure(let error), .failure(let expected)):
          #expect(error as? RetentionCoreError == expected as? RetentionCoreError, "\(comment), \(mode), \(name)")
        default:
          Issue.record("one way failed and the other did not: \(lean) against \(reference); \(comment), \(mode), \(name)")
        }
      }
    }
    return logs
  }

  @Test(arguments: ["cdnow/CDNOW_sample.txt", "cdnow/CDNOW_master.txt"])
  func publishedFilesBuildTheSameColumns(path: String) throws {
    let bytes = Array(try Data(contentsOf: try TestData.url(path)))
    // Strict mode fails on the first row "only EUR" rejects and on the first of 1998 the
    // converter knows no rate for; the other six imports give a log.
    #expect(Self.expectSameColumns(bytes, "\(path)") == 6)
    let log = try CDNOWImporter.importBytes(
      bytes, context: ImportContext(mode: .lenient, timeZone: TimeZone(secondsFromGMT: 0)!), into: CDNOWColumns.self)
    // The sample's 6,919 rows and the master's 69,659 (Fader, Hardie & Lee 2005), one order each.
    #expect(log.orderCount == (path.hasSuffix("sample.txt") ? 6_919 : 69_659))
    #expect(log.lineCount == log.orderCount)
  }

  @Test func rowsOutOfTimeOrderAreSortedAlike() {
    // Customers interleaved, times going back and forth, ties between rows: the stable sort
    // and the numbering of customers by first order must agree.
    let text = """
      3 19970105 1 10.00
      1 19970101 2 20.00
      2 19970105 1 5.00
      1 19970103 0 0.00
      3 19970101 3 30.00
      0002 19970101 1 1.50
      4.0 19971231 1 12.00
      4 19980102 1 12.00

      2 19970102 1 7.25
      """
    #expect(Self.expectSameColumns(Array(text.utf8), "out of time order") == 6)
  }

  @Test(arguments: 0..<120 as Range<UInt64>)
  func randomTextsBuildTheSameColumns(seed: UInt64) {
    Self.expectSameColumns(CDNOWLineEquivalenceTests.randomText(seed: seed), "seed \(seed)")
  }

  @Test(arguments: ["", "\n", "customer date cds dollars\n", "1 19970101 1 11.77", "x 19970101 1 1\n"])
  func edgeTextsBuildTheSameColumns(text: String) {
    Self.expectSameColumns(Array(text.utf8), "\(text.debugDescription)")
  }
}

/// ``CDNOWColumns/timeOrder(of:)`` (a counting sort of whole days) against the radix sort and
/// the plain definition, on whole days with ties, and on times it hands to the radix sort.
struct CDNOWTimeOrderTests {
  static func definition(_ times: [Double]) -> [Int32] {
    times.indices.sorted { (times[$0], $0) < (times[$1], $1) }.map { Int32($0) }
  }

  @Test(arguments: 0..<60 as Range<UInt64>)
  func timeOrderIsTheSortedOrder(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let count = Int.random(in: 0...400, using: &generator)
    // Day starts at a UTC offset (as the importer makes them), a few days or many apart.
    let offset = Double(Int.random(in: -12...14, using: &generator) * 3_600)
    let firstDay = Int.random(in: -30_000...30_000, using: &generator)
    let span = [1, 5, 546, 100_000, 3_000_000][Int(seed % 5)]
    var times = (0..<count).map { _ in
      Double((firstDay + Int.random(in: 0..<span, using: &generator)) * 86_400) - offset
    }
    switch seed % 4 {
    case 1 where !times.isEmpty: times[Int.random(in: 0..<count, using: &generator)] += 1  // a second off a day start
    case 2 where !times.isEmpty: times[Int.random(in: 0..<count, using: &generator)] += 0.25
    case 3: times = times.map { $0 == 0 ? -0.0 : $0 }
    default: break
    }
    let expected = Self.definition(times)
    #expect(CDNOWColumns.timeOrder(of: times) == expected, "seed \(seed), span \(span)")
    #expect(RadixSort.permutation(sortingTimes: times) == expected, "seed \(seed)")
  }

  @Test func edgeTimesAreSortedAsDefined() {
    for times: [Double] in [[], [0], [-0.0, 0, -0.0], [86_400, 0, 86_400, 0], [1e15, 0], [0.5, 0, 86_400.5]] {
      #expect(CDNOWColumns.timeOrder(of: times) == Self.definition(times), "\(times)")
    }
  }
}

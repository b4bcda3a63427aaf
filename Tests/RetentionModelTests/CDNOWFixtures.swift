import Foundation
import _TestSupport
import RetentionModel

/// The CDNOW data sets of Tests/Data/cdnow in the forms the tests need.
enum CDNOWFixtures {
  /// The published per-customer summary (`cdnow_customers_summary_with_transactions.csv`:
  /// ID,x,t_x,T,zbar with CRLF line ends; t_x and T rounded to 2 decimals), compressed.
  static func publishedSummary() throws -> FrequencyRecencyData {
    let columns = try publishedSummaryColumns()
    return FrequencyRecencyData(frequency: columns.x, recency: columns.tx, age: columns.t, unit: .weeks)
  }

  /// The published summary's columns, one row per customer, in file order.
  static func publishedSummaryColumns() throws -> (x: [Double], tx: [Double], t: [Double]) {
    let text = try String(contentsOf: try TestData.url("cdnow/cdnow_customers_summary_with_transactions.csv"), encoding: .utf8)
    var x: [Double] = [], tx: [Double] = [], t: [Double] = []
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
      x.append(fields[1])
      tx.append(fields[2])
      t.append(fields[3])
    }
    return (x, tx, t)
  }

  /// The 1/10 sample as an order log (the lead's CDNOW importer).
  static func sampleLog() throws -> OrderLog {
    try OrderLog(contentsOf: try TestData.url("cdnow/CDNOW_sample.txt"), format: .cdnow)
  }

  /// The sample's summaries in weeks with calibration to 1997-09-30 and holdout to 1998-06-30,
  /// the convention of Fader, Hardie & Lee (2005).
  static func sampleSummaries() throws -> CustomerSummaries {
    try sampleLog().summaries(
      SummaryOptions(observationEnd: date("1998-06-30"), calibrationEnd: date("1997-09-30"), unit: .weeks))
  }

  /// Midnight UTC of a `yyyy-MM-dd` date.
  static func date(_ text: String) -> Date {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) ?? Date(timeIntervalSince1970: 0)
  }
}

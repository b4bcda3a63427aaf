import Foundation
import _TestSupport
import RetentionModel

/// The online grocer's purchase log of BTYDplus (Tests/Data/btydplus-grocery/groceryElog.csv:
/// `cust,date`, 1,525 customers, 2006-01-01..2007-12-30) in the forms the tests need.
enum GroceryFixtures {
  /// The log as orders (no amounts).
  static func log() throws -> OrderLog {
    try OrderLog(
      contentsOf: try TestData.url("btydplus-grocery/groceryElog.csv"),
      format: .transactions(TransactionColumns(customer: "cust", date: "date", amount: nil)))
  }

  /// The split of BTYDplus's `demo/grocery.R`: `elog2cbs(groceryElog, T.cal = "2006-12-31",
  /// T.tot = "2007-12-31")`, in weeks.
  static func summaryOptions(unit: TimeUnit = .weeks) -> SummaryOptions {
    SummaryOptions(
      observationEnd: CDNOWFixtures.date("2007-12-31"), calibrationEnd: CDNOWFixtures.date("2006-12-31"), unit: unit)
  }
}

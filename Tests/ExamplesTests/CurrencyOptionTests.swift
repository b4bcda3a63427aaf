import Foundation
import Testing
import _TestSupport

/// `--currency CODE` chooses the currency in every program; without it a file in several
/// currencies is refused with the currencies and their order counts (issue 15, section 3).
struct CurrencyOptionTests {
  /// `fixtures/shopify_mixed_currencies.csv`: four EUR orders (five rows) and two USD orders.
  static func mixed() throws -> String { try TestData.url("fixtures/shopify_mixed_currencies.csv").path }

  @Test(arguments: [
    ("secondsale", ["summary"]), ("secondsale", ["segment"]), ("secondsale", ["ladder"]),
    ("second-purchase-campaign", []), ("retention-report", ["--markdown"]), ("replenishment-reminders", []),
  ])
  func aMixedFileIsRefusedWithTheCurrenciesAndTheirCounts(program: String, arguments: [String]) throws {
    let path = try Self.mixed()
    let run = try ExampleProgramTests.run(program, arguments.prefix(1) + [path] + arguments.dropFirst(1))
    #expect(run.status != 0, "\(program) \(arguments)")
    #expect(run.error.split(separator: "\n").count == 1, "\(run.error)")
    #expect(run.error.contains("EUR (4 orders), USD (2 orders)"), "\(run.error)")
    #expect(run.error.contains("--currency CODE"), "\(run.error)")
  }

  @Test func aChosenCurrencyKeepsItsOrdersAndCountsTheRejectedRows() throws {
    let path = try Self.mixed()
    let euros = try ExampleProgramTests.run("secondsale", ["summary", path, "--currency", "EUR", "--json"])
    #expect(euros.status == 0, "\(euros.error)")
    let json = try ExampleProgramTests.json(euros.output)
    #expect(json["currency"] as? String == "EUR")
    #expect(json["ordersImported"] as? Int == 4)
    #expect(json["rows"] as? Int == 7)
    #expect(json["rowsRejected"] as? Int == 2)
    // 28 + 10 + 14 + 24 EUR (the fixture's totals).
    #expect(json["revenue"] as? Double == 76)

    let dollars = try ExampleProgramTests.run("secondsale", ["summary", path, "--currency", "usd", "--json"])
    #expect(dollars.status == 0, "\(dollars.error)")
    let dollarJSON = try ExampleProgramTests.json(dollars.output)
    #expect(dollarJSON["currency"] as? String == "USD")
    #expect(dollarJSON["ordersImported"] as? Int == 2)
    #expect(dollarJSON["rowsRejected"] as? Int == 5)

    let report = try ExampleProgramTests.run("retention-report", [path, "--currency", "EUR", "--json"])
    #expect(report.status == 0, "\(report.error)")
    #expect(try ExampleProgramTests.json(report.output)["currency"] as? String == "EUR")
  }

  @Test func aCurrencyThatIsNotACodeIsAnError() throws {
    let run = try ExampleProgramTests.run("secondsale", ["summary", try Self.mixed(), "--currency", "EURO"])
    #expect(run.status != 0)
    #expect(run.error.contains("--currency"))
  }

  @Test func everyImportingProgramListsTheOption() throws {
    for (program, arguments) in [
      ("secondsale", ["summary", "--help"]), ("secondsale", ["value", "--help"]), ("retention-report", ["--help"]),
      ("second-purchase-campaign", ["--help"]), ("replenishment-reminders", ["--help"]),
    ] {
      let help = try ExampleProgramTests.run(program, arguments)
      #expect(help.status == 0)
      #expect(help.output.components(separatedBy: "--currency CODE").count == 2, "\(program) \(arguments)")
    }
  }
}

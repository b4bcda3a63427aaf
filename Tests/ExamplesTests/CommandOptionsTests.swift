import Foundation
import Testing
import _TestSupport

/// Every program lists the options it uses and no others, refuses any other, and honours the
/// ones it lists.
struct CommandOptionsTests {
  static func run(_ program: String, _ arguments: [String]) throws -> ExampleProgramTests.Run {
    try ExampleProgramTests.run(program, arguments)
  }

  /// The `--options` a help text lists.
  static func listedOptions(_ help: String) -> Set<String> {
    Set(
      help.split(separator: "\n").compactMap { line -> String? in
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("--") else { return nil }
        return String(trimmed.prefix { $0 != " " && $0 != "," }.dropFirst(2))
      })
  }

  static let importOptions: Set<String> = [
    "format", "columns", "date-format", "time-zone", "currency", "strict", "max-rejected",
  ]

  /// Each program (with its subcommand) and the options its help must list, exactly.
  static let expectedOptions: [(command: [String], options: Set<String>)] = [
    (["secondsale", "summary"], importOptions.union(["observation-end", "calibration-end", "unit", "json", "identity"])),
    (
      ["secondsale", "fit"],
      importOptions.union([
        "model", "observation-end", "calibration-end", "unit", "json", "identity", "covariates", "first-order-covariates",
      ])
    ),
    (
      ["secondsale", "value"],
      importOptions.union([
        "observation-end", "calibration-end", "unit", "json", "horizon-months", "margin", "annual-discount-rate",
        "bands",
        "what-if", "acquisition-cost", "retention-cost", "identity",
      ])
    ),
    (
      ["secondsale", "score"],
      importOptions.union([
        "model", "horizon", "out", "margin", "annual-discount-rate", "draws", "seed", "observation-end",
        "calibration-end", "unit", "json", "identity",
      ])
    ),
    (["secondsale", "ladder"], importOptions.union(["observation-end", "json", "identity"])),
    (["secondsale", "segment"], importOptions.union(["observation-end", "json", "export", "out", "identity"])),
    (
      ["secondsale", "recommend"],
      importOptions.union([
        "json", "customer", "k", "recommender", "exclude-purchased", "exclude-durables", "identity", "affinity",
        "allow-unknown",
      ])
    ),
    (["secondsale", "evaluate"], importOptions.union(["json", "split", "k", "validation-days", "identity"])),
    (
      ["secondsale", "replenish"],
      importOptions.union(["observation-end", "json", "min-samples", "remind-at", "days-before", "identity"])
    ),
    (
      ["secondsale", "sql"],
      [
        "dialect", "table", "customer-column", "order-column", "timestamp-column", "timestamp-type", "amount-column",
        "refund-column", "status-column", "purchase-statuses", "observation-end", "calibration-end", "unit",
        "time-zone",
        "query", "inline",
      ]
    ),
    (
      ["secondsale", "attribute"],
      importOptions.union([
        "json", "identity", "events", "from", "to", "open-window", "click-window", "conversion-window", "touch", "seed",
      ])
    ),
    (
      ["retention-report"],
      importOptions.union([
        "observation-end", "json", "output", "markdown", "title", "rows", "identity", "assume-consent", "events",
      ])
    ),
    (["second-purchase-campaign"], importOptions.union(["observation-end", "out"])),
    (["replenishment-reminders"], importOptions.union(["observation-end", "out"])),
    (["cdnow-walkthrough"], ["strict", "max-rejected"]),
  ]

  /// Every option any program has, for trying the ones a program does not have.
  static let everyOption = expectedOptions.reduce(into: Set<String>()) { $0.formUnion($1.options) }

  @Test(arguments: 0..<expectedOptions.count)
  func helpListsExactlyTheOptionsUsed(index: Int) throws {
    let (command, options) = Self.expectedOptions[index]
    let help = try Self.run(command[0], Array(command.dropFirst()) + ["--help"])
    #expect(help.status == 0)
    #expect(Self.listedOptions(help.output) == options, "\(command)")
  }

  @Test(arguments: 0..<expectedOptions.count)
  func unknownOptionsAndOptionsOfOtherCommandsAreErrors(index: Int) throws {
    let (command, options) = Self.expectedOptions[index]
    let program = command[0], subcommand = Array(command.dropFirst())
    let foreign = Self.everyOption.subtracting(options).sorted()
    for option in ["bogus"] + foreign.prefix(4) {
      let run = try Self.run(program, subcommand + ["--\(option)", "x"])
      #expect(run.status != 0, "\(command) --\(option)")
      #expect(run.error.split(separator: "\n").count == 1, "\(command) --\(option): \(run.error)")
      #expect(run.error.contains("unknown option --\(option)"), "\(command) --\(option): \(run.error)")
    }
    let dash = try Self.run(program, subcommand + ["-x"])
    #expect(dash.error.contains("unknown option -x"), "\(command): \(dash.error)")
  }

  @Test func theBenchmarksRefuseUnknownOptionsBeforeGeneratingData() throws {
    for arguments in [
      ["--bogus"], ["--repeats", "zero"], ["--filter"], ["extra"], ["--export-orders", "/dev/null", "--repeats", "2"],
    ] {
      let run = try Self.run("retention-benchmarks", arguments)
      #expect(run.status != 0, "\(arguments)")
      #expect(run.error.contains("usage: retention-benchmarks"), "\(arguments): \(run.error)")
      #expect(run.output.isEmpty)
    }
  }

  @Test func extraArgumentsAreErrors() throws {
    let cdnow = try TestData.url("cdnow/CDNOW_sample.txt").path
    let twoFiles = try Self.run("secondsale", ["summary", cdnow, cdnow])
    #expect(twoFiles.status != 0)
    #expect(twoFiles.error.contains("unexpected argument"))
    let sql = try Self.run("secondsale", ["sql", "orders.csv", "--dialect", "postgres"])
    #expect(sql.status != 0)
    #expect(sql.error.contains("unexpected argument 'orders.csv'"))
    let walkthrough = try Self.run("cdnow-walkthrough", [cdnow, "extra"])
    #expect(walkthrough.status != 0)
    #expect(walkthrough.error.contains("unexpected argument 'extra'"))
  }

  // MARK: value --calibration-end

  @Test func valueHonoursTheCalibrationEnd() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let whole = try ExampleProgramTests.json(
      try Self.run("secondsale", ["value", path, "--observation-end", "1998-06-30", "--json"]).output)
    let calibrated = try Self.run(
      "secondsale", ["value", path, "--observation-end", "1998-06-30", "--calibration-end", "1997-09-30", "--json"])
    #expect(calibrated.status == 0, "\(calibrated.error)")
    let split = try ExampleProgramTests.json(calibrated.output)
    #expect(whole["asOf"] as? String == "1998-06-30")
    #expect(split["asOf"] as? String == "1997-09-30")
    let wholeValue = try #require(whole["totalExpectedValue"] as? Double)
    let splitValue = try #require(split["totalExpectedValue"] as? Double)
    #expect(abs(wholeValue - splitValue) > 1)
    // Valued as of the calibration end, the figures are those of the published calibration:
    // Gamma-Gamma on the 946 repeaters p 6.2493, q 3.7443, gamma 15.444 (REFERENCES.md), BG/NBD
    // r 0.2426, alpha 4.414, and the holdout check with correlation 0.626 (FHL 2005).
    let spend = try #require(split["spendModel"] as? [String: Any])
    #expect((spend["p"] as? Double).map { $0.isApproximatelyEqual(to: 6.2493, relativeTolerance: 1e-3) } == true)
    #expect(spend["customers"] as? Int == 946)
    let model = try #require(split["purchaseModel"] as? [String: Any])
    let parameters = try #require(model["parameters"] as? [String: Double])
    #expect(parameters["r"].map { $0.isApproximatelyEqual(to: 0.2426, relativeTolerance: 2e-3) } == true)
    #expect(model["calibrationEnd"] as? String == "1997-09-30")
    let holdout = try #require(model["holdout"] as? [String: Any])
    #expect(
      (holdout["correlation"] as? Double).map { $0.isApproximatelyEqual(to: 0.626, absoluteTolerance: 5e-4) } == true)
    #expect(holdout["actual"] as? Double == 1_882)
    let wholeModel = try #require(whole["purchaseModel"] as? [String: Any])
    #expect(wholeModel["holdout"] == nil)
    let text = try Self.run(
      "secondsale", ["value", path, "--observation-end", "1998-06-30", "--calibration-end", "1997-09-30"])
    #expect(text.output.contains("purchase forecast after 1997-09-30"))
  }

  @Test func anEmptyHoldoutHasNoCorrelation() throws {
    let path = try TestData.url("cdnow/CDNOW_sample.txt").path
    let arguments = ["fit", path, "--calibration-end", "1998-06-30", "--observation-end", "1998-06-30"]
    let json = try ExampleProgramTests.json(try Self.run("secondsale", arguments + ["--json"]).output)
    let holdout = try #require(json["holdout"] as? [String: Any])
    #expect(holdout["actual"] as? Double == 0)
    #expect(holdout["correlation"] is NSNull)
    let text = try Self.run("secondsale", arguments)
    #expect(text.status == 0, "\(text.error)")
    #expect(text.output.contains("correlation n/a"))
  }

  // MARK: Guest orders and the currency

  /// Counted by customer id, the sample's guest orders are left out of every figure, and
  /// every figure says so. (Counted by people, each of them is some person's order.)
  @Test func everyFigureSaysWhichOrdersItIncludes() throws {
    let shopify = try TestData.url("shopify/orders_export_sample.csv").path
    let byID = ["--identity", "customer-id"]
    let summary = try Self.run("secondsale", ["summary", shopify] + byID)
    let revenue = try #require(summary.output.split(separator: "\n").first { $0.hasPrefix("revenue:") })
    #expect(revenue.contains(" EUR from "))
    #expect(revenue.contains("customers' orders only;"))
    #expect(revenue.contains("guest orders ("))
    let json = try ExampleProgramTests.json(try Self.run("secondsale", ["summary", shopify, "--json"] + byID).output)
    let purchases = try #require(json["purchases"] as? Int)
    let guests = try #require(json["guestPurchases"] as? Int)
    #expect(guests > 0)
    #expect((json["includes"] as? String)?.contains("\(guests) guest orders") == true)
    let value = try ExampleProgramTests.json(try Self.run("secondsale", ["value", shopify, "--json"] + byID).output)
    #expect(value["includes"] as? String == json["includes"] as? String)
    #expect(value["guestOrders"] as? Int == guests)
    let report = try ExampleProgramTests.json(try Self.run("retention-report", [shopify, "--json"] + byID).output)
    let overview = try #require(report["overview"] as? [String: Any])
    #expect(overview["orders"] as? Int == purchases)
    #expect(overview["guestOrders"] as? Int == guests)
    #expect((overview["includes"] as? String)?.hasPrefix("customers' orders only; \(guests) guest orders (€") == true)
    let valueText = try Self.run("secondsale", ["value", shopify] + byID)
    #expect(valueText.output.contains("(customers' orders only)"))
  }
}

import Foundation
import Testing

/// `secondsale sql` as a user runs it.
struct SQLCommandTests {
  static let base = [
    "sql", "--dialect", "postgres", "--table", "shop.orders", "--status-column", "status",
    "--observation-end", "1998-06-30", "--calibration-end", "1997-09-30",
  ]

  @Test func printsBothQueriesWithTheirParameters() throws {
    let run = try ExampleProgramTests.run("secondsale", Self.base)
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("FROM \"shop\".\"orders\""))
    #expect(run.output.contains("\"status\" IN ($1, $2, $3)"))
    #expect(run.output.contains("-- parameter $1 = \"paid\""))
    // Day numbers of 1998-06-30 and 1997-09-30 (10,407 and 10,134: see SQLSummaryQueriesTests).
    #expect(run.output.contains("<= 10407") && run.output.contains("day <= 10134"))
    #expect(run.output.contains("compressed (x, t_x, T) triples"))
  }

  @Test func writesOtherDialectsAndInlineStatuses() throws {
    let run = try ExampleProgramTests.run(
      "secondsale", Self.base.map { $0 == "postgres" ? "bigquery" : $0 } + ["--inline", "--query", "triples"])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("`status` IN ('paid', 'pending', 'partially_refunded')"))
    #expect(!run.output.contains("customer summaries"))
  }

  @Test func explainsAndRejectsBadInput() throws {
    let help = try ExampleProgramTests.run("secondsale", ["sql", "--help"])
    #expect(help.status == 0 && help.output.contains("--dialect D"))
    let missing = try ExampleProgramTests.run(
      "secondsale", ["sql", "--table", "orders", "--observation-end", "1998-06-30"])
    #expect(missing.status != 0 && missing.error.contains("--dialect"))
    let hostile = try ExampleProgramTests.run(
      "secondsale", Self.base + ["--inline", "--purchase-statuses", "paid') OR 1=1 --"])
    #expect(hostile.status != 0 && hostile.error.contains("use bound parameters"))
    let control = try ExampleProgramTests.run("secondsale", Self.base + ["--customer-column", "a\nb"])
    #expect(control.status != 0 && control.error.contains("control character"))
  }
}

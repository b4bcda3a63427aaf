import Foundation
import Testing
import _TestSupport

/// Every program tells the truth about its input: the import accounting, a failing status when
/// nothing could be imported or too much was rejected, short and printable messages for huge,
/// binary, missing and unreadable input, and only the options it uses.
struct BadInputProgramTests {
  typealias Run = ExampleProgramTests.Run

  static func run(_ program: String, _ arguments: [String]) throws -> Run {
    try ExampleProgramTests.run(program, arguments)
  }

  /// A temporary file with the given bytes; the caller removes it.
  static func temporaryFile(_ name: String, _ bytes: some Sequence<UInt8>) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
    try Data(bytes).write(to: url)
    return url
  }

  /// Whether a text holds a raw control character other than the line feed.
  static func hasRawControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
  }

  // MARK: The import accounting

  /// Each program that imports, with arguments that make it run on committed data, and whether
  /// the accounting goes to standard error (JSON on standard output).
  static let programs: [(program: String, arguments: [String], onStandardError: Bool)] = {
    let cdnow = (try? TestData.url("cdnow/CDNOW_sample.txt").path) ?? "missing"
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("accounting-\(UUID().uuidString).csv").path
    return [
      ("secondsale", ["summary", cdnow], false),
      ("secondsale", ["summary", cdnow, "--json"], true),
      ("secondsale", ["fit", cdnow], false),
      ("secondsale", ["ladder", cdnow], false),
      ("secondsale", ["value", cdnow], false),
      ("secondsale", ["segment", cdnow], false),
      ("secondsale", ["segment", cdnow, "--export", "first-time-buyers"], true),
      ("secondsale", ["recommend", cdnow, "--customer", "1"], false),
      ("secondsale", ["evaluate", cdnow, "--split", "1997-06-01"], false),
      ("secondsale", ["replenish", cdnow], false),
      ("retention-report", ["--markdown"], true),
      ("retention-report", ["--output", out + "-report.html"], false),
      ("second-purchase-campaign", ["--out", out + "-campaign.csv"], false),
      ("replenishment-reminders", ["--out", out + "-reminders.csv"], false),
      ("cdnow-walkthrough", [], false),
    ]
  }()

  @Test(arguments: 0..<programs.count)
  func everyProgramPrintsTheImportAccounting(index: Int) throws {
    let (program, arguments, onStandardError) = Self.programs[index]
    let run = try Self.run(program, arguments)
    defer {
      if let out = arguments.firstIndex(of: "--out").map({ arguments[$0 + 1] }) {
        try? FileManager.default.removeItem(atPath: out)
      }
      if let out = arguments.firstIndex(of: "--output").map({ arguments[$0 + 1] }) {
        try? FileManager.default.removeItem(atPath: out)
      }
    }
    #expect(run.status == 0, "\(program) \(arguments): \(run.error)")
    let (text, other) = onStandardError ? (run.error, run.output) : (run.output, run.error)
    let line = text.split(separator: "\n").first { $0.contains(" rows read: ") }
    #expect(line != nil, "\(program) \(arguments): no accounting in\n\(text.prefix(500))")
    #expect(
      line?.contains(" imported as ") == true && line?.contains(" excluded, ") == true
        && line?.hasSuffix(" rejected") == true)
    // The data stream holds no accounting line (the Markdown report shows it in a section of
    // its own, as the HTML page does).
    #expect(!other.split(separator: "\n").contains { $0.contains(" rows read: ") && !$0.hasPrefix("- ") })
  }

  @Test func theAccountingNamesTheMostCommonReasons() throws {
    let file = try Self.temporaryFile(
      "reasons.txt",
      Array("1 19970101 1 10\n2 1997013x 1 5\n3 19970102 x 5\n4 19970103 1 5 9 9\n5 19970104 2 20\n".utf8))
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Self.run("secondsale", ["summary", file.path])
    #expect(run.status == 0, "\(run.error)")
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "\(file.lastPathComponent): 5 rows read: 2 imported as 2 orders, 0 excluded, 3 rejected")
    #expect(
      lines.dropFirst().first
        == #"  rejected: invalid date in "date" (1), invalid number in "cds" (1), malformed CSV (1)"#)
  }

  // MARK: Failing runs

  @Test func aRunWithEveryRowRejectedFailsLikeAFileWithoutData() throws {
    let rejected = try Self.temporaryFile("rejected.txt", Array("1 1997013x 1 10\n2 19970231 1 5\n".utf8))
    let headerOnly = try Self.temporaryFile("header.csv", Array("customer,date,amount\n".utf8))
    defer {
      try? FileManager.default.removeItem(at: rejected)
      try? FileManager.default.removeItem(at: headerOnly)
    }
    let empty = try Self.run(
      "secondsale", ["summary", headerOnly.path, "--format", "transactions", "--columns", "customer=customer"])
    #expect(empty.status != 0)
    for (program, arguments) in [
      ("secondsale", ["summary", rejected.path]), ("secondsale", ["fit", rejected.path, "--json"]),
      ("retention-report", [rejected.path, "--format", "cdnow", "--json"]),
      ("replenishment-reminders", [rejected.path, "--format", "cdnow"]),
      ("second-purchase-campaign", [rejected.path, "--format", "cdnow"]), ("cdnow-walkthrough", [rejected.path]),
    ] {
      let run = try Self.run(program, arguments)
      #expect(run.status == empty.status, "\(program) \(arguments)")
      #expect(
        run.error.contains(
          "\(rejected.lastPathComponent): no orders to work with: every one of its 2 rows was rejected"),
        "\(program): \(run.error)")
      #expect(run.error.contains("0 imported as 0 orders, 0 excluded, 2 rejected") || run.output.contains("2 rejected"))
    }
  }

  @Test func maxRejectedFailsARunThatRejectsMore() throws {
    let file = try Self.temporaryFile(
      "quarter.txt", Array("1 19970101 1 10\n2 1997013x 1 5\n3 19970102 1 5\n4 19970103 2 20\n".utf8))
    defer { try? FileManager.default.removeItem(at: file) }
    let strict = try Self.run("secondsale", ["summary", file.path, "--max-rejected", "0.2"])
    #expect(strict.status != 0)
    #expect(strict.error.contains("1 of 4 rows rejected (25.0 %), more than --max-rejected 0.2 allows"))
    let lenient = try Self.run("secondsale", ["summary", file.path, "--max-rejected", "0.25"])
    #expect(lenient.status == 0, "\(lenient.error)")
    let unlimited = try Self.run("secondsale", ["ladder", file.path])
    #expect(unlimited.status == 0, "\(unlimited.error)")
    for program in ["retention-report", "second-purchase-campaign", "replenishment-reminders", "cdnow-walkthrough"] {
      let run = try Self.run(
        program, [file.path, "--max-rejected", "0.1"] + (program == "cdnow-walkthrough" ? [] : ["--format", "cdnow"]))
      #expect(run.status != 0, "\(program)")
      #expect(run.error.contains("more than --max-rejected 0.1 allows"), "\(program): \(run.error)")
    }
    let bad = try Self.run("secondsale", ["summary", file.path, "--max-rejected", "5%"])
    #expect(bad.status != 0)
    #expect(bad.error.contains("--max-rejected: expected a fraction from 0 to 1"))
  }

  // MARK: Huge, binary, missing and unreadable input

  @Test func aHugeHeaderGetsAShortMessage() throws {
    var bytes = [UInt8](repeating: UInt8(ascii: "h"), count: 5 << 20)
    bytes += Array(",b\n1,2\n".utf8)
    let file = try Self.temporaryFile("huge-header.csv", bytes)
    defer { try? FileManager.default.removeItem(at: file) }
    for format in ["lines", "shopify", "online-retail", "cdnow"] {
      var arguments = ["summary", file.path, "--format", format]
      if format == "lines" { arguments += ["--columns", "customer=h"] }
      let run = try Self.run("secondsale", arguments)
      #expect(run.status != 0)
      #expect(run.error.utf8.count < 300, "\(format): \(run.error.utf8.count) bytes")
      #expect(run.error.contains("row 1: the row is longer than 1 MiB"), "\(format): \(run.error)")
    }
  }

  @Test func controlCharactersOfTheInputAreEscapedInMessages() throws {
    let header = "\u{1B}]0;owned\u{7}\u{1B}[2J" + String(repeating: "x", count: 2_000) + ",b\r\n1,2\r\n"
    let file = try Self.temporaryFile("escape.csv", Array(header.utf8))
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Self.run("secondsale", ["summary", file.path, "--format", "shopify"])
    #expect(run.status != 0)
    #expect(!Self.hasRawControlCharacters(run.error))
    #expect(run.error.contains(#"\u{1B}]0;owned\u{7}"#))
    #expect(run.error.utf8.count < 600)
  }

  @Test func aZeroFilledFileIsRefusedQuicklyWithOneLine() throws {
    let file = try Self.temporaryFile("zeros.csv", [UInt8](repeating: 0, count: 32 << 20))
    defer { try? FileManager.default.removeItem(at: file) }
    for arguments in [
      ["summary", file.path], ["summary", file.path, "--format", "online-retail"],
      ["fit", file.path, "--model", "bgbb"],
    ] {
      let clock = ContinuousClock()
      let start = clock.now
      let run = try Self.run("secondsale", arguments)
      let elapsed = clock.now - start
      #expect(run.status != 0)
      #expect(run.error.split(separator: "\n").count == 1)
      #expect(run.error.utf8.count < 300)
      #expect(run.error.contains("the file is not text"), "\(run.error)")
      #expect(elapsed < .seconds(10), "\(arguments): \(elapsed)")
    }
  }

  @Test func directoriesAndMissingFilesAreNamedInASentence() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orders-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let expected = "cannot read \(directory.path): it is a directory, not a file"
    for (program, arguments) in [
      ("secondsale", ["summary", directory.path]), ("secondsale", ["ladder", directory.path, "--format", "shopify"]),
      ("secondsale", ["fit", directory.path, "--model", "bgbb"]), ("retention-report", [directory.path]),
      ("second-purchase-campaign", [directory.path]), ("replenishment-reminders", [directory.path]),
      ("cdnow-walkthrough", [directory.path]),
    ] {
      let run = try Self.run(program, arguments)
      #expect(run.status != 0)
      #expect(run.error.split(separator: "\n").count == 1, "\(program): \(run.error)")
      #expect(run.error.contains(expected), "\(program): \(run.error)")
      #expect(!run.error.contains("NSCocoaErrorDomain"))
    }
    let missing = try Self.run("retention-report", ["/no/such/orders.csv", "--format", "shopify"])
    #expect(missing.error == "retention-report: cannot read /no/such/orders.csv: there is no such file\n")
    let output = try Self.run(
      "secondsale",
      ["segment", try TestData.url("cdnow/CDNOW_sample.txt").path, "--export", "lapsed", "--out", directory.path])
    #expect(output.status != 0)
    #expect(output.error.contains("cannot write \(directory.path): it is a directory"), "\(output.error)")
  }
}

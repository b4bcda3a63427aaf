public import Foundation
public import RetentionCore

/// The import and summary options of the programs that read an orders file, parsed in one
/// place.
///
/// Every program that imports takes the import options (`--strict`, `--max-rejected`, and with
/// ``Features/fileFormat`` and ``Features/timeZone`` the file's layout and time zone); the
/// summary options are listed, accepted and read only by the programs that use them.
public struct DataOptions {
  /// Which of the optional data options a program uses.
  public struct Features: OptionSet, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// Creates a set from raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `--format`, `--columns`, `--date-format`, `--currency`.
    public static let fileFormat = Features(rawValue: 1 << 0)
    /// `--time-zone`.
    public static let timeZone = Features(rawValue: 1 << 1)
    /// `--observation-end`.
    public static let observationEnd = Features(rawValue: 1 << 2)
    /// `--calibration-end`.
    public static let calibrationEnd = Features(rawValue: 1 << 3)
    /// `--unit`.
    public static let unit = Features(rawValue: 1 << 4)
    /// `--json`.
    public static let json = Features(rawValue: 1 << 5)
    /// `--identity`: who counts as one customer (people, the default, or customer ids).
    public static let identity = Features(rawValue: 1 << 6)
    /// The file's layout and time zone: what every program reading any orders file needs.
    public static let anyFile: Features = [.fileFormat, .timeZone]
    /// Everything: the options of `secondsale summary`.
    public static let all: Features = [.fileFormat, .timeZone, .observationEnd, .calibrationEnd, .unit, .json, .identity]
  }

  /// One option: its name, whether it takes a value, the feature that brings it (`nil`: every
  /// program that imports), and its help lines.
  private struct Option {
    var name: String
    var takesValue: Bool
    var feature: Features?
    var help: String
  }

  private static let options: [Option] = [
    Option(
      name: "format", takesValue: true, feature: .fileFormat,
      help:
        "  --format F            shopify | lines | online-retail | groceries | transactions | cdnow\n"
        + "                        (default: guessed from the file's header)"),
    Option(
      name: "columns", takesValue: true, feature: .fileFormat,
      help:
        "  --columns MAP         for lines/transactions: customer=...,order=...,date=...,product=...,\n"
        + "                        name=...,category=...,quantity=...,price=...,currency=..."),
    Option(
      name: "date-format", takesValue: true, feature: .fileFormat,
      help: "  --date-format F       iso8601 | dd-MM-yyyy | MM/dd/yy H:mm | yyyyMMdd | auto (default)"),
    Option(
      name: "time-zone", takesValue: true, feature: .timeZone,
      help: "  --time-zone TZ        time zone of dates without an offset, and of calendar days (default: UTC)"),
    Option(
      name: "currency", takesValue: true, feature: .fileFormat,
      help:
        "  --currency CODE       keep the orders in this ISO 4217 currency and reject the others; needed\n"
        + "                        when the file has orders in more than one currency (default: the file's one)"),
    Option(
      name: "strict", takesValue: false, feature: nil,
      help: "  --strict              stop at the first bad row instead of reporting it"),
    Option(
      name: "max-rejected", takesValue: true, feature: nil,
      help:
        "  --max-rejected F      fail when more than this fraction (0...1) of the rows is rejected\n"
        + "                        (default: fail only when no row can be imported)"),
    Option(
      name: "observation-end", takesValue: true, feature: .observationEnd,
      help: "  --observation-end D   last observed day, YYYY-MM-DD (default: the day of the last order)"),
    Option(
      name: "calibration-end", takesValue: true, feature: .calibrationEnd,
      help: "  --calibration-end D   end of the calibration period, YYYY-MM-DD (default: none)"),
    Option(
      name: "unit", takesValue: true, feature: .unit, help: "  --unit U              days | weeks (default: weeks)"),
    Option(name: "json", takesValue: false, feature: .json, help: "  --json                print JSON"),
    Option(
      name: "identity", takesValue: true, feature: .identity,
      help:
        "  --identity I          people | customer-id: count the people found by identity resolution\n"
        + "                        (guest and account orders of one person are one customer), or the\n"
        + "                        shop's customer ids as imported (default: people)"),
  ]

  private static func selected(_ features: Features) -> [Option] {
    options.filter { option in option.feature.map { features.contains($0) } ?? true }
  }

  /// The names of the options that take a value, for programs with these features.
  public static func valueOptions(for features: Features) -> Set<String> {
    Set(selected(features).filter(\.takesValue).map(\.name))
  }

  /// The names of the flags, for programs with these features.
  public static func flags(for features: Features) -> Set<String> {
    Set(selected(features).filter { !$0.takesValue }.map(\.name))
  }

  /// The help text of the options of programs with these features, one option per line (or
  /// two), indented by two spaces.
  public static func help(for features: Features) -> String {
    selected(features).map(\.help).joined(separator: "\n")
  }

  /// The file to read.
  public var file: URL
  /// The file's format.
  public var format: OrderFileFormat
  /// The import mode.
  public var mode: ImportMode
  /// The time zone.
  public var timeZone: TimeZone
  /// The currency to keep (`--currency CODE`), or ``CurrencyChoice/single``.
  public var currency: CurrencyChoice
  /// The observation end, if given.
  public var observationEnd: Date?
  /// The calibration end, if given.
  public var calibrationEnd: Date?
  /// The time unit.
  public var unit: TimeUnit
  /// Whether to print JSON.
  public var json: Bool
  /// Who counts as one customer (`--identity`; default people).
  public var identity: CustomerIdentity = .people
  /// The largest fraction of rows that may be rejected (`--max-rejected`), or `nil` for no
  /// limit; a run in which no row could be imported fails either way.
  public var maximumRejectedFraction: Double?

  /// Reads the options from parsed arguments; the file is the first positional argument.
  ///
  /// - Parameters:
  ///   - arguments: The parsed arguments (options beyond `features` were refused when parsing).
  ///   - features: The optional data options the program uses; the others keep their defaults.
  ///   - defaultFile: The file to read when none is given.
  ///   - defaultFormat: The format of `defaultFile`, and of every file when the program has no
  ///     ``Features/fileFormat``.
  /// - Throws: ``CommandLineError`` for a missing file argument or a bad option.
  public init(
    _ arguments: Arguments, features: Features, defaultFile: URL? = nil, defaultFormat: OrderFileFormat? = nil
  ) throws {
    if let path = arguments.positionals.first {
      file = URL(fileURLWithPath: path)
    } else if let defaultFile {
      file = defaultFile
    } else {
      throw CommandLineError("missing FILE argument (see --help)")
    }
    do {
      if features.contains(.fileFormat), let name = arguments.value("format") {
        format = try OrderFileFormat(name: name, columns: arguments.value("columns"), dateFormat: arguments.value("date-format"))
      } else if let defaultFormat, arguments.positionals.first == nil || !features.contains(.fileFormat) {
        format = defaultFormat
      } else {
        format = try Self.guessFormat(of: file, columns: arguments.value("columns"), dateFormat: arguments.value("date-format"))
      }
    } catch let error as RetentionCoreError {
      throw CommandLineError(readFailureMessage(error, file: file))
    }
    mode = arguments.flag("strict") ? .strict : .lenient
    if let text = arguments.value("max-rejected") {
      guard let fraction = Double(text), (0...1).contains(fraction) else {
        throw CommandLineError("--max-rejected: expected a fraction from 0 to 1 (0.05 for 5 %), got \(text)")
      }
      maximumRejectedFraction = fraction
    }
    timeZone = TimeZone(secondsFromGMT: 0)!
    if let name = arguments.value("time-zone") {
      guard let zone = TimeZone(identifier: name) else { throw CommandLineError("--time-zone: unknown time zone \(name)") }
      timeZone = zone
    }
    if let code = arguments.value("currency") {
      guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
        throw CommandLineError("--currency: expected an ISO 4217 code such as EUR, got \(code.prefix(20))")
      }
      currency = .only(code)
    } else {
      currency = .single
    }
    observationEnd = try arguments.date("observation-end")
    calibrationEnd = try arguments.date("calibration-end")
    switch arguments.value("unit") ?? "weeks" {
    case "weeks", "week": unit = .weeks
    case "days", "day": unit = .days
    case let other: throw CommandLineError("--unit: expected days or weeks, got \(other)")
    }
    json = arguments.flag("json")
    if let name = arguments.value("identity") {
      guard let choice = CustomerIdentity(rawValue: name) else {
        throw CommandLineError("--identity: expected people or customer-id, got \(name.prefix(40))")
      }
      identity = choice
    }
    if let observationEnd, let calibrationEnd, calibrationEnd > observationEnd {
      throw CommandLineError("--calibration-end must not be after --observation-end")
    }
  }

  /// Guesses a file's format from its first line (read as text, with the importers' checks: a
  /// binary file or a header longer than 1 MiB is refused here).
  static func guessFormat(of url: URL, columns: String?, dateFormat: String?) throws -> OrderFileFormat {
    var reader = try CSVReader(contentsOf: url, separator: 0)
    var record = CSVRecord()
    let firstLine = try reader.readRecord(into: &record) ? record.string(at: 0) : ""
    if columns != nil {
      return try OrderFileFormat(name: firstLine.contains(",") ? "lines" : "transactions", columns: columns, dateFormat: dateFormat)
    }
    if firstLine.contains("Lineitem quantity") { return .shopify }
    if firstLine.contains("InvoiceNo") && firstLine.contains("StockCode") { return .onlineRetail }
    if firstLine.contains("Member_number") { return .groceries }
    if !firstLine.contains(",") { return .cdnow }
    throw CommandLineError("cannot tell the format of \(url.lastPathComponent); give --format (and --columns)")
  }

  /// Where a program prints the import accounting.
  public enum AccountingOutput: Sendable {
    /// Standard output, unless the program prints JSON (then standard error).
    case automatic
    /// Standard output.
    case standardOutput
    /// Standard error (when standard output carries data: JSON, an export, Markdown).
    case standardError
  }

  /// Imports the file, prints the import accounting and checks it: the run fails when no row
  /// could be imported (as for a file without data rows) or when more than
  /// ``maximumRejectedFraction`` of the rows were rejected.
  ///
  /// A progress line is shown on standard error while importing when it is a terminal.
  ///
  /// - Parameters:
  ///   - progress: The progress line to update; `nil` (the default) draws and clears one of its
  ///     own, labelled with the program's name.
  ///   - accounting: Where to print the accounting (``ImportReport/accountingLines(source:reasonLimit:)``).
  /// - Throws: ``CommandLineError`` with the importer's one-line message, or when the accounting
  ///   fails its checks.
  public func load(progress: ProgressLine? = nil, accounting: AccountingOutput = .automatic) throws -> OrderLog {
    let line = progress ?? ProgressLine(label: URL(fileURLWithPath: CommandLine.arguments.first ?? "secondsale").lastPathComponent)
    line.update("importing \(file.lastPathComponent)")
    let log: OrderLog
    do {
      log = try OrderLog(
        contentsOf: file, format: format, options: ImportOptions(mode: mode, timeZone: timeZone, currency: currency))
    } catch let error as RetentionCoreError {
      line.finish()
      throw CommandLineError(readFailureMessage(error, file: file))
    }
    // Clear the progress line (a caller's redraws it on its next step) before printing.
    line.finish()
    let text = log.report.accountingLines(source: file.lastPathComponent).joined(separator: "\n")
    switch accounting {
    case .standardOutput: print(text)
    case .automatic where !json: print(text)
    case .automatic, .standardError: printError(text)
    }
    try Self.check(log.report, file: file, maximumRejectedFraction: maximumRejectedFraction)
    return log
  }

  /// Imports the file as ``load(progress:accounting:)`` does, keys the log by ``identity`` and
  /// prints which identity the figures use in one line after the accounting.
  ///
  /// - Parameters:
  ///   - progress: The progress line to update, as for ``load(progress:accounting:)``.
  ///   - accounting: Where to print the accounting and the identity line.
  /// - Throws: ``CommandLineError`` as ``load(progress:accounting:)``.
  public func loadKeyed(progress: ProgressLine? = nil, accounting: AccountingOutput = .automatic) throws -> IdentityKeyedLog {
    let imported = try load(progress: progress, accounting: accounting)
    progress?.update("resolving identities")
    let keyed = IdentityKeyedLog(imported, identity: identity)
    progress?.finish()
    switch accounting {
    case .standardOutput: print(keyed.descriptionLine)
    case .automatic where !json: print(keyed.descriptionLine)
    case .automatic, .standardError: printError(keyed.descriptionLine)
    }
    return keyed
  }

  /// Fails a run whose import brought nothing, or rejected more rows than allowed.
  ///
  /// - Throws: ``CommandLineError`` when no order was imported although rows were read, or when
  ///   the rejected fraction exceeds `maximumRejectedFraction`.
  public static func check(_ report: ImportReport, file: URL, maximumRejectedFraction: Double?) throws {
    let name = file.lastPathComponent
    if report.ordersImported == 0 && report.rowsRead > 0 {
      let what =
        report.rowsRejected == report.rowsRead
        ? "every one of its \(report.rowsRead) rows was rejected"
        : "none of its \(report.rowsRead) rows could be imported (\(report.rowsExcluded) excluded, \(report.rowsRejected) rejected)"
      let common = report.mostCommonRejectionReasons(limit: 1).first.map { "; most often: \($0.reason)" } ?? ""
      throw CommandLineError("\(name): no orders to work with: \(what)\(common)")
    }
    if let maximum = maximumRejectedFraction, report.rejectedFraction > maximum {
      throw CommandLineError(
        "\(name): \(report.rowsRejected) of \(report.rowsRead) rows rejected (\(String(format: "%.1f", report.rejectedFraction * 100)) %), more than --max-rejected \(maximum) allows"
      )
    }
  }

  /// The summary options for a log: the observation end defaults to the day of the last order.
  public func summaryOptions(for log: OrderLog) -> SummaryOptions {
    let end = observationEnd ?? log.lastOrderDate ?? Date(timeIntervalSince1970: 0)
    return SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: unit, clock: DayClock(timeZone: timeZone))
  }
}

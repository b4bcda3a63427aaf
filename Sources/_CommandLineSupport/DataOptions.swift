public import Foundation
public import RetentionCore

/// The import and summary options every command accepts, parsed in one place.
public struct DataOptions {
  /// The option names that take a value.
  public static let valueOptions: Set<String> = [
    "format", "columns", "date-format", "observation-end", "calibration-end", "unit", "time-zone", "currency",
  ]
  /// The flags.
  public static let flags: Set<String> = ["json", "strict", "help"]

  /// The help text of these options.
  public static let help = """
      --format F            shopify | lines | online-retail | groceries | transactions | cdnow
                            (default: guessed from the file's header)
      --columns MAP         for lines/transactions: customer=...,order=...,date=...,product=...,
                            name=...,category=...,quantity=...,price=...,currency=...
      --date-format F       iso8601 | dd-MM-yyyy | MM/dd/yy H:mm | yyyyMMdd | auto (default)
      --observation-end D   last observed day, YYYY-MM-DD (default: the day of the last order)
      --calibration-end D   end of the calibration period, YYYY-MM-DD (default: none)
      --unit U              days | weeks (default: weeks)
      --time-zone TZ        time zone of dates without an offset, and of calendar days (default: UTC)
      --currency CODE       keep the orders in this ISO 4217 currency and reject the others; needed
                            when the file has orders in more than one currency (default: the file's one)
      --strict              stop at the first bad row instead of reporting it
      --json                print JSON
    """

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

  /// Reads the options from parsed arguments; the file is the first positional argument.
  ///
  /// - Throws: ``CommandLineError`` for a missing file or a bad option.
  public init(_ arguments: Arguments, defaultFile: URL? = nil, defaultFormat: OrderFileFormat? = nil) throws {
    if let path = arguments.positionals.first {
      file = URL(fileURLWithPath: path)
    } else if let defaultFile {
      file = defaultFile
    } else {
      throw CommandLineError("missing FILE argument (see --help)")
    }
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw CommandLineError("no such file: \(file.path)")
    }
    do {
      if let name = arguments.value("format") {
        format = try OrderFileFormat(name: name, columns: arguments.value("columns"), dateFormat: arguments.value("date-format"))
      } else if arguments.positionals.first == nil, let defaultFormat {
        format = defaultFormat
      } else {
        format = try Self.guessFormat(of: file, columns: arguments.value("columns"), dateFormat: arguments.value("date-format"))
      }
    } catch let error as RetentionCoreError {
      throw CommandLineError(error.description)
    }
    mode = arguments.flag("strict") ? .strict : .lenient
    if let name = arguments.value("time-zone") {
      guard let zone = TimeZone(identifier: name) else { throw CommandLineError("--time-zone: unknown time zone \(name)") }
      timeZone = zone
    } else {
      timeZone = TimeZone(secondsFromGMT: 0)!
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
    if let observationEnd, let calibrationEnd, calibrationEnd > observationEnd {
      throw CommandLineError("--calibration-end must not be after --observation-end")
    }
  }

  /// Guesses a file's format from its first line.
  static func guessFormat(of url: URL, columns: String?, dateFormat: String?) throws -> OrderFileFormat {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    let head = String(decoding: (try handle.read(upToCount: 4_096)) ?? Data(), as: UTF8.self)
    let firstLine = head.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    if columns != nil {
      return try OrderFileFormat(name: firstLine.contains(",") ? "lines" : "transactions", columns: columns, dateFormat: dateFormat)
    }
    if firstLine.contains("Lineitem quantity") { return .shopify }
    if firstLine.contains("InvoiceNo") && firstLine.contains("StockCode") { return .onlineRetail }
    if firstLine.contains("Member_number") { return .groceries }
    if !firstLine.contains(",") { return .cdnow }
    throw CommandLineError("cannot tell the format of \(url.lastPathComponent); give --format (and --columns)")
  }

  /// Imports the file, with a progress line on standard error when it is a terminal.
  ///
  /// - Parameter progress: The progress line to update; `nil` (the default) draws and clears
  ///   one of its own, labelled with the program's name.
  /// - Throws: ``CommandLineError`` with the importer's one-line message.
  public func load(progress: ProgressLine? = nil) throws -> OrderLog {
    let line = progress ?? ProgressLine(label: URL(fileURLWithPath: CommandLine.arguments.first ?? "secondsale").lastPathComponent)
    line.update("importing \(file.lastPathComponent)")
    defer { if progress == nil { line.finish() } }
    do {
      return try OrderLog(
        contentsOf: file, format: format, options: ImportOptions(mode: mode, timeZone: timeZone, currency: currency))
    } catch let error as RetentionCoreError {
      throw CommandLineError("\(file.lastPathComponent): \(error)")
    }
  }

  /// The summary options for a log: the observation end defaults to the day of the last order.
  public func summaryOptions(for log: OrderLog) -> SummaryOptions {
    let end = observationEnd ?? log.lastOrderDate ?? Date(timeIntervalSince1970: 0)
    return SummaryOptions(observationEnd: end, calibrationEnd: calibrationEnd, unit: unit, clock: DayClock(timeZone: timeZone))
  }
}

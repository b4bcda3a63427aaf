// Hand-written argument parsing shared by the example programs. Not API.
public import Foundation
import RetentionCore

/// An error that ends a command with a one-line message and a non-zero exit code.
///
/// The message is safe for a terminal: control characters are escaped and each line is cut to
/// 1,000 characters, whatever input or argument it quotes.
public struct CommandLineError: Error, CustomStringConvertible {
  /// The message.
  public var description: String

  /// Creates an error.
  public init(_ description: String) {
    self.description = description.split(separator: "\n", omittingEmptySubsequences: false)
      .map { RetentionCoreError.excerpt($0, limit: 1_000) }.joined(separator: "\n")
  }
}

/// Parsed command-line arguments: positionals, `--name value` options and `--flag` flags.
///
/// Every option must be known: an unknown `--name` (or `-x`), a flag given a value, an option
/// without its value, and more positional arguments than the program takes are errors.
public struct Arguments {
  /// The positional arguments, in order.
  public private(set) var positionals: [String] = []
  private var values: [String: String] = [:]
  private var flags: Set<String> = []

  /// Parses arguments.
  ///
  /// - Parameters:
  ///   - arguments: The arguments, without the program's name.
  ///   - valueOptions: The names of the options that take a value.
  ///   - flags: The names of the flags (`help` and `-h` are always accepted).
  ///   - maximumPositionals: How many positional arguments the program takes (one FILE by
  ///     default).
  ///   - helpHint: Where to look for the options, for the message of an unknown one
  ///     (`secondsale summary --help`).
  /// - Throws: ``CommandLineError`` for an unknown option, a missing value, a flag with a value
  ///   or an unexpected positional argument.
  public init(
    _ arguments: [String], valueOptions: Set<String>, flags knownFlags: Set<String>, maximumPositionals: Int = 1,
    helpHint: String
  ) throws {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument.hasPrefix("--") {
        var name = String(argument.dropFirst(2))
        var value: String?
        if let equals = name.firstIndex(of: "=") {
          value = String(name[name.index(after: equals)...])
          name = String(name[..<equals])
        }
        if valueOptions.contains(name) {
          if value == nil {
            guard index + 1 < arguments.count else { throw CommandLineError("--\(name) needs a value") }
            index += 1
            value = arguments[index]
          }
          values[name] = value
        } else if knownFlags.contains(name) || name == "help" {
          guard value == nil else { throw CommandLineError("--\(name) takes no value") }
          flags.insert(name)
        } else {
          throw CommandLineError("unknown option --\(name) (see \(helpHint))")
        }
      } else if argument == "-h" {
        flags.insert("help")
      } else if argument.hasPrefix("-") && argument.count > 1 {
        throw CommandLineError("unknown option \(argument) (see \(helpHint))")
      } else {
        positionals.append(argument)
      }
      index += 1
    }
    if positionals.count > maximumPositionals && !flags.contains("help") {
      throw CommandLineError(
        "unexpected argument '\(positionals[maximumPositionals])' (\(maximumPositionals == 0 ? "no file is read" : "one FILE at most"); see \(helpHint))")
    }
  }

  /// The value of an option, if given.
  public func value(_ name: String) -> String? { values[name] }

  /// Whether a flag was given.
  public func flag(_ name: String) -> Bool { flags.contains(name) }

  /// An integer option.
  public func integer(_ name: String, default fallback: Int) throws -> Int {
    guard let text = values[name] else { return fallback }
    guard let value = Int(text) else { throw CommandLineError("--\(name): not an integer: \(text)") }
    return value
  }

  /// A number option.
  public func number(_ name: String, default fallback: Double) throws -> Double {
    guard let text = values[name] else { return fallback }
    guard let value = Double(text), value.isFinite else { throw CommandLineError("--\(name): not a number: \(text)") }
    return value
  }

  /// A `YYYY-MM-DD` option as the start of that day in UTC.
  public func date(_ name: String) throws -> Date? {
    guard let text = values[name] else { return nil }
    guard let date = parseDay(text) else {
      throw CommandLineError("--\(name): not a valid date (YYYY-MM-DD): \(text)")
    }
    return date
  }
}

/// Parses `YYYY-MM-DD` as the start of that day in UTC, in the proleptic Gregorian calendar the
/// importers read dates in (``CivilCalendar``, years 1 to 9999), without Foundation's calendar
/// (whose set-up costs a command a fraction of a millisecond).
public func parseDay(_ text: String) -> Date? {
  let parts = text.split(separator: "-")
  guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
    let day = Int(parts[2]), CivilCalendar.isValid(year: year, month: month, day: day)
  else { return nil }
  return Date(timeIntervalSince1970: Double(CivilCalendar.day(year: year, month: month, day: day) * 86_400))
}

/// Formats a date as `YYYY-MM-DD` in UTC (the day it falls in, in the proleptic Gregorian
/// calendar).
public func formatDay(_ date: Date) -> String {
  let day = CivilCalendar.date(ofDay: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
  func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
  return "\(digits(day.year, 4))-\(digits(day.month, 2))-\(digits(day.day, 2))"
}

/// Parses an ISO 8601 time with an offset or `Z` (fractional seconds allowed), or a day
/// `YYYY-MM-DD` as the start of that day in UTC.
public func parseInstant(_ text: String) -> Date? {
  if let day = parseDay(text) { return day }
  let formatter = ISO8601DateFormatter()
  if let date = formatter.date(from: text) { return date }
  formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  return formatter.date(from: text)
}

/// Formats an instant as ISO 8601 in UTC: `2025-06-30T06:00:00Z`.
public func isoInstant(_ date: Date) -> String {
  ISO8601DateFormatter().string(from: date)
}

/// Writes a line to standard error.
public func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Encodes a value as pretty, key-sorted JSON text.
public func jsonText(_ value: some Encodable) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

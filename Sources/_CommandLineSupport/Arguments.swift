// Hand-written argument parsing shared by the example programs. Not API.
public import Foundation
import RetentionCore

/// An error that ends a command with a one-line message and a non-zero exit code.
public struct CommandLineError: Error, CustomStringConvertible {
  /// The message.
  public var description: String

  /// Creates an error.
  public init(_ description: String) {
    self.description = description
  }
}

/// Parsed command-line arguments: positionals, `--name value` options and `--flag` flags.
public struct Arguments {
  /// The positional arguments, in order.
  public private(set) var positionals: [String] = []
  private var values: [String: String] = [:]
  private var flags: Set<String> = []
  private var consumed: Set<String> = []

  /// Parses arguments against the names of the options that take a value; other `--names` are
  /// flags.
  ///
  /// - Throws: ``CommandLineError`` when a value is missing.
  public init(_ arguments: [String], valueOptions: Set<String>) throws {
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
        } else {
          guard value == nil else { throw CommandLineError("--\(name) takes no value") }
          flags.insert(name)
        }
      } else if argument == "-h" {
        flags.insert("help")
      } else {
        positionals.append(argument)
      }
      index += 1
    }
  }

  /// The value of an option, if given.
  public func value(_ name: String) -> String? { values[name] }

  /// Whether a flag was given.
  public func flag(_ name: String) -> Bool { flags.contains(name) }

  /// The names of flags and options that are not in `known`.
  public func unknown(known: Set<String>) -> [String] {
    (Array(values.keys) + Array(flags)).filter { !known.contains($0) }.sorted()
  }

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

/// Parses `YYYY-MM-DD` as the start of that day in UTC.
public func parseDay(_ text: String) -> Date? {
  let parts = text.split(separator: "-")
  guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
    let day = Int(parts[2])
  else { return nil }
  var components = DateComponents()
  components.year = year
  components.month = month
  components.day = day
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0)!
  guard let date = calendar.date(from: components),
    calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
  else { return nil }
  return date
}

/// Formats a date as `YYYY-MM-DD` in UTC.
public func formatDay(_ date: Date) -> String {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0)!
  let c = calendar.dateComponents([.year, .month, .day], from: date)
  return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
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

public import Foundation
public import RetentionCore

/// The command line of an example program that reads one orders file: its name and help, its
/// own options, the data options it uses and its default input.
///
/// ``run(_:)`` parses the arguments (every option must be known), prints the help for `--help`,
/// reads the data options, runs the program, and turns an error into one line on standard error
/// and exit code 1, so that a program's `main.swift` holds only what the program does:
///
/// ```swift
/// let program = ExampleProgram(
///   name: "replenishment-reminders", abstract: "Prints how long the shop's consumables last ...",
///   options: [.value("out", "FILE", "where to write the reminders")],
///   data: [.fileFormat, .timeZone, .observationEnd],
///   defaultFile: bundledDataFile("groceries/Groceries_dataset.csv"), defaultFormat: .groceries)
///
/// program.run { arguments, data in
///   let log = try data.load()
///   ...
/// }
/// ```
public struct ExampleProgram {
  /// One option of the program beyond its data options.
  public struct Option: Sendable {
    /// The name, without the leading `--`.
    public var name: String
    /// The placeholder of its value in the help (`FILE`), or `nil` for a flag.
    public var valueName: String?
    /// The help text.
    public var help: String

    /// An option that takes a value: `--name VALUE`.
    public static func value(_ name: String, _ valueName: String, _ help: String) -> Option {
      Option(name: name, valueName: valueName, help: help)
    }

    /// A flag: `--name`.
    public static func flag(_ name: String, _ help: String) -> Option {
      Option(name: name, valueName: nil, help: help)
    }
  }

  /// The program's name, as typed.
  public var name: String
  /// What the program does, one paragraph (printed under the usage line).
  public var abstract: String
  /// The program's own options.
  public var options: [Option]
  /// The data options it uses.
  public var data: DataOptions.Features
  /// The file read when none is given.
  public var defaultFile: URL?
  /// The format of the default file.
  public var defaultFormat: OrderFileFormat?

  /// Describes a program.
  public init(
    name: String, abstract: String, options: [Option] = [], data: DataOptions.Features, defaultFile: URL?,
    defaultFormat: OrderFileFormat
  ) {
    self.name = name
    self.abstract = abstract
    self.options = options
    self.data = data
    self.defaultFile = defaultFile
    self.defaultFormat = defaultFormat
  }

  /// The help text: usage, abstract, and every option the program accepts.
  public var help: String {
    let usage = ["usage: \(name) [FILE]"] + options.map { "[--\($0.name)\($0.valueName.map { " " + $0 } ?? "")]" }
    let own = options.map { option in
      let left = "  --\(option.name)" + (option.valueName.map { " " + $0 } ?? "")
      return left.padding(toLength: max(24, left.count + 2), withPad: " ", startingAt: 0) + option.help
    }
    return (usage + ["[options]"]).joined(separator: " ") + "\n\n" + abstract + "\n\noptions:\n"
      + (own + [DataOptions.help(for: data)]).joined(separator: "\n")
  }

  /// Parses the command line, runs `body` with the arguments and the data options, and exits:
  /// 0 after `--help` or a successful run, 1 after an error (printed as `name: message`).
  ///
  /// - Parameter body: The program.
  public func run(_ body: (Arguments, DataOptions) throws -> Void) -> Never {
    do {
      let arguments = try Arguments(
        Array(CommandLine.arguments.dropFirst()),
        valueOptions: DataOptions.valueOptions(for: data).union(options.filter { $0.valueName != nil }.map(\.name)),
        flags: DataOptions.flags(for: data).union(options.filter { $0.valueName == nil }.map(\.name)),
        helpHint: "\(name) --help")
      if arguments.flag("help") {
        print(help)
        exit(0)
      }
      let dataOptions = try DataOptions(
        arguments, features: data, defaultFile: defaultFile, defaultFormat: defaultFormat)
      try body(arguments, dataOptions)
      exit(0)
    } catch {
      printError("\(name): \(error)")
      exit(1)
    }
  }
}

import _CommandLineSupport

/// A subcommand of `secondsale`.
struct Command: Sendable {
  var name: String
  var abstract: String
  /// The data options this command uses (see `DataOptions.Features`), or `nil` when it reads no
  /// orders file; only these are listed in its help and accepted.
  var dataOptions: DataOptions.Features?
  /// Options of this command that take a value, beyond its data options.
  var valueOptions: Set<String> = []
  /// Flags of this command, beyond its data options.
  var flags: Set<String> = []
  /// How many positional arguments the command takes.
  var positionals = 1
  /// The help text, made only when asked for (a run that does not print it does not build it).
  var help: String { helpText() }
  private var helpText: @Sendable () -> String
  var run: @Sendable (Arguments) throws -> Void

  init(
    name: String, abstract: String, dataOptions: DataOptions.Features? = nil, valueOptions: Set<String> = [],
    flags: Set<String> = [], positionals: Int = 1, help: @autoclosure @escaping @Sendable () -> String,
    run: @escaping @Sendable (Arguments) throws -> Void
  ) {
    self.name = name
    self.abstract = abstract
    self.dataOptions = dataOptions
    self.valueOptions = valueOptions
    self.flags = flags
    self.positionals = positionals
    helpText = help
    self.run = run
  }

  /// Every option name that takes a value.
  var allValueOptions: Set<String> {
    valueOptions.union(dataOptions.map { DataOptions.valueOptions(for: $0) } ?? [])
  }

  /// Every flag name.
  var allFlags: Set<String> {
    flags.union(dataOptions.map { DataOptions.flags(for: $0) } ?? [])
  }
}

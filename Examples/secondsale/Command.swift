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
  var help: String
  var run: @Sendable (Arguments) throws -> Void

  /// Every option name that takes a value.
  var allValueOptions: Set<String> {
    valueOptions.union(dataOptions.map { DataOptions.valueOptions(for: $0) } ?? [])
  }

  /// Every flag name.
  var allFlags: Set<String> {
    flags.union(dataOptions.map { DataOptions.flags(for: $0) } ?? [])
  }
}

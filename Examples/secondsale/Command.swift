import _CommandLineSupport

/// A subcommand of `secondsale`.
struct Command: Sendable {
  var name: String
  var abstract: String
  /// Options of this command that take a value, beyond the shared data options.
  var valueOptions: Set<String> = []
  /// Flags of this command, beyond the shared ones.
  var flags: Set<String> = []
  var help: String
  var run: @Sendable (Arguments) throws -> Void
}

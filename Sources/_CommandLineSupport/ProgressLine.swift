import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress display on standard error for long work (import, fitting, scoring).
///
/// It draws only when standard error is a terminal (`isatty`), so redirected output, pipes and
/// tests stay clean:
///
/// ```swift
/// let progress = ProgressLine(label: "retention-report")
/// progress.update("importing orders")
/// progress.finish()
/// ```
public final class ProgressLine: Sendable {
  /// Whether the line is drawn (standard error is a terminal).
  public let isEnabled: Bool
  private let label: String
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private let lock = NSLock()

  /// Creates a progress line.
  ///
  /// - Parameters:
  ///   - label: The program's name, printed before each step.
  ///   - isEnabled: Whether to draw; `nil` (the default) draws when standard error is a
  ///     terminal.
  public init(label: String, isEnabled: Bool? = nil) {
    self.label = label
    self.isEnabled = isEnabled ?? (isatty(STDERR_FILENO) == 1)
    start = clock.now
  }

  /// Replaces the line with a new step and the time elapsed so far.
  ///
  /// - Parameter step: What is happening now ("fitting the BG/NBD model").
  public func update(_ step: String) {
    guard isEnabled else { return }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    write("\r\u{1B}[2K\(label): \(step)… \(String(format: "%.1f", seconds)) s")
  }

  /// Clears the line.
  public func finish() {
    guard isEnabled else { return }
    write("\r\u{1B}[2K")
  }

  private func write(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    FileHandle.standardError.write(Data(text.utf8))
  }
}

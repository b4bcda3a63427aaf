/// An error raised by `LTVMath`: data a spend or value computation cannot use.
public struct LTVMathError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: Hashable, Sendable { case insufficientData, invalidArgument, fitFailed }
    let value: Value

    /// Too few usable customers (for example no repeat buyer with a positive spend).
    public static let insufficientData = Code(value: .insufficientData)
    /// An argument is out of its range (a negative margin, mismatched columns).
    public static let invalidArgument = Code(value: .invalidArgument)
    /// The optimiser found no finite likelihood.
    public static let fitFailed = Code(value: .fitFailed)

    /// A short name of the code.
    public var description: String {
      switch value {
      case .insufficientData: "insufficient data"
      case .invalidArgument: "invalid argument"
      case .fitFailed: "fit failed"
      }
    }
  }

  /// The kind of problem.
  public var code: Code
  /// A human-readable reason.
  public var reason: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - code: The kind of problem.
  ///   - reason: A human-readable reason.
  public init(_ code: Code, reason: String) {
    self.code = code
    self.reason = reason
  }

  /// `insufficient data: ...`.
  public var description: String { "\(code): \(RetentionCoreError.excerpt(reason, limit: RetentionCoreError.maximumReasonLength))" }
}

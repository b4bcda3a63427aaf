/// An error raised by `Segmentation`.
public struct SegmentationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: Hashable, Sendable { case invalidArgument, unknownField }
    let value: Value

    /// An argument is out of its range (a percentage above 100, an empty threshold list).
    public static let invalidArgument = Code(value: .invalidArgument)
    /// A rule names a profile field that does not exist.
    public static let unknownField = Code(value: .unknownField)

    /// A short name of the code.
    public var description: String {
      switch value {
      case .invalidArgument: "invalid argument"
      case .unknownField: "unknown field"
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

  /// `invalid argument: ...`.
  public var description: String { "\(code): \(RetentionCoreError.excerpt(reason, limit: RetentionCoreError.maximumReasonLength))" }
}

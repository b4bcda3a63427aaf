/// An error raised by `Recommendations`: an option or input that cannot be used.
///
/// Bad data never traps; a configuration that makes no sense for the data at hand (a split date
/// before the first order, a blend without components) is thrown:
///
/// ```swift
/// do {
///   let evaluation = try OfflineEvaluation(log: log, split: splitDate)
/// } catch let error as RecommendationsError where error.code == .invalidArgument {
///   print(error)  // invalid argument: the split leaves no training orders
/// }
/// ```
public struct RecommendationsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: Hashable, Sendable { case invalidArgument, insufficientData }
    let value: Value

    /// An argument is out of its range or inconsistent with the others.
    public static let invalidArgument = Code(value: .invalidArgument)
    /// The data holds too little to compute the result (no training orders, no test customers).
    public static let insufficientData = Code(value: .insufficientData)

    /// A short name of the code.
    public var description: String {
      switch value {
      case .invalidArgument: "invalid argument"
      case .insufficientData: "insufficient data"
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

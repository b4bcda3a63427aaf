/// An error raised by `Campaigns`: a flow file that cannot be used.
///
/// A bad flow file names the key where the problem is, as a path from the top of the file:
///
/// ```swift
/// do {
///   let file = try FlowFile(contentsOf: url)
/// } catch let error as CampaignsError {
///   print(error)  // invalid flow file: flows.abandoned-cart.steps[1].waitHours: must be a number of hours, at least 0
/// }
/// ```
public struct CampaignsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: Hashable, Sendable { case invalidFlowFile, unknownFlow }
    let value: Value

    /// The flow file is not JSON, has an unknown key, or a value of the wrong type or range.
    public static let invalidFlowFile = Code(value: .invalidFlowFile)
    /// The flow file configures a flow that the planner does not have.
    public static let unknownFlow = Code(value: .unknownFlow)

    /// A short name of the code.
    public var description: String {
      switch value {
      case .invalidFlowFile: "invalid flow file"
      case .unknownFlow: "unknown flow"
      }
    }
  }

  /// The kind of problem.
  public var code: Code
  /// The key path in the file (`flows.abandoned-cart.steps[1].waitHours`), or `nil` for the
  /// whole file.
  public var key: String?
  /// A human-readable reason.
  public var reason: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - code: The kind of problem.
  ///   - key: The key path, or `nil`.
  ///   - reason: A human-readable reason.
  public init(_ code: Code, key: String? = nil, reason: String) {
    self.code = code
    self.key = key
    self.reason = reason
  }

  /// `invalid flow file: flows.x.steps[1].waitHours: ...`.
  public var description: String {
    let reason = RetentionCoreError.excerpt(reason, limit: RetentionCoreError.maximumReasonLength)
    return key.map { "\(code): \($0): \(reason)" } ?? "\(code): \(reason)"
  }
}

/// An error raised by `RetentionModel`: data a model cannot be fitted on or scored with, or a fit
/// that found no usable optimum.
///
/// Models never trap on bad data; they throw a `RetentionModelError` that says what was wrong and
/// where:
///
/// ```swift
/// do {
///   let fit = try BGNBDModel.fit(data)
/// } catch let error as RetentionModelError {
///   print(error)  // invalid data, row 17: recency 40 exceeds age 39
/// }
/// ```
public struct RetentionModelError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: Hashable, Sendable {
      case invalidData, emptyData, fitFailed, invalidArgument, missingHoldout, numericalFailure
    }
    let value: Value

    /// A data value is out of its domain (negative, non-finite, recency after age, a
    /// non-integer count where the model needs whole numbers).
    public static let invalidData = Code(value: .invalidData)
    /// There is nothing to fit on: no rows, or all counts are zero.
    public static let emptyData = Code(value: .emptyData)
    /// No starting point led to a finite likelihood.
    public static let fitFailed = Code(value: .fitFailed)
    /// An argument (an option, a horizon, a start) is not valid.
    public static let invalidArgument = Code(value: .invalidArgument)
    /// A validation report was asked of summaries without a holdout period.
    public static let missingHoldout = Code(value: .missingHoldout)
    /// A special function (a series or a quadrature) did not reach its error bound at these
    /// parameters, so the value is not known to the precision the model needs.
    public static let numericalFailure = Code(value: .numericalFailure)

    /// A short name of the code.
    public var description: String {
      switch value {
      case .invalidData: "invalid data"
      case .emptyData: "empty data"
      case .fitFailed: "fit failed"
      case .invalidArgument: "invalid argument"
      case .missingHoldout: "missing holdout"
      case .numericalFailure: "numerical failure"
      }
    }
  }

  /// The kind of problem.
  public var code: Code
  /// The 0-based position of the offending row (triple, period, customer), if known.
  public var row: Int?
  /// A human-readable reason, including the offending value where useful.
  public var reason: String

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - code: The kind of problem.
  ///   - row: The 0-based position of the offending row, if known.
  ///   - reason: A human-readable reason.
  public init(_ code: Code, row: Int? = nil, reason: String) {
    self.code = code
    self.row = row
    self.reason = reason
  }

  /// A one-line description: `invalid data, row 17: recency 40 exceeds age 39`.
  public var description: String {
    let reason = RetentionCoreError.excerpt(reason, limit: RetentionCoreError.maximumReasonLength)
    if let row { return "\(code), row \(row): \(reason)" }
    return "\(code): \(reason)"
  }
}

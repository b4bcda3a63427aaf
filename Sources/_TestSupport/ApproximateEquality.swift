// Test helpers shared by the test targets. Not API: the underscore says so, and no product
// exports this module.

extension Double {
  /// Whether two values are equal within explicit tolerances, with swift-numerics semantics:
  /// `|self - other| <= max(absoluteTolerance, relativeTolerance * max(|self|, |other|))`.
  ///
  /// Infinities compare equal only to themselves; NaN is never approximately equal to anything.
  ///
  /// - Parameters:
  ///   - other: The value to compare with.
  ///   - absoluteTolerance: The largest absolute difference accepted.
  ///   - relativeTolerance: The largest difference accepted relative to the larger magnitude.
  public func isApproximatelyEqual(
    to other: Double, absoluteTolerance: Double = 0, relativeTolerance: Double = 0
  ) -> Bool {
    precondition(absoluteTolerance >= 0 && relativeTolerance >= 0, "tolerances must be non-negative")
    if self == other { return true }
    guard isFinite && other.isFinite else { return false }
    let scale = Swift.max(abs(self), abs(other))
    return abs(self - other) <= Swift.max(absoluteTolerance, relativeTolerance * scale)
  }
}

// Test helpers shared by the test targets. Not API: the underscore says so, and no product
// exports this module.
public import Foundation

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

/// A seeded, fast, splittable pseudo-random generator (Steele, Lea & Flood 2014), for
/// reproducible property tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator from a seed; equal seeds give equal sequences.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Locates the shared data sets beside the project root (`../shared/data`).
///
/// A test that needs them and cannot find them must fail loudly, never skip: ``url(_:)`` throws.
public enum SharedData {
  /// The error thrown when a shared data file is missing.
  public struct Missing: Error, CustomStringConvertible {
    /// The path that was looked for.
    public var path: String
    /// A message that says where the data should be.
    public var description: String {
      "shared data file not found at \(path): put the shared folder beside the project root (../shared/data)"
    }
  }

  /// The project root (the folder with Package.swift).
  public static var projectRoot: URL {
    // Sources/_TestSupport/ApproximateEquality.swift -> project root
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The URL of a file under `../shared/data`.
  ///
  /// - Parameter relativePath: A path such as `cdnow/CDNOW_sample.txt`.
  /// - Throws: ``Missing`` if the file does not exist.
  public static func url(_ relativePath: String) throws -> URL {
    let url = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
      .appendingPathComponent(relativePath)
    guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: url.path) }
    return url
  }

  /// The URL of a fixture committed under `Tests/Fixtures`.
  public static func fixture(_ name: String) -> URL {
    projectRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
  }
}

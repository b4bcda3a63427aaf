import Foundation

/// A dictionary of computed values shared between tasks: each key's value is computed on first
/// request and handed out afterwards.
///
/// Two tasks asking for a missing key at once may both compute it; the first stored value wins,
/// so callers must compute the same value for the same key.
///
/// ```swift
/// let cache = LockedCache<Int, [Int]>()
/// let squares = cache.value(for: 3) { (0..<3).map { $0 * $0 } }
/// ```
package final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  // Every access to `values` holds `lock`.
  private let lock = NSLock()
  private var values: [Key: Value] = [:]

  /// An empty cache.
  package init() {}

  /// The value of a key, computed (outside the lock) when missing.
  ///
  /// - Parameters:
  ///   - key: The key.
  ///   - compute: Computes the value of `key`.
  /// - Returns: The stored value.
  /// - Throws: What `compute` throws (nothing is stored then).
  package func value(for key: Key, orCompute compute: () throws -> Value) rethrows -> Value {
    lock.lock()
    let existing = values[key]
    lock.unlock()
    if let existing { return existing }
    let computed = try compute()
    lock.lock()
    defer { lock.unlock() }
    if let stored = values[key] { return stored }
    values[key] = computed
    return computed
  }

  /// The number of stored values.
  package var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return values.count
  }
}

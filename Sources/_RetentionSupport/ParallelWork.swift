import Foundation

/// Runs independent tasks on the available cores and returns their results in task order, so
/// the output never depends on the number of threads.
package enum ParallelWork {
  /// The result of `body` for each task number in `0..<count`, in task order.
  package static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return count == 1 ? [body(0)] : [] }
    let box = Results<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { task in box.set(task, body(task)) }
    return box.values()
  }

  /// `0..<count` in two halves for two tasks, or whole when it is below `minimum` (too little
  /// work to share).
  package static func halves(_ count: Int, minimum: Int) -> [Range<Int>] {
    count >= Swift.max(minimum, 2) ? [0..<(count / 2), (count / 2)..<count] : [0..<count]
  }

  private final class Results<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
      lock.lock()
      storage[index] = value
      lock.unlock()
    }

    func values() -> [T] {
      lock.lock()
      defer { lock.unlock() }
      return storage.map { $0! }
    }
  }
}

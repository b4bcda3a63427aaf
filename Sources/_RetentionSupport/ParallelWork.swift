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

  /// An array built in place by parallel tasks: task `i` appends exactly `counts[i]` elements,
  /// which become the `i`-th contiguous part of the array; with each task's own result, in task
  /// order.
  ///
  /// ```swift
  /// let (squares, _) = ParallelWork.build(counts: [2, 3]) { task, output in
  ///   for number in (task == 0 ? 0..<2 : 2..<5) { output.append(number * number) }
  /// }
  /// // [0, 1, 4, 9, 16]
  /// ```
  ///
  /// - Precondition: Each task appends exactly its count (more traps at once, fewer at the end).
  package static func build<Element, Result: Sendable>(
    counts: [Int], _ body: @Sendable (_ task: Int, _ output: inout PartOutput<Element>) -> Result
  ) -> (elements: [Element], results: [Result]) {
    precondition(counts.allSatisfy { $0 >= 0 }, "counts are not negative")
    var firsts = [0]
    for count in counts { firsts.append(firsts[firsts.count - 1] + count) }
    var results: [Result] = []
    let elements = [Element](unsafeUninitializedCapacity: firsts[counts.count]) { buffer, initialized in
      let shared = UnsafeSendable(value: buffer)
      results = map(counts.count) { [firsts] task in
        var output = PartOutput(UnsafeMutableBufferPointer(rebasing: shared.value[firsts[task]..<firsts[task + 1]]))
        let result = body(task, &output)
        precondition(output.isFull, "a task must fill its part")
        return result
      }
      initialized = firsts[counts.count]
    }
    return (elements, results)
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

/// The part of an array that one task of ``ParallelWork/build(counts:_:)`` appends to, valid only
/// inside that task.
package struct PartOutput<Element> {
  private let buffer: UnsafeMutableBufferPointer<Element>
  /// The number of elements appended.
  package private(set) var count = 0

  fileprivate init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

  fileprivate var isFull: Bool { count == buffer.count }

  /// Appends an element.
  package mutating func append(_ element: Element) {
    precondition(count < buffer.count, "a task appends no more than its count")
    (buffer.baseAddress! + count).initialize(to: element)
    count += 1
  }
}

import Foundation

/// Runs independent tasks on the available cores and returns their results in task order, so
/// the output never depends on the number of threads.
package enum ParallelWork {
  /// The result of `body` for each task number in `0..<count`, in task order.
  ///
  /// - Parameters:
  ///   - count: The number of tasks.
  ///   - isParallel: Whether the tasks may run on several threads; `false` runs them one after
  ///     another on the caller's.
  package static func map<T: Sendable>(_ count: Int, isParallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return count == 1 ? [body(0)] : [] }
    guard isParallel else { return (0..<count).map(body) }
    let box = Results<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { task in box.set(task, body(task)) }
    return box.values()
  }

  /// The results of two independent tasks, run on two threads when there are.
  ///
  /// ```swift
  /// let (ids, totals) = ParallelWork.both({ makeIDs() }, { sumTotals() })
  /// ```
  ///
  /// - Parameter isParallel: Whether the tasks may run on two threads; `false` runs them one
  ///   after the other on the caller's.
  package static func both<First: Sendable, Second: Sendable>(
    isParallel: Bool = true, _ first: @Sendable () -> First, _ second: @Sendable () -> Second
  ) -> (First, Second) {
    let results = map(2, isParallel: isParallel) { task -> Either<First, Second> in
      task == 0 ? .first(first()) : .second(second())
    }
    guard case .first(let one) = results[0], case .second(let other) = results[1] else {
      preconditionFailure("each task's result is in its place")
    }
    return (one, other)
  }

  private enum Either<First: Sendable, Second: Sendable>: Sendable {
    case first(First)
    case second(Second)
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
    counts: [Int], isParallel: Bool = true,
    _ body: @Sendable (_ task: Int, _ output: inout PartOutput<Element>) -> Result
  ) -> (elements: [Element], results: [Result]) {
    precondition(counts.allSatisfy { $0 >= 0 }, "counts are not negative")
    var firsts = [0]
    for count in counts { firsts.append(firsts[firsts.count - 1] + count) }
    var results: [Result] = []
    let elements = [Element](unsafeUninitializedCapacity: firsts[counts.count]) { buffer, initialized in
      let shared = UnsafeSendable(value: buffer)
      results = map(counts.count, isParallel: isParallel) { [firsts] task in
        var output = PartOutput(UnsafeMutableBufferPointer(rebasing: shared.value[firsts[task]..<firsts[task + 1]]))
        let result = body(task, &output)
        precondition(output.isFull, "a task must fill its part")
        return result
      }
      initialized = firsts[counts.count]
    }
    return (elements, results)
  }

  /// `0..<count` in contiguous chunks of `size` elements (the last one shorter), so that the
  /// boundaries depend on the count alone, never on the number of cores.
  ///
  /// ```swift
  /// ParallelWork.chunks(of: 5, size: 2)  // [0..<2, 2..<4, 4..<5]
  /// ```
  ///
  /// - Complexity: O(*count* / *size*).
  package static func chunks(of count: Int, size: Int) -> [Range<Int>] {
    precondition(size > 0, "a chunk holds at least one element")
    return stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
  }

  /// `0..<count` in `chunkCount` contiguous chunks of nearly equal size, or fewer when a chunk
  /// would hold fewer than `minimumSize` elements (at least one chunk when `count` > 0).
  ///
  /// ```swift
  /// ParallelWork.chunks(of: 10, count: 3, minimumSize: 1)  // [0..<3, 3..<6, 6..<10]
  /// ```
  ///
  /// - Complexity: O(*chunkCount*).
  package static func chunks(of count: Int, count chunkCount: Int, minimumSize: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let chunks = Swift.max(1, Swift.min(chunkCount, count / Swift.max(1, minimumSize)))
    return (0..<chunks).map { index in (count * index / chunks)..<(count * (index + 1) / chunks) }
  }

  /// The result of `body` on each chunk, in chunk order.
  ///
  /// ```swift
  /// let sums = ParallelWork.map(ParallelWork.chunks(of: 5, size: 2)) { chunk in chunk.reduce(0, +) }
  /// // [1, 5, 4]
  /// ```
  ///
  /// - Parameters:
  ///   - chunks: The chunks, typically from ``chunks(of:size:)``.
  ///   - isParallel: Whether the chunks may run on several threads.
  package static func map<T: Sendable>(
    _ chunks: [Range<Int>], isParallel: Bool = true, _ body: @Sendable (Range<Int>) -> T
  ) -> [T] {
    map(chunks.count, isParallel: isParallel) { index in body(chunks[index]) }
  }

  /// Two arrays built in place chunk by chunk: the task of a chunk appends exactly one element
  /// per position of its chunk to each output, which become that chunk's part of the arrays.
  ///
  /// ```swift
  /// let (squares, cubes) = ParallelWork.build(ParallelWork.chunks(of: 4, size: 2)) { chunk, squares, cubes in
  ///   for n in chunk { squares.append(n * n); cubes.append(n * n * n) }
  /// }
  /// // [0, 1, 4, 9], [0, 1, 8, 27]
  /// ```
  ///
  /// - Parameters:
  ///   - chunks: Contiguous chunks of `0..<n`, in order.
  ///   - isParallel: Whether the chunks may run on several threads.
  /// - Precondition: Each task appends exactly its chunk's count to each output.
  package static func build<First, Second>(
    _ chunks: [Range<Int>], isParallel: Bool = true,
    _ body:
      @Sendable (_ chunk: Range<Int>, _ first: inout PartOutput<First>, _ second: inout PartOutput<Second>) -> Void
  ) -> ([First], [Second]) {
    let count = chunks.last?.upperBound ?? 0
    precondition(
      (chunks.first?.lowerBound ?? 0) == 0
        && zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound },
      "contiguous chunks from 0")
    var second: [Second] = []
    let first = [First](unsafeUninitializedCapacity: count) { firstBuffer, firstInitialized in
      second = [Second](unsafeUninitializedCapacity: count) { secondBuffer, secondInitialized in
        let shared = UnsafeSendable(value: (firstBuffer, secondBuffer))
        _ = map(chunks, isParallel: isParallel) { chunk in
          var firstOutput = PartOutput(UnsafeMutableBufferPointer(rebasing: shared.value.0[chunk]))
          var secondOutput = PartOutput(UnsafeMutableBufferPointer(rebasing: shared.value.1[chunk]))
          body(chunk, &firstOutput, &secondOutput)
          precondition(firstOutput.isFull && secondOutput.isFull, "a task must fill its chunk")
        }
        secondInitialized = count
      }
      firstInitialized = count
    }
    return (first, second)
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

/// The part of an array that one task of ``ParallelWork/build(counts:isParallel:_:)`` appends to,
/// valid only inside that task.
///
/// Public (in a module that is not a product) so that ``append(_:)`` inlines into the loops of
/// other modules, which an `@inlinable package` member does not.
public struct PartOutput<Element> {
  @usableFromInline let buffer: UnsafeMutableBufferPointer<Element>
  @usableFromInline var appended = 0

  @usableFromInline init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

  /// The number of elements appended.
  @inlinable public var count: Int { appended }

  var isFull: Bool { appended == buffer.count }

  /// Appends an element.
  @inlinable @inline(__always) public mutating func append(_ element: Element) {
    precondition(appended < buffer.count, "a task appends no more than its count")
    (buffer.baseAddress.unsafelyUnwrapped + appended).initialize(to: element)
    appended += 1
  }
}

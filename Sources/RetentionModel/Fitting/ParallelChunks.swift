import Dispatch
import _RetentionSupport

/// Contiguous fixed-size chunks of an index range, run in parallel when there are several.
///
/// The chunk boundaries depend only on the count and the chunk size, never on the number of
/// cores, and partial sums are added in chunk order, so results are identical however many
/// threads run them.
enum ParallelChunks {
  /// The chunk size used for likelihood sums and scoring.
  static let defaultChunkSize = 2_048

  /// Runs `body` on every chunk of `0..<count`, in parallel when `isParallel` and there is more
  /// than one chunk.
  static func forEach(
    count: Int, chunkSize: Int = defaultChunkSize, isParallel: Bool,
    _ body: @Sendable (_ chunk: Range<Int>, _ chunkIndex: Int) -> Void
  ) {
    guard count > 0 else { return }
    let chunks = (count + chunkSize - 1) / chunkSize
    if isParallel && chunks > 1 {
      DispatchQueue.concurrentPerform(iterations: chunks) { index in
        let start = index * chunkSize
        body(start..<Swift.min(start + chunkSize, count), index)
      }
    } else {
      for index in 0..<chunks {
        let start = index * chunkSize
        body(start..<Swift.min(start + chunkSize, count), index)
      }
    }
  }

  /// Sums `width` quantities over `0..<count`: `body` adds a chunk's contributions into the
  /// buffer it is given; the chunk buffers are then added in chunk order.
  static func sum(
    count: Int, width: Int, chunkSize: Int = defaultChunkSize, isParallel: Bool,
    _ body: @Sendable (_ chunk: Range<Int>, _ accumulator: UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [Double] {
    let chunks = Swift.max(1, (count + chunkSize - 1) / chunkSize)
    var partials = [Double](repeating: 0, count: chunks * width)
    partials.withUnsafeMutableBufferPointer { buffer in
      let shared = UnsafeSendable(value: buffer)
      forEach(count: count, chunkSize: chunkSize, isParallel: isParallel) { chunk, index in
        let slice = UnsafeMutableBufferPointer(rebasing: shared.value[(index * width)..<((index + 1) * width)])
        body(chunk, slice)
      }
    }
    var total = [Double](repeating: 0, count: width)
    for chunk in 0..<chunks {
      for j in 0..<width { total[j] += partials[chunk * width + j] }
    }
    return total
  }
}

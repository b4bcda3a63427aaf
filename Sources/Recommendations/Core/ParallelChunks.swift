import Foundation
import RetentionCore
import _RetentionSupport

/// Runs independent pieces of work on a fixed number of contiguous chunks.
///
/// The chunk boundaries depend only on the count and the chunk count, never on the number of
/// cores, and results come back in chunk order, so the output is identical however many threads
/// run it.
enum ParallelChunks {
  /// A chunk count that keeps two cores busy when the chunks differ in cost.
  static let defaultChunkCount = 16

  /// The result of `body` on each contiguous chunk of `0..<count`, in chunk order.
  static func map<T: Sendable>(
    count: Int, chunks requested: Int = defaultChunkCount, minimumChunkSize: Int = 64,
    _ body: @Sendable (Range<Int>) -> T
  ) -> [T] {
    guard count > 0 else { return [] }
    let chunks = Swift.max(1, Swift.min(requested, count / Swift.max(1, minimumChunkSize)))
    let ranges = (0..<chunks).map { index in (count * index / chunks)..<(count * (index + 1) / chunks) }
    return ParallelWork.map(chunks) { index in body(ranges[index]) }
  }
}

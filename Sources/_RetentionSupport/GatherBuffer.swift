/// A reusable buffer that collects the elements of a column at scattered positions into
/// contiguous memory, for loops that read many short runs of a column through an index.
///
/// The copy loop has no data-dependent branch, so the processor overlaps the cache misses of the
/// scattered reads; the loop that then reads the buffer touches only the cache.
///
/// Public (in a module that is not a product) so that the subscript inlines into the loops of
/// other modules, as ``ByteView``'s does.
///
/// ```swift
/// var buffer = GatherBuffer<Double>()
/// buffer.gather([10, 20, 30, 40], at: [3, 0, 2])
/// buffer[0]  // 40
/// ```
public struct GatherBuffer<Element: BitwiseCopyable> {
  @usableFromInline var storage: [Element] = []
  @usableFromInline var gatheredCount = 0

  /// The number of elements gathered by the last ``gather(_:at:)``.
  @inlinable public var count: Int { gatheredCount }

  /// Creates an empty buffer.
  public init() {}

  /// Replaces the contents with `column[position]` for each position, in order.
  ///
  /// - Precondition: Every position is a valid index of `column`.
  /// - Complexity: O(*n*), where *n* is the number of positions.
  @inlinable public mutating func gather(_ column: [Element], at positions: ArraySlice<Int32>) {
    let needed = positions.count
    if storage.count < needed, let first = column.first {
      storage = [Element](repeating: first, count: Swift.max(needed, 2 * storage.count))
    }
    gatheredCount = needed
    guard needed > 0 else { return }
    storage.withUnsafeMutableBufferPointer { output in
      column.withUnsafeBufferPointer { column in
        positions.withUnsafeBufferPointer { positions in
          for offset in 0..<needed {
            let position = Int(positions[offset])
            precondition(UInt(bitPattern: position) < UInt(column.count), "a position of the column")
            output[offset] = column[position]
          }
        }
      }
    }
  }

  /// The element gathered at an offset in `0..<count`.
  @inlinable @inline(__always) public subscript(offset: Int) -> Element {
    precondition(UInt(bitPattern: offset) < UInt(gatheredCount), "an offset of the gathered elements")
    return storage.withUnsafeBufferPointer { $0[offset] }
  }
}

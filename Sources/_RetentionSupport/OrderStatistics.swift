/// The values at given ranks of an unsorted array (what a full sort would put there), found by
/// quickselect in expected O(*n*) per rank instead of an O(*n* log *n*) sort.
///
/// The array is reordered in place. Ranks are handled in ascending order, each search limited
/// to the part after the previous rank; a search that partitions too often (adversarial input)
/// sorts its part instead, so the worst case stays O(*n* log *n*).
///
/// - Parameters:
///   - values: The values; reordered.
///   - ranks: Zero-based ranks in `0..<values.count`.
/// - Returns: The value at each rank, in the order of `ranks`.
package func orderStatistics(_ values: inout [Double], ranks: [Int]) -> [Double] {
  precondition(ranks.allSatisfy { values.indices.contains($0) }, "ranks must be valid positions")
  var results = [Double](repeating: 0, count: ranks.count)
  let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
  var low = 0
  values.withUnsafeMutableBufferPointer { buffer in
    for position in order {
      let rank = ranks[position]
      var lower = low, upper = buffer.count - 1
      var budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 8
      while lower < upper {
        budget -= 1
        if budget < 0 {
          buffer[lower...upper].sort()
          break
        }
        // Median of three as the pivot, then a Hoare partition.
        let middle = lower + (upper - lower) / 2
        if buffer[middle] < buffer[lower] { buffer.swapAt(middle, lower) }
        if buffer[upper] < buffer[lower] { buffer.swapAt(upper, lower) }
        if buffer[upper] < buffer[middle] { buffer.swapAt(upper, middle) }
        let pivot = buffer[middle]
        var i = lower, j = upper
        while i <= j {
          while buffer[i] < pivot { i += 1 }
          while pivot < buffer[j] { j -= 1 }
          if i <= j {
            buffer.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        if rank <= j {
          upper = j
        } else if rank >= i {
          lower = i
        } else {
          break  // between j and i everything equals the pivot
        }
      }
      results[position] = buffer[rank]
      low = rank
    }
  }
  return results
}

/// The median of unsorted values by quickselect (the mean of the two middle values for an even
/// count), or `nil` for none; the array is reordered.
package func median(_ values: inout [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let middle = values.count / 2
  return values.count % 2 == 1
    ? orderStatistics(&values, ranks: [middle])[0]
    : orderStatistics(&values, ranks: [middle - 1, middle]).reduce(0, +) / 2
}

/// The band (1...`bands`) of each value when the values are ranked in a stable order (equal
/// values in their original order) and the ranks cut into `bands` equal parts, with the last
/// value of each band in that order (`nan` for an empty band): rank *r* of *n* falls in band
/// ⌊*r*·`bands`/*n*⌋ + 1, as in quantile scoring (RFM).
///
/// Only the values at the 2·`bands` cut ranks must be found, not the whole order: one pass
/// counts the values by the top 16 bits of their order-preserving key, a second collects and
/// sorts only the values in the few buckets that hold a cut rank, and a third compares every
/// value with the cuts. −0.0 and 0.0 count as equal; NaNs go to the ends (``RadixSort/key(_:)``).
///
/// - Parameters:
///   - values: The values.
///   - descending: Rank the largest value first (as a stable sort of the negated values).
///   - bands: The number of bands, at least 1.
/// - Complexity: O(*n* · `bands`), plus sorting the values of the cut buckets.
package func stableRankBands(_ values: [Double], descending: Bool, bands: Int) -> (bands: [Int32], tops: [Double]) {
  precondition(bands >= 1, "at least one band")
  let n = values.count
  @inline(__always) func key(_ value: Double) -> UInt64 {
    let ascending = RadixSort.key(value + 0)  // −0.0 folded into 0.0
    return descending ? ~ascending : ascending
  }
  // The first rank of each band (`cuts[b]` for band b + 1, `cuts[bands] == n`).
  let cuts = (0...bands).map { (($0 * n) + bands - 1) / bands }
  var wanted: [Int] = []
  for band in 0..<bands where cuts[band] < cuts[band + 1] {
    wanted.append(cuts[band])
    wanted.append(cuts[band + 1] - 1)
  }
  var starts = [Int](repeating: 0, count: (1 << 16) + 1)
  values.withUnsafeBufferPointer { values in
    for value in values { starts[Int(key(value) >> 48) + 1] += 1 }
  }
  for bucket in 0..<(1 << 16) { starts[bucket + 1] += starts[bucket] }
  // The buckets that hold a wanted rank (each given a slot), and their values sorted by
  // (key, position).
  var slotOfBucket = [Int32](repeating: -1, count: 1 << 16)
  var bucketOfWanted: [Int] = [], slotCount = 0
  for rank in wanted {
    var low = 0, high = 1 << 16  // the bucket b with starts[b] <= rank < starts[b + 1]
    while high - low > 1 {
      let middle = (low + high) / 2
      if starts[middle] <= rank { low = middle } else { high = middle }
    }
    bucketOfWanted.append(low)
    if slotOfBucket[low] < 0 {
      slotOfBucket[low] = Int32(slotCount)
      slotCount += 1
    }
  }
  var members = [[(key: UInt64, position: Int32)]](repeating: [], count: slotCount)
  if slotCount > 0 {
    for (position, value) in values.enumerated() {
      let valueKey = key(value)
      let slot = Int(slotOfBucket[Int(valueKey >> 48)])
      if slot >= 0 { members[slot].append((valueKey, Int32(position))) }
    }
    for slot in members.indices { members[slot].sort { ($0.key, $0.position) < ($1.key, $1.position) } }
  }
  func element(_ index: Int) -> (key: UInt64, position: Int32) {
    let bucket = bucketOfWanted[index]
    return members[Int(slotOfBucket[bucket])][wanted[index] - starts[bucket]]
  }
  // A value is in the band of the last band's first element at or before it (the bands of
  // fewer values than bands may be empty).
  var firsts: [(key: UInt64, position: Int32, band: Int32)] = []
  var tops = [Double](repeating: .nan, count: bands)
  var next = 0
  for band in 0..<bands where cuts[band] < cuts[band + 1] {
    let first = element(next), last = element(next + 1)
    if band > 0 { firsts.append((first.key, first.position, Int32(band + 1))) }
    tops[band] = values[Int(last.position)]
    next += 2
  }
  let result = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
    values.withUnsafeBufferPointer { values in
      for position in 0..<n {
        let valueKey = key(values[position])
        var band: Int32 = 1
        for first in firsts where valueKey > first.key || (valueKey == first.key && Int32(position) >= first.position) {
          band = first.band
        }
        buffer[position] = band
      }
    }
    initialized = n
  }
  return (result, tops)
}

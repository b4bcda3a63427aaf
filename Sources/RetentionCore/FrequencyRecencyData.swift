import _RetentionSupport

/// Unique (x, t_x, T) triples with counts: the sufficient statistics of the buy-till-you-die
/// models, compressed and mergeable.
///
/// Many customers share a triple (every one-time buyer of the same cohort week, for example), so
/// fitting on the unique triples with their counts gives the same likelihood as fitting on every
/// customer, at a fraction of the cost. Shards summarised elsewhere (a database, another machine)
/// combine by adding counts:
///
/// ```swift
/// let all = shardA.merging(shardB)   // counts of equal triples add up
/// ```
///
/// The triples are kept sorted by (x, t_x, T), so equal data give equal values. The data know
/// the ``TimeUnit`` of t_x and T: a model fitted on them records it, and data in another unit
/// are converted (seven days per week) wherever they meet, never mixed.
public struct FrequencyRecencyData: Sendable, Hashable, Codable {
  /// x of each unique triple: repeat purchases.
  public private(set) var frequency: [Double]
  /// t_x of each unique triple: time of the last purchase since the first.
  public private(set) var recency: [Double]
  /// T of each unique triple: time since the first purchase.
  public private(set) var age: [Double]
  /// How many customers share each triple (may be fractional weights).
  public private(set) var count: [Double]
  /// The unit of ``recency`` and ``age``.
  public private(set) var unit: TimeUnit

  /// Creates the compressed form of per-customer statistics.
  ///
  /// ```swift
  /// let data = FrequencyRecencyData(frequency: [0, 2], recency: [0, 30.43], age: [38.86, 38.86], unit: .weeks)
  /// ```
  ///
  /// - Parameters:
  ///   - frequency: x per customer.
  ///   - recency: t_x per customer, in `unit`.
  ///   - age: T per customer, in `unit`.
  ///   - unit: The unit of `recency` and `age`.
  ///   - weights: A weight per customer, or `nil` for one each.
  /// - Precondition: The arrays have equal lengths.
  /// - Complexity: O(*n* + *u* log *u*), where *n* is the number of customers and *u* the number
  ///   of unique triples.
  public init(frequency: [Double], recency: [Double], age: [Double], unit: TimeUnit, weights: [Double]? = nil) {
    precondition(frequency.count == recency.count && recency.count == age.count, "columns must have equal lengths")
    precondition(weights == nil || weights!.count == frequency.count, "weights must match the columns")
    // An open-addressing table keyed by the bit patterns (a million customers compress in a few
    // milliseconds, where a Dictionary of triples would spend most of its time hashing).
    var capacity = 16
    while capacity < 2 * frequency.count { capacity <<= 1 }
    var slots = [Int32](repeating: -1, count: capacity)
    let mask = capacity - 1
    var triples: [Triple] = []
    var counts: [Double] = []
    for index in frequency.indices {
      // Adding zero folds -0.0 into +0.0, so that equal values have equal bits.
      let triple = Triple(x: frequency[index] + 0, tx: recency[index] + 0, t: age[index] + 0)
      let weight = weights?[index] ?? 1
      var slot = Int(truncatingIfNeeded: triple.mixedBits) & mask
      while true {
        let position = Int(slots[slot])
        if position < 0 {
          slots[slot] = Int32(triples.count)
          triples.append(triple)
          counts.append(weight)
          break
        }
        if triples[position].hasSameBits(as: triple) {
          counts[position] += weight
          break
        }
        slot = (slot + 1) & mask
      }
    }
    self.init(sortingTriples: triples, counts: counts, unit: unit)
  }

  /// Creates data from unique triples and their counts, as returned by a database query.
  ///
  /// Repeated triples are merged by adding their counts.
  ///
  /// - Parameters:
  ///   - frequency: x of each triple.
  ///   - recency: t_x of each triple, in `unit`.
  ///   - age: T of each triple, in `unit`.
  ///   - unit: The unit of `recency` and `age`.
  ///   - count: The number of customers of each triple.
  /// - Precondition: The arrays have equal lengths.
  /// - Complexity: O(*u* log *u*), where *u* is the number of triples.
  public init(frequency: [Double], recency: [Double], age: [Double], unit: TimeUnit, count: [Double]) {
    self.init(frequency: frequency, recency: recency, age: age, unit: unit, weights: count)
  }

  private init(sortingTriples triples: [Triple], counts: [Double], unit: TimeUnit) {
    let order = Self.ascendingOrder(of: triples)
    frequency = order.map { triples[Int($0)].x }
    recency = order.map { triples[Int($0)].tx }
    age = order.map { triples[Int($0)].t }
    count = order.map { counts[Int($0)] }
    self.unit = unit
  }

  /// The indices of distinct triples (by their bits, −0.0 folded into 0.0) in ascending order of
  /// (x, t_x, T): what `triples.indices.sorted { triples[$0] < triples[$1] }` returns.
  ///
  /// Without NaNs no two such triples are equal, so the order is unique, and three stable radix
  /// sorts (by T, then t_x, then x) find it in linear time; with a NaN, or only a few triples,
  /// the comparison sort does. `FrequencyRecencyDataCompressionTests` compares the result with
  /// the definition.
  private static func ascendingOrder(of triples: [Triple]) -> [Int32] {
    guard triples.count >= 512, triples.allSatisfy({ !$0.x.isNaN && !$0.tx.isNaN && !$0.t.isNaN }) else {
      return triples.indices.sorted { triples[$0] < triples[$1] }.map { Int32($0) }
    }
    var order = RadixSort.permutation(sortingTimes: triples.map(\.t))
    order = RadixSort.permutation(sortingTimes: order.map { triples[Int($0)].tx }).map { order[Int($0)] }
    order = RadixSort.permutation(sortingTimes: order.map { triples[Int($0)].x }).map { order[Int($0)] }
    return order
  }

  /// The number of unique triples.
  public var uniqueCount: Int { frequency.count }

  /// The number of customers (the sum of the counts).
  public var customerCount: Double { count.reduce(0, +) }

  /// The data of this and another shard together: counts of equal triples add up.
  ///
  /// - Parameter other: Another shard's data; converted to this data's ``unit`` when its unit
  ///   differs.
  /// - Returns: The merged data, in this data's unit.
  /// - Complexity: O(*u* log *u*), where *u* is the number of unique triples of both.
  public func merging(_ other: FrequencyRecencyData) -> FrequencyRecencyData {
    let other = other.converted(to: unit)
    return FrequencyRecencyData(
      frequency: frequency + other.frequency, recency: recency + other.recency,
      age: age + other.age, unit: unit, weights: count + other.count)
  }

  /// The same customers with t_x and T in another unit (seven days per week).
  ///
  /// ```swift
  /// let weekly = daily.converted(to: .weeks)   // t_x and T divided by 7
  /// ```
  ///
  /// - Parameter unit: The unit to express t_x and T in.
  /// - Returns: The data itself when `unit` is its own unit, otherwise the converted triples
  ///   (triples that become equal merge).
  /// - Complexity: O(1) when the unit is the same, otherwise O(*u* log *u*), where *u* is the
  ///   number of unique triples.
  public func converted(to unit: TimeUnit) -> FrequencyRecencyData {
    guard unit != self.unit else { return self }
    return FrequencyRecencyData(
      frequency: frequency, recency: recency.map { self.unit.converting($0, to: unit) },
      age: age.map { self.unit.converting($0, to: unit) }, unit: unit, weights: count)
  }

  private struct Triple: Comparable {
    var x: Double
    var tx: Double
    var t: Double

    /// A well-mixed hash of the three bit patterns (SplitMix64's finaliser).
    var mixedBits: UInt64 {
      var hash = x.bitPattern &* 0x9E37_79B9_7F4A_7C15
      hash = (hash ^ (hash >> 32) ^ tx.bitPattern) &* 0xBF58_476D_1CE4_E5B9
      hash = (hash ^ (hash >> 29) ^ t.bitPattern) &* 0x94D0_49BB_1331_11EB
      return hash ^ (hash >> 31)
    }

    func hasSameBits(as other: Triple) -> Bool {
      x.bitPattern == other.x.bitPattern && tx.bitPattern == other.tx.bitPattern && t.bitPattern == other.t.bitPattern
    }

    static func < (lhs: Triple, rhs: Triple) -> Bool {
      (lhs.x, lhs.tx, lhs.t) < (rhs.x, rhs.tx, rhs.t)
    }
  }
}

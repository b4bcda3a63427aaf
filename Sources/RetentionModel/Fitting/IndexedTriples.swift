import _RetentionSupport

/// Validated (x, t_x, T) triples with counts, with each column reduced to its distinct values
/// and an index per triple, so that a likelihood computes ln Γ and ln(α + t) once per distinct
/// value rather than once per triple.
struct IndexedTriples: Sendable {
  /// One triple with its indices, as a likelihood's loop reads it.
  struct Row: Sendable {
    /// The count of customers with this triple.
    var weight: Double
    /// x.
    var frequency: Double
    /// Index into ``IndexedTriples/frequencyValues`` of x.
    var frequencyIndex: Int32
    /// Index into ``IndexedTriples/timeValues`` of t_x.
    var recencyIndex: Int32
    /// Index into ``IndexedTriples/timeValues`` of T.
    var ageIndex: Int32
  }

  /// The triples as rows, the same data as the columns below.
  var rows: [Row] = []
  /// Count (weight) per triple; rows with zero weight are dropped.
  var weights: [Double] = []
  /// x per triple.
  var frequency: [Double] = []
  /// Index into ``frequencyValues`` per triple.
  var frequencyIndex: [Int32] = []
  /// Index into ``timeValues`` of t_x per triple.
  var recencyIndex: [Int32] = []
  /// Index into ``timeValues`` of T per triple.
  var ageIndex: [Int32] = []
  /// The distinct x values.
  var frequencyValues: [Double] = []
  /// The distinct t_x and T values together.
  var timeValues: [Double] = []
  /// The number of customers.
  var customers: Double = 0
  /// The number of triples with positive weight.
  var count: Int { weights.count }

  /// Validates and indexes data.
  ///
  /// - Throws: ``RetentionModelError`` `.invalidData` for a non-finite or negative value, a
  ///   recency after the age, a recency without a repeat purchase, or (when `integerFrequency`)
  ///   a fractional x; `.emptyData` when no triple has a positive count.
  init(_ data: FrequencyRecencyData, integerFrequency: Bool = false) throws {
    let n = data.uniqueCount
    weights.reserveCapacity(n)
    frequency.reserveCapacity(n)
    frequencyIndex.reserveCapacity(n)
    recencyIndex.reserveCapacity(n)
    ageIndex.reserveCapacity(n)
    rows.reserveCapacity(n)
    var frequencySlots = ValueNumbering()
    var timeSlots = ValueNumbering()
    for row in 0..<n {
      let x = data.frequency[row], tx = data.recency[row], t = data.age[row], weight = data.count[row]
      try Self.validate(x: x, tx: tx, t: t, weight: weight, row: row, integerFrequency: integerFrequency)
      guard weight > 0 else { continue }
      customers += weight
      weights.append(weight)
      frequency.append(x)
      frequencyIndex.append(frequencySlots.number(of: x))
      recencyIndex.append(timeSlots.number(of: tx + 0))
      ageIndex.append(timeSlots.number(of: t + 0))
      rows.append(
        Row(
          weight: weight, frequency: x, frequencyIndex: frequencyIndex[frequencyIndex.count - 1],
          recencyIndex: recencyIndex[recencyIndex.count - 1], ageIndex: ageIndex[ageIndex.count - 1]))
    }
    guard !weights.isEmpty else { throw RetentionModelError(.emptyData, reason: "no customers to fit on") }
    frequencyValues = frequencySlots.values
    timeValues = timeSlots.values
  }

  static func validate(x: Double, tx: Double, t: Double, weight: Double, row: Int, integerFrequency: Bool) throws {
    guard x.isFinite, tx.isFinite, t.isFinite, weight.isFinite else {
      throw RetentionModelError(.invalidData, row: row, reason: "non-finite value in (\(x), \(tx), \(t)) with count \(weight)")
    }
    guard x >= 0, tx >= 0, t >= 0, weight >= 0 else {
      throw RetentionModelError(.invalidData, row: row, reason: "negative value in (\(x), \(tx), \(t)) with count \(weight)")
    }
    guard tx <= t else {
      throw RetentionModelError(.invalidData, row: row, reason: "recency \(tx) exceeds age \(t)")
    }
    guard x > 0 || tx == 0 else {
      throw RetentionModelError(.invalidData, row: row, reason: "recency \(tx) without a repeat purchase")
    }
    guard !integerFrequency || x == x.rounded() else {
      throw RetentionModelError(.invalidData, row: row, reason: "frequency \(x) is not a whole number")
    }
  }

}

/// Numbers distinct finite values from 0 up in order of first appearance, as a `[Double: Int32]`
/// beside the array of values does (−0.0 is 0.0, and keeps the number of the first of them).
///
/// The probe table is ``HashSlots`` keyed by the value's bits, mixed by SplitMix64's finaliser:
/// a fit's triples index their columns in a fraction of the time `Hasher` takes.
/// `IndexedTriplesTests` compares it with the dictionary.
struct ValueNumbering {
  /// The distinct values, by number: each as it first appeared.
  private(set) var values: [Double] = []
  private var slots = HashSlots(capacity: 64)

  /// The number of a value, numbering it next if it is new.
  ///
  /// - Complexity: O(1) on average.
  mutating func number(of value: Double) -> Int32 {
    let key = Self.key(value)
    let hash = Self.hash(key)
    let probe = slots.find(hash: hash) { Self.key(values[$0]) == key }
    if let entry = probe.entry { return Int32(entry) }
    values.append(value)
    let all = values
    slots.insert(all.count - 1, hash: hash, at: probe.slot) { Self.hash(Self.key(all[$0])) }
    return Int32(all.count - 1)
  }

  /// The bits of a value, with −0.0 as 0.0.
  private static func key(_ value: Double) -> UInt64 { (value + 0).bitPattern }

  private static func hash(_ key: UInt64) -> UInt64 {
    var bits = (key ^ (key >> 30)) &* 0xBF58_476D_1CE4_E5B9
    bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
    return bits ^ (bits >> 31)
  }
}

extension IndexedTriples {
  /// ΣT / Σx (or the mean age when nobody repeats), clamped to 1e-4...1e6: the α of a gamma
  /// with shape 1 and the observed mean purchase rate, a natural scale for starting points.
  ///
  /// - Complexity: O(*u*), where *u* is the number of triples.
  var purchaseTimeScale: Double {
    var purchases = 0.0
    var time = 0.0
    for index in 0..<count {
      purchases += weights[index] * frequency[index]
      time += weights[index] * timeValues[Int(ageIndex[index])]
    }
    let scale = purchases > 0 ? time / purchases : time / customers
    return scale.isFinite && scale > 0 ? Swift.min(Swift.max(scale, 1e-4), 1e6) : 1
  }

  /// The mean age T over the customers, at least 1e-3: a natural scale for a lifetime.
  ///
  /// - Complexity: O(*u*), where *u* is the number of triples.
  var meanAge: Double {
    var total = 0.0
    for index in 0..<count {
      total += weights[index] * timeValues[Int(ageIndex[index])]
    }
    return Swift.max(total / customers, 1e-3)
  }
}

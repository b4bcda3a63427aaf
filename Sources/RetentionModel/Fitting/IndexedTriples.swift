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
    var frequencySlots: [Double: Int32] = [:]
    var timeSlots: [Double: Int32] = [:]
    for row in 0..<n {
      let x = data.frequency[row], tx = data.recency[row], t = data.age[row], weight = data.count[row]
      try Self.validate(x: x, tx: tx, t: t, weight: weight, row: row, integerFrequency: integerFrequency)
      guard weight > 0 else { continue }
      customers += weight
      weights.append(weight)
      frequency.append(x)
      frequencyIndex.append(Self.slot(of: x, in: &frequencySlots, values: &frequencyValues))
      recencyIndex.append(Self.slot(of: tx + 0, in: &timeSlots, values: &timeValues))
      ageIndex.append(Self.slot(of: t + 0, in: &timeSlots, values: &timeValues))
      rows.append(
        Row(
          weight: weight, frequency: x, frequencyIndex: frequencyIndex[frequencyIndex.count - 1],
          recencyIndex: recencyIndex[recencyIndex.count - 1], ageIndex: ageIndex[ageIndex.count - 1]))
    }
    guard !weights.isEmpty else { throw RetentionModelError(.emptyData, reason: "no customers to fit on") }
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

  private static func slot(of value: Double, in slots: inout [Double: Int32], values: inout [Double]) -> Int32 {
    if let slot = slots[value] { return slot }
    let slot = Int32(values.count)
    slots[value] = slot
    values.append(value)
    return slot
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

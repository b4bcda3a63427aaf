import _RetentionSupport

/// The order of an event log: by time, and events of one instant by their content, so that the
/// order never depends on the order of the input.
///
/// The content order is, in turn: the kind (``EventCode``'s order), the customer (anonymous
/// first), and the kind's details: the product id, the product list (item by item, a shorter
/// list first), the order id and its product list (none first), the message id with its flow
/// (none first), step and channel, the channel, the score. Strings compare in the order of
/// ``EventStringTable/compareStrings(_:_:)`` (by a hash of their bytes, then the bytes): a
/// fixed order that depends on the strings alone. Two events equal in all of these are the same
/// event logged twice.
///
/// A class, so that the comparison closures of the sorts share it instead of copying its columns.
final class EventOrdering {
  private let columns: EventColumns

  /// An ordering of columns in any order.
  init(_ columns: EventColumns) {
    self.columns = columns
  }

  /// The positions of the events in log order.
  ///
  /// - Parameters:
  ///   - droppingDuplicates: Whether to leave out all but one of events equal in every field.
  ///   - timeOrder: The positions of the events in order of time, if known (then only the
  ///     events of one instant are sorted); `nil` to sort them.
  /// - Returns: The positions, and how many duplicates were left out.
  /// - Complexity: O(*n*) for *n* events, plus O(*r* log *r*) for the *r* events that share a
  ///   time with another.
  func sortedPositions(droppingDuplicates: Bool, timeOrder: [Int32]? = nil) -> (positions: [Int32], duplicates: Int) {
    var keys: [UInt64]
    var positions: [Int32]
    if let timeOrder {
      positions = timeOrder
      keys = timeOrder.map { RadixSort.key(columns.times[Int($0)]) }
    } else {
      keys = columns.times.map(RadixSort.key)
      positions = Array(0..<Int32(columns.count))
      RadixSort.sort(&keys, carrying: &positions)
    }
    var runs: [Range<Int>] = []
    var start = 0
    for index in 1..<(keys.count + 1) where index == keys.count || keys[index] != keys[start] {
      if index - start > 1 { runs.append(start..<index) }
      start = index
    }
    var isDuplicate: [Bool] = []
    var duplicates = 0
    for run in runs {
      if run.count == 2 {
        if compare(Int(positions[run.lowerBound + 1]), Int(positions[run.lowerBound])) < 0 {
          positions.swapAt(run.lowerBound, run.lowerBound + 1)
        }
      } else {
        positions[run].sort { compare(Int($0), Int($1)) < 0 }
      }
      guard droppingDuplicates else { continue }
      for index in run.dropFirst() where compare(Int(positions[index - 1]), Int(positions[index])) == 0 {
        if isDuplicate.isEmpty { isDuplicate = [Bool](repeating: false, count: positions.count) }
        isDuplicate[index] = true
        duplicates += 1
      }
    }
    guard duplicates > 0 else { return (positions, 0) }
    return (positions.indices.filter { !isDuplicate[$0] }.map { positions[$0] }, duplicates)
  }

  private static func compare<T: Comparable>(_ left: T, _ right: T) -> Int {
    left < right ? -1 : (left == right ? 0 : 1)
  }

  /// Two strings of a table (-1 for none, which comes first).
  private static func compare(_ table: EventStringTable, _ left: Int32, _ right: Int32) -> Int {
    if left < 0 || right < 0 { return compare(left < 0 ? 0 : 1, right < 0 ? 0 : 1) }
    return table.compareStrings(left, right)
  }

  /// The content order of two events of one instant: -1, 0 or 1.
  private func compare(_ left: Int, _ right: Int) -> Int {
    let code = columns.codes[left]
    if code != columns.codes[right] { return Self.compare(code.rawValue, columns.codes[right].rawValue) }
    let customers = Self.compare(columns.customerIDs, columns.customers[left], columns.customers[right])
    if customers != 0 { return customers }
    let subjects = (columns.subjects[left], columns.subjects[right])
    let details = (columns.details[left], columns.details[right])
    switch code.subject {
    case .product: return Self.compare(columns.products, subjects.0, subjects.1)
    case .productList: return compareLists(subjects.0, subjects.1)
    case .order:
      let orders = Self.compare(columns.orders, subjects.0, subjects.1)
      return orders != 0 ? orders : compareLists(details.0, details.1)
    case .message:
      let messages = Self.compare(columns.messages, subjects.0, subjects.1)
      if messages != 0 { return messages }
      let first = columns.messageDetails[Int(details.0)], second = columns.messageDetails[Int(details.1)]
      let flows = Self.compare(columns.flows, first.flow, second.flow)
      if flows != 0 { return flows }
      let steps = Self.compare(first.step, second.step)
      return steps != 0 ? steps : Self.compare(first.channel, second.channel)
    case .channel: return Self.compare(subjects.0, subjects.1)
    case .score: return Self.compare(columns.scores[Int(subjects.0)], columns.scores[Int(subjects.1)])
    case .none: return 0
    }
  }

  /// Product lists item by item (a list that is a prefix of another first; none first of all).
  private func compareLists(_ left: Int32, _ right: Int32) -> Int {
    if left < 0 || right < 0 { return Self.compare(left < 0 ? 0 : 1, right < 0 ? 0 : 1) }
    let first = columns.productNumbers(ofList: left), second = columns.productNumbers(ofList: right)
    for (a, b) in zip(first, second) where a != b { return columns.products.compareStrings(a, b) }
    return Self.compare(first.count, second.count)
  }
}

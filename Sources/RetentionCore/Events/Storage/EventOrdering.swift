import _RetentionSupport

/// The order of an event log: by time, and events of one instant by their content, so that the
/// order never depends on the order of the input.
///
/// The content order is, in turn: the kind (``EventCode``'s order), the customer (anonymous
/// first, then by the bytes of the id), and the kind's details: the product id, the product
/// list (item by item), the order id and its product list, the message id with its flow (none
/// first), step and channel, the channel, the score. Strings compare by their UTF-8 bytes. Two
/// events equal in all of these are the same event logged twice.
///
/// Most events have a time of their own; only those that share theirs are compared, through the
/// rank of each string they use among the strings of such events.
struct EventOrdering {
  private let columns: EventColumns
  /// The rank of each string of each table among the strings of events that share a time (-1
  /// for the others).
  private var ranks: [[Int32]] = []

  /// An ordering of columns in any order.
  init(_ columns: EventColumns) {
    self.columns = columns
  }

  /// The tables of strings: customer ids, products, orders, messages, flows.
  private var tables: [EventStringTable] {
    [columns.customerIDs, columns.products, columns.orders, columns.messages, columns.flows]
  }

  /// The positions of the events in log order.
  ///
  /// - Parameters:
  ///   - droppingDuplicates: Whether to leave out all but one of events equal in every field.
  ///   - isSortedByTime: Whether the columns are already in order of time (then only the events
  ///     of one instant are sorted).
  /// - Returns: The positions, and how many duplicates were left out.
  /// - Complexity: O(*n*) for *n* events, plus O(*r* log *r*) for the *r* events that share a
  ///   time with another.
  mutating func sortedPositions(
    droppingDuplicates: Bool, isSortedByTime: Bool = false
  ) -> (positions: [Int32], duplicates: Int) {
    var positions =
      isSortedByTime ? Array(0..<Int32(columns.count)) : RadixSort.permutation(sortingTimes: columns.times)
    let times = columns.times
    var runs: [Range<Int>] = []
    var start = 0
    for index in 1..<(positions.count + 1) where index == positions.count || times[Int(positions[index])] != times[Int(positions[start])] {
      if index - start > 1 { runs.append(start..<index) }
      start = index
    }
    guard !runs.isEmpty else { return (positions, 0) }
    rankStrings(in: runs, positions: positions)
    var isDuplicate = [Bool](repeating: false, count: positions.count)
    var duplicates = 0
    for run in runs {
      positions[run].sort { compare(Int($0), Int($1)) < 0 }
      guard droppingDuplicates else { continue }
      for index in run.dropFirst() where compare(Int(positions[index - 1]), Int(positions[index])) == 0 {
        isDuplicate[index] = true
        duplicates += 1
      }
    }
    guard duplicates > 0 else { return (positions, 0) }
    return (positions.indices.filter { !isDuplicate[$0] }.map { positions[$0] }, duplicates)
  }

  /// Ranks the strings the events of the runs use, table by table, by their bytes.
  private mutating func rankStrings(in runs: [Range<Int>], positions: [Int32]) {
    let tables = tables
    var used = tables.map { [Bool](repeating: false, count: $0.count) }
    for run in runs {
      for position in positions[run].lazy.map(Int.init) {
        let customer = columns.customers[position]
        if customer >= 0 { used[0][Int(customer)] = true }
        let subject = columns.subjects[position], detail = columns.details[position]
        switch columns.codes[position].subject {
        case .product: used[1][Int(subject)] = true
        case .productList: for product in columns.productNumbers(ofList: subject) { used[1][Int(product)] = true }
        case .order:
          used[2][Int(subject)] = true
          if detail >= 0 { for product in columns.productNumbers(ofList: detail) { used[1][Int(product)] = true } }
        case .message:
          used[3][Int(subject)] = true
          let flow = columns.messageDetails[Int(detail)].flow
          if flow >= 0 { used[4][Int(flow)] = true }
        case .channel, .score, .none: break
        }
      }
    }
    ranks = zip(tables, used).map { table, used in
      var numbers = used.indices.filter { used[$0] }.map(Int32.init)
      numbers.sort { left, right in table.compareStrings(left, right) < 0 }
      var rank = [Int32](repeating: -1, count: used.count)
      for (position, number) in numbers.enumerated() { rank[Int(number)] = Int32(position) }
      return rank
    }
  }

  private static func compare<T: Comparable>(_ left: T, _ right: T) -> Int {
    left < right ? -1 : (left == right ? 0 : 1)
  }

  /// A table's rank of a string (-1 for none, which comes first).
  private func rank(_ table: Int, _ entry: Int32) -> Int32 { entry < 0 ? -1 : ranks[table][Int(entry)] }

  /// The content order of two events of one instant: -1, 0 or 1.
  private func compare(_ left: Int, _ right: Int) -> Int {
    let code = columns.codes[left]
    if code != columns.codes[right] { return Self.compare(code.rawValue, columns.codes[right].rawValue) }
    let customers = Self.compare(rank(0, columns.customers[left]), rank(0, columns.customers[right]))
    if customers != 0 { return customers }
    let subjects = (columns.subjects[left], columns.subjects[right])
    let details = (columns.details[left], columns.details[right])
    switch code.subject {
    case .product: return Self.compare(rank(1, subjects.0), rank(1, subjects.1))
    case .productList: return compareLists(subjects.0, subjects.1)
    case .order:
      let orders = Self.compare(rank(2, subjects.0), rank(2, subjects.1))
      return orders != 0 ? orders : compareLists(details.0, details.1)
    case .message:
      let messages = Self.compare(rank(3, subjects.0), rank(3, subjects.1))
      if messages != 0 { return messages }
      let first = columns.messageDetails[Int(details.0)], second = columns.messageDetails[Int(details.1)]
      let flows = Self.compare(rank(4, first.flow), rank(4, second.flow))
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
    for (a, b) in zip(first, second) where a != b { return Self.compare(rank(1, a), rank(1, b)) }
    return Self.compare(first.count, second.count)
  }
}

/// Lists of numbers, one list after another, as built per range of profiles.
struct RankLists: Sendable {
  var starts: [Int32] = [0]
  var entries: [Int32] = []

  /// Appends the distinct values of `ranks` in ascending order as the next list, and empties `ranks`.
  mutating func appendSortedUnique(_ ranks: inout [Int32]) {
    guard !ranks.isEmpty else {
      starts.append(Int32(entries.count))
      return
    }
    if ranks.count > 16 {
      ranks.sort()
    } else if ranks.count > 1 {
      // Insertion sort: a person's list is short, and `sort()` costs more to set up.
      for index in 1..<ranks.count {
        let rank = ranks[index]
        var slot = index
        while slot > 0 && ranks[slot - 1] > rank {
          ranks[slot] = ranks[slot - 1]
          slot -= 1
        }
        ranks[slot] = rank
      }
    }
    var previous: Int32 = -1
    for rank in ranks where rank != previous {
      entries.append(rank)
      previous = rank
    }
    starts.append(Int32(entries.count))
    ranks.removeAll(keepingCapacity: true)
  }
}

/// One list of strings per profile, stored as numbers into a table of distinct strings.
struct StringLists: Sendable {
  private var table: [String]
  private var starts: [Int32]
  private var entries: [Int32]

  /// Lists of numbers into a table, joined in order.
  init(table: [String], joining parts: [RankLists]) {
    self.table = table
    entries = parts.count == 1 ? parts[0].entries : parts.flatMap(\.entries)
    if parts.count == 1 {
      starts = parts[0].starts
    } else {
      starts = [0]
      starts.reserveCapacity(parts.reduce(1) { $0 + $1.starts.count - 1 })
      for part in parts {
        let offset = starts[starts.count - 1]
        starts.append(contentsOf: part.starts.dropFirst().lazy.map { $0 + offset })
      }
    }
  }

  /// Lists of strings, each kept in its order.
  init(_ lists: [[String]]) {
    var numbers: [String: Int32] = [:]
    table = []
    starts = [0]
    entries = []
    for list in lists {
      for value in list {
        if let number = numbers[value] {
          entries.append(number)
        } else {
          numbers[value] = Int32(table.count)
          entries.append(Int32(table.count))
          table.append(value)
        }
      }
      starts.append(Int32(entries.count))
    }
  }

  /// The list at a position.
  subscript(position: Int) -> [String] {
    let range = Int(starts[position])..<Int(starts[position + 1])
    return range.isEmpty ? [] : range.map { table[Int(entries[$0])] }
  }

  /// For every list, whether an entry satisfies a predicate (called once per distinct string).
  func containsAny(where predicate: (String) -> Bool) -> [Bool] {
    let matching = table.map(predicate)
    let count = starts.count - 1
    guard matching.contains(true) else { return [Bool](repeating: false, count: count) }
    return (0..<count).map { position in
      (Int(starts[position])..<Int(starts[position + 1])).contains { matching[Int(entries[$0])] }
    }
  }
}

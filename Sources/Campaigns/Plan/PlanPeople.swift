import _RetentionSupport

/// The people of one plan, numbered densely in order of first appearance, so that the planner
/// groups, joins and sorts by number and hashes each entry's person id once.
struct PlanPeople {
  /// The person ids, by number.
  private(set) var ids: [String] = []
  private var numbers: [String: Int32] = [:]

  /// The number of people.
  var count: Int { ids.count }

  /// The person's number, given on first sight.
  ///
  /// - Complexity: O(*n*) for an id of *n* bytes (one hash).
  mutating func number(of person: String) -> Int32 {
    if let number = numbers[person] { return number }
    let number = Int32(ids.count)
    ids.append(person)
    numbers[person] = number
    return number
  }

  /// Each of some people's place in the order of their ids (`String`'s `<`): `ranks[i]` for
  /// `people[i]`, so that comparing two ranks compares the ids.
  ///
  /// - Parameters:
  ///   - people: Distinct person numbers.
  ///   - minimumToShare: Below this many people, one thread sorts them.
  /// - Complexity: O(*m* log *m*) string comparisons for *m* people, on two threads.
  func ranks(of people: [Int32], minimumToShare: Int) -> [Int32] {
    let ids = self.ids
    let order = ParallelSort.sorted(Array(people.indices), minimumToShare: minimumToShare) {
      ids[Int(people[$0])] < ids[Int(people[$1])]
    }
    var ranks = [Int32](repeating: 0, count: people.count)
    for (rank, index) in order.enumerated() { ranks[index] = Int32(rank) }
    return ranks
  }
}

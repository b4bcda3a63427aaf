import _RetentionSupport

/// The people of one plan, numbered densely in order of first appearance, so that the planner
/// groups, joins and sorts by number and hashes each entry's person id once.
struct PlanPeople {
  /// The person ids and their numbers (the support target's table with its fast byte hash: a
  /// promotion numbers a million people).
  private var numbering = StringNumbering()
  /// How many people the table holds without growing.
  private var capacity = 0

  /// The person ids, by number.
  var ids: [String] { numbering.strings }

  /// The id of a person number (read in place, without retaining the table of ids).
  func id(of person: Int32) -> String { numbering.strings[Int(person)] }

  /// The number of people.
  var count: Int { numbering.count }

  /// Makes room for `count` more people, so that the table does not grow (rehashing every id)
  /// while a flow's entries are numbered.
  ///
  /// - Complexity: O(*n*) for *n* people so far, when the table must grow.
  mutating func reserveCapacity(more count: Int) {
    let needed = numbering.count + count
    guard needed > capacity else { return }
    capacity = Swift.max(needed, 2 * capacity)
    var bigger = StringNumbering(capacity: capacity)
    for id in numbering.strings { bigger.insert(id) }
    numbering = bigger
  }

  /// The person's number, given on first sight.
  ///
  /// - Complexity: O(*n*) for an id of *n* bytes (one hash).
  mutating func number(of person: String) -> Int32 {
    numbering.insert(person).number
  }

  /// Each of some people's place in the order of their ids (`String`'s `<`): `ranks[i]` for
  /// `people[i]`, so that comparing two ranks compares the ids.
  ///
  /// - Parameters:
  ///   - people: Distinct person numbers.
  ///   - minimumToShare: Below this many people whose ids are not all ASCII, one thread sorts them.
  /// - Complexity: O(*m*) for *m* people with ASCII ids (a radix sort, see
  ///   ``KeyedOrder/permutation(sorting:)``); O(*m* log *m*) string comparisons otherwise.
  func ranks(of people: [Int32], minimumToShare: Int) -> [Int32] {
    let ids = self.ids
    let order = KeyedOrder.permutation(sorting: people.map { ids[Int($0)] }, minimumToShare: minimumToShare)
    var ranks = [Int32](repeating: 0, count: people.count)
    for (rank, place) in order.enumerated() { ranks[Int(place)] = Int32(rank) }
    return ranks
  }
}

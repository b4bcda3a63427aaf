import _RetentionSupport

/// The people of one plan, numbered densely, so that the planner groups, joins and sorts by
/// number and hashes each entry's person id once.
///
/// Numbered from an order log (``init(orders:)``), the order log's customers keep their
/// customer numbers and the others are numbered after them in order of first appearance, so
/// that a person's number also gives their orders without looking the id up again; otherwise
/// (``init()``) every person is numbered in order of first appearance.
struct PlanPeople {
  /// The person ids and their numbers (the support target's table with its fast byte hash: a
  /// promotion numbers a million people).
  private var numbering = StringNumbering()
  /// How many people the table holds without growing (0: not counted; the table grows itself).
  private var capacity = 0
  /// The number of the order log's customers the numbering starts with.
  private var orderCustomerCount = 0

  /// No people yet.
  init() {}

  /// The order log's customers, with their customer numbers.
  ///
  /// - Complexity: O(1): the log's table is shared until a person is added.
  init(orders: borrowing OrderLog) {
    numbering = orders.customerNumbers
    orderCustomerCount = numbering.count
  }

  /// The person ids, by number.
  var ids: [String] { numbering.strings }

  /// The id of a person number (read in place, without retaining the table of ids).
  func id(of person: Int32) -> String { numbering.strings[Int(person)] }

  /// A person's customer number in the order log the people were numbered from, or `nil` when
  /// the person has no orders there (or the people were not numbered from an order log).
  func orderCustomer(of person: Int32) -> Int? {
    person < orderCustomerCount ? Int(person) : nil
  }

  /// The number of people.
  var count: Int { numbering.count }

  /// Makes room for `count` more people, so that the table does not grow (rehashing every id)
  /// while a flow's entries are numbered.
  ///
  /// - Complexity: O(*n*) for *n* people so far, when the table must grow.
  mutating func reserveCapacity(more count: Int) {
    // Numbered from an order log, most people are its customers: the table grows only for the
    // others, by itself.
    guard orderCustomerCount == 0 else { return }
    let needed = numbering.count + count
    guard needed > capacity else { return }
    capacity = Swift.max(needed, 2 * capacity)
    var bigger = StringNumbering(capacity: capacity)
    for id in numbering.strings { bigger.insert(id) }
    numbering = bigger
  }

  /// The numbers of `count` people (ids by place), given on first sight in order of place.
  ///
  /// The people already numbered (numbered from an order log: its customers) are looked up on
  /// two threads first, as the table is only read; the others are then numbered one by one.
  /// The numbers are those of ``number(of:)`` called for each place in order.
  ///
  /// - Parameters:
  ///   - count: The number of people.
  ///   - chunkSize: How many people one parallel task looks up.
  ///   - id: The id of the person at a place.
  /// - Complexity: O(*n*) for *n* bytes of ids (one hash per id, one more per id not yet numbered).
  mutating func numbers(of count: Int, chunkSize: Int, id: @Sendable (Int) -> String) -> [Int32] {
    var numbers = existingNumbers(of: count, chunkSize: chunkSize, id: id)
    for place in numbers.indices where numbers[place] < 0 { numbers[place] = number(of: id(place)) }
    return numbers
  }

  /// The numbers the people have so far, -1 for none (a function of its own, so that no copy
  /// of the table outlives it while new people are numbered).
  private func existingNumbers(of count: Int, chunkSize: Int, id: @Sendable (Int) -> String) -> [Int32] {
    let chunks = ParallelWork.chunks(of: count, size: chunkSize)
    let table = numbering
    return ParallelWork.build(counts: chunks.map(\.count)) { task, output in
      for place in chunks[task] { output.append(table[id(place)] ?? -1) }
    }.elements
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

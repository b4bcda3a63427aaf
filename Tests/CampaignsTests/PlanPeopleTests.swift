import Testing
import _TestSupport

@testable import Campaigns

/// The plan's numbering of people (on the support target's string table, grown ahead of each
/// flow's entries) against a plain dictionary that numbers ids on first sight.
struct PlanPeopleTests {
  @Test(arguments: [1, 2, 3] as [UInt64])
  func numbersPeopleInOrderOfFirstSightAcrossGrowth(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    var people = PlanPeople()
    var reference: [String: Int32] = [:]
    var referenceIDs: [String] = []
    // Batches of ids (many repeated, some long, some empty or non-ASCII), each announced as a
    // flow's entries are, sometimes with fewer than arrive.
    for batch in 0..<40 {
      let size = Int(random.next() % 3_000)
      people.reserveCapacity(more: batch % 3 == 0 ? size / 4 : size)
      for _ in 0..<size {
        let roll = random.next() % 5_000
        let id =
          switch roll % 7 {
          case 0: "person-\(roll)@example.com with a long tail \(roll)"
          case 1: roll % 2 == 0 ? "" : "zoë-\(roll)"
          default: "p-\(roll)"
          }
        let expected = reference[id] ?? Int32(referenceIDs.count)
        if reference[id] == nil {
          reference[id] = expected
          referenceIDs.append(id)
        }
        #expect(people.number(of: id) == expected)
      }
    }
    #expect(people.count == referenceIDs.count)
    #expect(people.ids == referenceIDs)
  }

  @Test func ranksOrderTheIdsAsStringsDo() {
    var people = PlanPeople()
    let ids = ["b", "a", "p-10", "p-9", "Zoë", "zoe", "", "p-1"]
    for id in ids { _ = people.number(of: id) }
    let chosen: [Int32] = [3, 0, 6, 4, 1, 7]
    for minimum in [1, 2, 100] {
      let ranks = people.ranks(of: chosen, minimumToShare: minimum)
      let expected = chosen.indices.sorted { ids[Int(chosen[$0])] < ids[Int(chosen[$1])] }
      #expect(expected.map { Int(ranks[$0]) } == Array(chosen.indices), "minimum \(minimum)")
    }
  }
}

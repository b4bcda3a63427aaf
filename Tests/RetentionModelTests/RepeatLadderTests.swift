import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

struct RepeatLadderTests {
  @Test func handMadeLogGivesTheKnownLadder() throws {
    let ladder = try DescriptiveFixtures.log().repeatLadder()
    // Paid orders: A 4, B 2, C 3, E 1 (D and the guest are not customers).
    #expect(ladder.customers == 4)
    #expect(ladder.steps.count == 10)
    #expect(ladder.steps.map(\.customers).prefix(5) == [4, 3, 2, 1, 0])
    #expect(ladder.steps.map(\.continuing).prefix(5) == [3, 2, 1, 0, 0])
    #expect(ladder.steps[0].probability == 0.75)
    #expect(ladder.steps[1].probability == 2.0 / 3)
    #expect(ladder.steps[2].probability == 0.5)
    #expect(ladder.steps[3].probability == 0)
    #expect(ladder.steps[4].probability == 0)
  }

  @Test func sameDayOrdersCanMerge() throws {
    let ladder = try DescriptiveFixtures.log().repeatLadder(mergesSameDayOrders: true)
    // C's two orders of 2024-02-29 count once: C has 2 purchase days.
    #expect(ladder.steps.map(\.customers).prefix(4) == [4, 3, 1, 1])
  }

  @Test func endAndAcquisitionCutoffsApply() throws {
    let log = try DescriptiveFixtures.log()
    let throughApril = log.repeatLadder(through: DescriptiveFixtures.at("2024-04-30"))
    // C's May order is ignored: C has 2 orders.
    #expect(throughApril.steps.map(\.customers).prefix(4) == [4, 3, 1, 1])
    let early = log.repeatLadder(acquiredBefore: DescriptiveFixtures.at("2024-02-01"))
    // Only A and B were acquired in January.
    #expect(early.customers == 2)
    #expect(early.steps[0].customers == 2 && early.steps[0].continuing == 2)
    #expect(early.steps[1].customers == 2 && early.steps[1].continuing == 1)
  }
}

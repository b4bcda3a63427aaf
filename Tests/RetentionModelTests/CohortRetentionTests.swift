import Foundation
import Testing
import _TestSupport
import RetentionCore
@testable import RetentionModel

struct CohortRetentionTests {
  @Test func handMadeLogGivesTheKnownTriangle() throws {
    let table = try DescriptiveFixtures.log().cohortRetention(through: DescriptiveFixtures.at("2024-04-30"))
    #expect(table.lastMonth == "2024-04")
    #expect(table.cohorts.map(\.month) == ["2024-01", "2024-02", "2024-03"])
    // January: A and B; February: A; March: B (the cancelled 03-01 does not count, 03-02
    // does); April: A.
    #expect(table.cohorts[0].customers == 2)
    #expect(table.cohorts[0].activeCustomers == [2, 1, 1, 1])
    #expect(table.cohorts[0].retention == [1, 0.5, 0.5, 0.5])
    // February: C, whose May order is after the end.
    #expect(table.cohorts[1].activeCustomers == [1, 0, 0])
    // March: E.
    #expect(table.cohorts[2].customers == 1 && table.cohorts[2].activeCustomers == [1, 0])
    let json = try JSONEncoder().encode(table)
    #expect(try JSONDecoder().decode(CohortRetention.self, from: json) == table)
  }

  @Test func monthsFollowTheClocksTimeZone() throws {
    // 2024-01-31 23:30 UTC is 2024-02-01 in UTC+2.
    let late = Order(id: "1", customer: CustomerReference(id: "A"), placedAt: DescriptiveFixtures.at("2024-01-31", hour: 23).addingTimeInterval(1_800))
    let log = try OrderLog([late])
    let utc = log.cohortRetention(through: DescriptiveFixtures.at("2024-02-28"))
    let plusTwo = log.cohortRetention(through: DescriptiveFixtures.at("2024-02-28"), clock: DayClock(timeZone: TimeZone(secondsFromGMT: 7_200) ?? .current))
    #expect(utc.cohorts.map(\.month) == ["2024-01"])
    #expect(plusTwo.cohorts.map(\.month) == ["2024-02"])
  }

  @Test func civilDatesAreExact() {
    // Day 0 is 1970-01-01; 2024-02-29 is day 19782; 1969-12-31 is day -1.
    #expect(CivilCalendar.date(ofDay: 0) == (1970, 1, 1))
    #expect(CivilCalendar.date(ofDay: 19_782) == (2024, 2, 29))
    #expect(CivilCalendar.date(ofDay: -1) == (1969, 12, 31))
    #expect(PurchaseDays.label(ofMonth: PurchaseDays.monthIndex(ofDay: 19_782)) == "2024-02")
  }

  @Test func emptyLogHasNoCohorts() throws {
    let table = try OrderLog([Order]()).cohortRetention(through: DescriptiveFixtures.at("2024-04-30"))
    #expect(table.cohorts.isEmpty)
  }
}

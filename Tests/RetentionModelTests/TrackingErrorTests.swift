import Foundation
import Testing
import _TestSupport
import RetentionModel

/// The tracking error of a series, computed by hand.
struct TrackingErrorTests {
  @Test func comparesTheHoldoutPeriodsOnly() throws {
    // Periods 2 and 3 follow a one-period calibration.
    let series = TrackingSeries(unit: .weeks, predicted: [1, 2, 4], actual: [3, 2, 5], calibrationPeriods: 1)
    let error = try #require(TrackingError(series))
    #expect(error.firstPeriod == 2 && error.lastPeriod == 3)
    // Cumulative: |2 - 2| / 2 = 0 and |4 - 5| / 5 = 0.2, mean 0.1.
    #expect(
      error.cumulativeMeanAbsolutePercentageError.map { $0.isApproximatelyEqual(to: 0.1, absoluteTolerance: 1e-15) }
        == true)
    // Per period: actual 2 - 3 = -1 (a series need not be monotone) is not above 0, so only
    // period 3 counts: predicted 2, actual 3, |2 - 3| / 3.
    #expect(
      error.incrementalMeanAbsolutePercentageError.map {
        $0.isApproximatelyEqual(to: 1.0 / 3, absoluteTolerance: 1e-15)
      }
        == true)
    #expect(error.periodsWithoutPurchases == 1)
    // (4 - 5) / 5 at the last period.
    #expect(error.finalCumulativeError.map { $0.isApproximatelyEqual(to: -0.2, absoluteTolerance: 1e-15) } == true)
  }

  @Test func withoutACalibrationEndEveryPeriodCounts() throws {
    let series = TrackingSeries(unit: .days, predicted: [1, 3], actual: [2, 4])
    let error = try #require(TrackingError(series))
    #expect(error.firstPeriod == 1 && error.lastPeriod == 2)
    // Cumulative 0.5 and 0.25; per period |1 - 2| / 2 and |2 - 2| / 2.
    #expect(error.cumulativeMeanAbsolutePercentageError == 0.375)
    #expect(error.incrementalMeanAbsolutePercentageError == 0.25)
  }

  @Test func periodsWithoutPurchasesAreUndefinedNotZero() throws {
    let series = TrackingSeries(unit: .weeks, predicted: [0.5, 1], actual: [0, 0], calibrationPeriods: 0)
    let error = try #require(TrackingError(series))
    #expect(error.cumulativeMeanAbsolutePercentageError == nil)
    #expect(error.incrementalMeanAbsolutePercentageError == nil && error.finalCumulativeError == nil)
    #expect(error.periodsWithoutPurchases == 2)
    let json = String(decoding: try JSONEncoder().encode(error), as: UTF8.self)
    #expect(json.contains("\"finalCumulativeError\":null"))
    #expect(TrackingError(TrackingSeries(unit: .weeks, predicted: [1])) == nil)
  }
}

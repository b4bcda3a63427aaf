import Foundation
@testable import Campaigns

// The context's event queries as they were before the columnar event log was read by kind and
// position (commit fa41103): binary searches over every event spelled out.
extension CampaignContext {
  /// The events at the entry times known at `asOf`, oldest first.
  var referenceEntryEvents: [ArraySlice<CustomerEvent>] {
    let all = events.events
    return entryTimes.map { interval in
      let start = Self.referenceFirst(in: all) { $0 >= interval.lowerBound }
      let end = Swift.min(
        Self.referenceFirst(in: all) { $0 >= interval.upperBound }, Self.referenceFirst(in: all) { $0 > asOf })
      return all[start..<Swift.max(start, end)]
    }
  }

  /// The events at instants in an interval, both ends included, oldest first.
  func referenceEvents(in interval: ClosedRange<Date>) -> ArraySlice<CustomerEvent> {
    let all = events.events
    let start = Self.referenceFirst(in: all) { $0 >= interval.lowerBound }
    return all[start..<Swift.max(start, Self.referenceFirst(in: all) { $0 > interval.upperBound })]
  }

  /// The position of the first event whose time satisfies a monotone predicate.
  static func referenceFirst(in all: [CustomerEvent], where isAfter: (Date) -> Bool) -> Int {
    var low = 0, high = all.count
    while low < high {
      let middle = (low + high) / 2
      if isAfter(all[middle].time) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}

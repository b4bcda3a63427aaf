import Foundation
import Recommendations

// `isoDay` and `formatted` are the reason helpers of Recommendations (package access).

/// `YYYY-MM-DD hh:mm UTC`, without a calendar (reasons are built for many messages).
func isoTime(_ date: Date) -> String {
  let minutes = Int((date.timeIntervalSince1970 / 60).rounded(.down))
  let minuteOfDay = ((minutes % 1_440) + 1_440) % 1_440
  let hour = minuteOfDay / 60, minute = minuteOfDay % 60
  return isoDay(date) + " " + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute) UTC"
}

/// Whole seconds since 1970 (rounded down), for entry keys.
func wholeSeconds(_ date: Date) -> Int {
  Int(date.timeIntervalSince1970.rounded(.down))
}

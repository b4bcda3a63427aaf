import Foundation

/// `YYYY-MM-DD`, the UTC calendar day, for reasons.
func isoDay(_ date: Date) -> String {
  utcClock.isoDate(of: date)
}

private let utcClock = DayClock()

/// A number with up to three significant decimals, for reasons.
func formatted(_ value: Double) -> String {
  let rounded = (value * 1000).rounded() / 1000
  return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

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

import Foundation

/// `YYYY-MM-DD`, the UTC calendar day, for reasons.
func isoDay(_ date: Date) -> String {
  DayClock().isoDate(of: date)
}

/// A number with up to three significant decimals, for reasons.
func formatted(_ value: Double) -> String {
  let rounded = (value * 1000).rounded() / 1000
  return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

/// `YYYY-MM-DD hh:mm UTC`.
func isoTime(_ date: Date) -> String {
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(secondsFromGMT: 0)!
  let parts = calendar.dateComponents([.hour, .minute], from: date)
  let hour = parts.hour ?? 0, minute = parts.minute ?? 0
  return isoDay(date) + " " + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute) UTC"
}

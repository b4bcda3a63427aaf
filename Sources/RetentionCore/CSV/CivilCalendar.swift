/// The proleptic Gregorian calendar as day numbers: days since 1970-01-01, the unit of every
/// date the SDK reads and prints.
///
/// Howard Hinnant's `days_from_civil` and `civil_from_days`
/// (https://howardhinnant.github.io/date_algorithms.html), checked against Foundation's calendar
/// by `DateFormatTests` and `DayClockTests`.
package enum CivilCalendar {
  /// The day number of a date.
  ///
  /// - Precondition: The date is valid (``isValid(year:month:day:)``).
  package static func day(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// Whether a date exists: years 1 to 9999, months 1 to 12, and February 29 only in leap years.
  package static func isValid(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1, (1...9999).contains(year) else { return false }
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    return day <= (month == 2 && leap ? 29 : lengths[month - 1])
  }

  /// The year, month and day of a day number.
  package static func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
    let z = day + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
  }
}

/// `yyyy-MM-dd` of a day number (days since 1970-01-01).
func isoDay(_ day: Int) -> String {
  let date = CivilCalendar.date(ofDay: day)
  func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
  return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
}

/// Shared helpers of the descriptive measures: a customer's purchase days and calendar months
/// from day numbers.
enum PurchaseDays {
  /// The distinct purchase days of a customer (oldest first), up to `lastDay`.
  static func days(of customer: Int, in log: OrderLog, clock: DayClock, through lastDay: Int) -> [Int] {
    var days: [Int] = []
    for position in log.orderIndices(ofCustomerNumber: customer) {
      let order = Int(position)
      guard log.orderIsPurchase[order] else { continue }
      let day = clock.day(ofSeconds: log.orderTimes[order])
      if day > lastDay { break }
      if days.last != day { days.append(day) }
    }
    return days
  }

  /// The purchase orders of a customer, as day numbers (same-day orders repeated), up to
  /// `lastDay`.
  static func orderDays(of customer: Int, in log: OrderLog, clock: DayClock, through lastDay: Int) -> [Int] {
    var days: [Int] = []
    for position in log.orderIndices(ofCustomerNumber: customer) {
      let order = Int(position)
      guard log.orderIsPurchase[order] else { continue }
      let day = clock.day(ofSeconds: log.orderTimes[order])
      if day > lastDay { break }
      days.append(day)
    }
    return days
  }

  /// The month index (year × 12 + month - 1) of a day number (days since 1970-01-01), by the
  /// proleptic Gregorian calendar (Hinnant's civil-from-days algorithm).
  static func monthIndex(ofDay day: Int) -> Int {
    let (year, month, _) = civilDate(ofDay: day)
    return year * 12 + month - 1
  }

  /// (year, month 1...12, day 1...31) of a day number.
  static func civilDate(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
    let z = day + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let dayOfMonth = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
  }

  /// `yyyy-MM` of a month index.
  static func label(ofMonth index: Int) -> String {
    let year = index / 12, month = index % 12 + 1
    let yearText = String(year)
    let monthText = month < 10 ? "0\(month)" : "\(month)"
    return "\(yearText)-\(monthText)"
  }
}

/// Shared helpers of the descriptive measures: a customer's purchase days and calendar months
/// from day numbers.
enum PurchaseDays {
  /// The distinct purchase days of a customer (oldest first), up to `lastDay`.
  static func days(of customer: Int, in log: OrderLog, clock: DayClock, through lastDay: Int) -> [Int] {
    orderDays(of: customer, in: log, clock: clock, through: lastDay, distinct: true)
  }

  /// The purchase orders of a customer, as day numbers (same-day orders repeated unless
  /// `distinct`), up to `lastDay`.
  static func orderDays(of customer: Int, in log: OrderLog, clock: DayClock, through lastDay: Int, distinct: Bool = false) -> [Int] {
    var days: [Int] = []
    for position in log.orderIndices(ofCustomerNumber: customer) {
      let order = Int(position)
      guard log.orderIsPurchase[order] else { continue }
      let day = clock.day(ofSeconds: log.orderTimes[order])
      if day > lastDay { break }
      if !distinct || days.last != day { days.append(day) }
    }
    return days
  }

  /// The month index (year × 12 + month - 1) of a day number (days since 1970-01-01), by the
  /// proleptic Gregorian calendar (RetentionCore's `CivilCalendar`).
  static func monthIndex(ofDay day: Int) -> Int {
    let (year, month, _) = CivilCalendar.date(ofDay: day)
    return year * 12 + month - 1
  }

  /// `yyyy-MM` of a month index.
  static func label(ofMonth index: Int) -> String {
    let year = index / 12, month = index % 12 + 1
    let yearText = String(year)
    let monthText = month < 10 ? "0\(month)" : "\(month)"
    return "\(yearText)-\(monthText)"
  }
}

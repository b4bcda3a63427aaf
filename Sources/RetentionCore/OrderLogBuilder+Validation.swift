import Foundation

extension OrderLogBuilder {
  /// The first reason an order cannot enter the log (an empty id, a date or amount that is not
  /// finite, a negative amount), as an error naming the row and the field; `nil` for a valid order.
  static func validate(_ order: Order, row: Int) -> RetentionCoreError? {
    if let error = validateHeader(order, row: row) { return error }
    for line in order.lines {
      if let error = validate(line, row: row) { return error }
    }
    return nil
  }

  /// The first reason an order's order-level fields keep it out of the log (its lines unread).
  static func validateHeader(_ order: Order, row: Int) -> RetentionCoreError? {
    if order.id.isEmpty {
      return RetentionCoreError(.missingField, row: row, field: "id", reason: "the order id is empty")
    }
    let time = order.placedAt.timeIntervalSince1970
    if !time.isFinite {
      return RetentionCoreError(.invalidDate, row: row, field: "placedAt", reason: "the order date is not finite")
    }
    if let total = order.total {
      if !total.isFinite {
        return RetentionCoreError(.notFinite, row: row, field: "total", reason: "the total is \(total)")
      }
      if total < 0 {
        return RetentionCoreError(.negativeValue, row: row, field: "total", reason: "the total \(total) is negative")
      }
    }
    switch order.status {
    case .refunded(let amount), .partiallyRefunded(let amount):
      if !amount.isFinite || amount < 0 {
        return RetentionCoreError(
          amount.isFinite ? .negativeValue : .notFinite, row: row, field: "refundedAmount",
          reason: "the refunded amount \(amount) is not a finite non-negative number")
      }
    default: break
    }
    return nil
  }

  /// The first reason a line keeps its order out of the log (no product id, a quantity or unit
  /// price that is not a finite non-negative number).
  static func validate(_ line: LineItem, row: Int) -> RetentionCoreError? {
    if line.productID.isEmpty {
      return RetentionCoreError(.missingField, row: row, field: "productID", reason: "a line has no product id")
    }
    if !line.quantity.isFinite {
      return RetentionCoreError(.notFinite, row: row, field: "quantity", reason: "the quantity is \(line.quantity)")
    }
    if line.quantity < 0 {
      return RetentionCoreError(
        .negativeValue, row: row, field: "quantity", reason: "the quantity \(line.quantity) is negative")
    }
    if !line.unitPrice.isFinite {
      return RetentionCoreError(.notFinite, row: row, field: "unitPrice", reason: "the unit price is \(line.unitPrice)")
    }
    if line.unitPrice < 0 {
      return RetentionCoreError(
        .negativeValue, row: row, field: "unitPrice", reason: "the unit price \(line.unitPrice) is negative")
    }
    return nil
  }
}

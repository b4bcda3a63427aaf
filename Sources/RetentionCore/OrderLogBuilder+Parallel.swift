import _RetentionSupport

extension OrderLogBuilder {
  /// From this many orders and lines, ``addingInParallel(_:options:lineCount:)`` is worth its
  /// second thread (below it, handing work over costs more than it saves).
  static let parallelAppendMinimum = 1 << 20

  /// The lines of an array of orders, added by a task of their own: the table, and each order's
  /// sum of line amounts and number of lines, by input position.
  struct LinesOfOrders: Sendable {
    var table: LineTable
    var sums: [Double]
    var counts: [Int32]
  }

  /// What one of the two tasks of ``addingInParallel(_:options:lineCount:)`` returns: `nil` when
  /// the fast path does not apply.
  enum AppendPart: Sendable {
    case orders(OrderLogBuilder?)
    case lines(LinesOfOrders?)
  }

  /// A builder holding every order of an array whose ids the caller found distinct, added by two
  /// tasks at once: one adds the orders (validating their order-level fields, admitting their
  /// currency, interning customers, references, tags and channels), the other their lines
  /// (validating them, interning products and variants, writing the line records in input
  /// order); the lines are then handed to the orders' builder.
  ///
  /// The result is the builder that adding the orders one by one with
  /// ``append(_:row:rowCount:addingLines:)`` gives, field for field: no order can merge with
  /// another (the ids are distinct), products and variants are numbered in input order by the
  /// lines task alone, and each order's value is the sum of its lines in line order. That holds
  /// only when every order is kept: when any order is rejected (its lines must then leave no
  /// product behind, and in strict mode the first error must be the first in input order) or
  /// converted to another currency (its lines with it), the result is `nil`, and the caller adds
  /// the orders one by one.
  ///
  /// - Parameters:
  ///   - orders: The orders, with distinct ids.
  ///   - options: The mode and the currency choice.
  ///   - lineCount: The number of lines of all the orders.
  /// - Returns: The builder, with ``report`` counting no rows read yet; `nil` when an order is
  ///   rejected or converted.
  /// - Complexity: O(*n* + *m*) for *n* orders and *m* lines.
  static func addingInParallel(_ orders: [Order], options: ImportOptions, lineCount: Int) -> OrderLogBuilder? {
    let mode = options.mode
    let currency = options.currency
    let parts = ParallelWork.map(2) { task -> AppendPart in
      if task == 0 {
        var builder = OrderLogBuilder(mode: mode, expectedCount: orders.count, currency: currency, idsAreDistinct: true)
        let complete = orders.withContiguousStorageIfAvailable { orders in
          for index in orders.indices {
            // The order without its lines, read field by field: a copy of the order would
            // retain its lines, whose reference count the lines task is updating at the same
            // time (each such write takes the cache line from the other core).
            let header = Order(
              id: orders[index].id, customer: orders[index].customer, placedAt: orders[index].placedAt,
              status: orders[index].status, total: orders[index].total, currency: orders[index].currency,
              tags: orders[index].tags, channel: orders[index].channel, acceptsMarketing: orders[index].acceptsMarketing,
              discountCodes: orders[index].discountCodes)
            // A rejection (thrown in strict mode, reported in lenient mode) ends the fast path.
            guard (try? builder.append(header, row: index + 1, rowCount: 1, addingLines: false)) != nil,
              builder.orders.count == index + 1
            else { return false }
          }
          return !builder.convertedWithoutLines
        }
        return .orders(complete == true ? builder : nil)
      }
      var lines = LinesOfOrders(table: LineTable(capacity: lineCount), sums: [], counts: [])
      lines.sums.reserveCapacity(orders.count)
      lines.counts.reserveCapacity(orders.count)
      // Each order's lines are read in place: copying an order out of the array would retain
      // its fields, and their reference counts are shared with the other task.
      let complete = orders.withContiguousStorageIfAvailable { orders in
        for index in orders.indices {
          for line in orders[index].lines where validate(line, row: index + 1) != nil { return false }
          lines.sums.append(lines.table.add(orders[index].lines, toOrder: Int32(index)))
          lines.counts.append(Int32(orders[index].lines.count))
        }
        return true
      }
      return .lines(complete == true ? lines : nil)
    }
    guard case .orders(var builder?) = parts[0], case .lines(let lines?) = parts[1] else { return nil }
    builder.adoptLines(lines.table, sums: lines.sums, counts: lines.counts)
    return builder
  }
}

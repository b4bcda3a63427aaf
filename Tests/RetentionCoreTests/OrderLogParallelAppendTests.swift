import Foundation
import Testing
@testable import RetentionCore

/// `OrderLog(orders)` for a large array with distinct ids adds the orders and their lines in two
/// tasks at once (`OrderLogBuilder.addingInParallel`), and falls back to adding them one by one
/// when any order is rejected or converted. These tests force that path on small arrays and
/// compare its log with the definition (`OrderLogBuildEquivalenceTests.Reference`) and, column
/// by column, with the log of the one-by-one path.
struct OrderLogParallelAppendTests {
  /// Every column of two logs, compared.
  static func expectSameColumns(_ log: OrderLog, _ other: OrderLog) {
    #expect(log.currency == other.currency)
    #expect(log.report == other.report)
    #expect(log.customerIDs == other.customerIDs)
    #expect(log.products == other.products)
    #expect(log.variants == other.variants)
    #expect(log.orderIDs == other.orderIDs)
    #expect(log.orderCustomers == other.orderCustomers)
    #expect(log.orderTimes == other.orderTimes)
    #expect(log.orderNetAmounts == other.orderNetAmounts)
    #expect(log.orderIsPurchase == other.orderIsPurchase)
    #expect(log.orderStatuses == other.orderStatuses)
    #expect(log.orderGrossAmounts == other.orderGrossAmounts)
    #expect(log.orderLineStarts == other.orderLineStarts)
    #expect(log.lineProducts == other.lineProducts)
    #expect(log.lineVariants == other.lineVariants)
    #expect(log.lineQuantities == other.lineQuantities)
    #expect(log.lineUnitPrices == other.lineUnitPrices)
    #expect(log.customerOrderStarts == other.customerOrderStarts)
    #expect(log.customerOrderIndices == other.customerOrderIndices)
    #expect(log.orderReferenceIndices == other.orderReferenceIndices)
    #expect(log.references == other.references)
    #expect(log.orderTagIndices == other.orderTagIndices)
    #expect(log.tagSets == other.tagSets)
    #expect(log.orderChannelIndices == other.orderChannelIndices)
    #expect(log.channels == other.channels)
    #expect(log.orderMarketing == other.orderMarketing)
    #expect(log.orderCurrencyKnown == other.orderCurrencyKnown)
    #expect(log.orderDiscountCodeIndices == other.orderDiscountCodeIndices)
    #expect(log.discountCodeSets == other.discountCodeSets)
  }

  /// Random orders with distinct ids, without those the definition rejects (invalid ones and
  /// those in another currency than EUR).
  static func keptOrders(count: Int, seed: UInt64) -> [Order] {
    OrderLogBuildEquivalenceTests.randomOrders(count: count, distinctIDs: true, seed: seed).enumerated().filter {
      OrderLogBuilder.validate($0.element, row: $0.offset + 1) == nil && ($0.element.currency ?? "EUR") == "EUR"
    }.map(\.element)
  }

  @Test(arguments: 0..<6 as Range<UInt64>)
  func twoTasksGiveTheLogOfTheDefinition(seed: UInt64) throws {
    let orders = Self.keptOrders(count: 400, seed: seed)
    let options = OrderLogBuildEquivalenceTests.euros
    let lineCount = orders.reduce(0) { $0 + $1.lines.count }
    #expect(lineCount > orders.count, "orders with several lines")
    #expect(OrderLogBuilder.addingInParallel(orders, options: options, lineCount: lineCount) != nil, "the fast path applies")
    let reference = OrderLogBuildEquivalenceTests.Reference(orders, keeping: "EUR")
    #expect(reference.rejections.isEmpty)
    let parallel = try OrderLog(orders, options: options, addingInParallel: true)
    OrderLogBuildEquivalenceTests.expect(parallel, equals: reference, orderCount: orders.count)
    Self.expectSameColumns(parallel, try OrderLog(orders, options: options, addingInParallel: false))
    Self.expectSameColumns(parallel, try OrderLog(AnySequence(orders), options: options))
  }

  @Test(arguments: 0..<4 as Range<UInt64>)
  func aRejectedOrderTakesTheOneByOnePath(seed: UInt64) throws {
    // Invalid orders and orders in USD among them: rejected, so the two tasks give up.
    let orders = OrderLogBuildEquivalenceTests.randomOrders(count: 300, distinctIDs: true, seed: seed)
    let options = OrderLogBuildEquivalenceTests.euros
    let reference = OrderLogBuildEquivalenceTests.Reference(orders, keeping: "EUR")
    #expect(!reference.rejections.isEmpty)
    let lineCount = orders.reduce(0) { $0 + $1.lines.count }
    #expect(OrderLogBuilder.addingInParallel(orders, options: options, lineCount: lineCount) == nil)
    let log = try OrderLog(orders, options: options, addingInParallel: true)
    OrderLogBuildEquivalenceTests.expect(log, equals: reference, orderCount: orders.count)
    Self.expectSameColumns(log, try OrderLog(orders, options: options, addingInParallel: false))
    // In strict mode the error is the first in input order, whichever task would meet it first.
    let error = #expect(throws: RetentionCoreError.self) {
      try OrderLog(orders, options: ImportOptions(mode: .strict, currency: .only("EUR")), addingInParallel: true)
    }
    #expect(error?.row == reference.rejections.first?.row)
    #expect(error?.field == reference.rejections.first?.field)
  }

  @Test func anInvalidLineTakesTheOneByOnePath() throws {
    var orders = Self.keptOrders(count: 200, seed: 7)
    orders[150].lines.append(LineItem(productID: "new-product", quantity: .infinity, unitPrice: 1))
    let lineCount = orders.reduce(0) { $0 + $1.lines.count }
    #expect(OrderLogBuilder.addingInParallel(orders, options: ImportOptions(), lineCount: lineCount) == nil)
    let log = try OrderLog(orders, options: ImportOptions(), addingInParallel: true)
    #expect(log.report.rejections.map(\.row) == [151])
    #expect(!log.products.contains { $0.id == "new-product" }, "a rejected order's lines leave no product behind")
    Self.expectSameColumns(log, try OrderLog(orders, options: ImportOptions(), addingInParallel: false))
  }

  @Test func convertedOrdersTakeTheOneByOnePath() throws {
    var rates = ExchangeRates(target: "EUR")
    for day in ["1969-12-31", "1970-01-01", "1970-01-02", "1970-01-03"] { try rates.setRate(0.5, for: "USD", on: day) }
    let orders = Self.keptOrders(count: 200, seed: 3).map { order -> Order in
      var order = order
      order.currency = "USD"
      return order
    }
    let options = ImportOptions(currency: .converted(to: "EUR", using: rates))
    let lineCount = orders.reduce(0) { $0 + $1.lines.count }
    #expect(OrderLogBuilder.addingInParallel(orders, options: options, lineCount: lineCount) == nil)
    let log = try OrderLog(orders, options: options, addingInParallel: true)
    #expect(log.orderCount == orders.count)
    #expect(log.currency == "EUR")
    Self.expectSameColumns(log, try OrderLog(orders, options: options, addingInParallel: false))
    let first = try #require(log.firstIndex { !$0.lines.isEmpty })
    let original = try #require(orders.first { $0.id == log.orderIDs[first] })
    #expect(log.lineUnitPrices[Int(log.orderLineStarts[first])] == original.lines[0].unitPrice * 0.5)
  }
}

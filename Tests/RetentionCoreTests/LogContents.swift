import Foundation
@testable import RetentionCore

/// Everything an order log holds, as plain values, so that two logs compare field for field.
struct LogContents: Equatable {
  var report: ImportReport
  var currency: String?
  var customerIDs: [String]
  var products: [OrderLog.Product]
  var variants: [String]
  var orders: [Order]
  var orderNetAmounts: [Double]
  var orderIsPurchase: [Bool]
  var orderCustomers: [Int32]
  var lineProducts: [Int32]
  var customerOrderStarts: [Int32]
  var customerOrderIndices: [Int32]

  init(_ log: OrderLog) {
    report = log.report
    currency = log.currency
    customerIDs = log.customerIDs
    products = log.products
    variants = log.variants
    orders = log.indices.map { log[$0] }
    orderNetAmounts = log.orderNetAmounts
    orderIsPurchase = log.orderIsPurchase
    orderCustomers = log.orderCustomers
    lineProducts = log.lineProducts
    customerOrderStarts = log.customerOrderStarts
    customerOrderIndices = log.customerOrderIndices
  }
}

import Foundation
import Testing
import _TestSupport
import LTVMath

struct RevenueStructureTests {
  @Test func handMadeShopWithKnownAnswers() {
    // Ten customers: one brings 500, one 200, eight bring 25 each: total 900.
    let revenue: [Double] = [500, 200] + Array(repeating: 25, count: 8)
    let orders = [5, 2] + Array(repeating: 1, count: 8)
    let structure = RevenueStructure(
      customerRevenue: revenue, customerOrders: orders, orderValues: [100, 100, 100, 100, 100, 100, 100] + Array(repeating: 25, count: 8),
      bandBoundaries: [30, 120])
    #expect(structure.topDecileShare.isApproximatelyEqual(to: 500.0 / 900, relativeTolerance: 1e-12))
    #expect(structure.topQuintileShare.isApproximatelyEqual(to: 700.0 / 900, relativeTolerance: 1e-12))
    #expect(structure.repeatCustomerShare == 0.2)
    #expect(structure.repeatRevenueShare.isApproximatelyEqual(to: 700.0 / 900, relativeTolerance: 1e-12))
    // Gini by hand: ascending 25x8, 200, 500; sum i*x = 25*36 + 9*200 + 10*500 = 7700;
    // G = 2*7700/(10*900) - 11/10 = 1.71111 - 1.1 = 0.61111.
    #expect(structure.gini.isApproximatelyEqual(to: 2 * 7_700 / 9_000 - 1.1, relativeTolerance: 1e-12))
    #expect(structure.lorenzCurve.first?.customerShare == 0 && structure.lorenzCurve.first?.revenueShare == 0)
    #expect(structure.lorenzCurve.last?.revenueShare == 1)
    #expect(structure.lorenzCurve[80].revenueShare.isApproximatelyEqual(to: 200.0 / 900, relativeTolerance: 1e-12))
    // AOV: 100, 100, 25 x 8: bands 0..<30 (8 customers, 200), 30..<120 (2, 700), 120+ (0).
    let bands = structure.averageOrderValueBands
    #expect(bands.map(\.customerShare) == [0.8, 0.2, 0])
    #expect(bands[0].revenueShare.isApproximatelyEqual(to: 200.0 / 900, relativeTolerance: 1e-12))
    #expect(structure.medianOrderValue == 25)  // 8 orders of 25 and 7 of 100: the 8th smallest is 25
    #expect(structure.orderCountGroups[0].customers == 8)
    #expect(structure.orderCountGroups[1].revenuePerCustomer == 200)
  }

  @Test func emptyAndSingleCustomerEdges() {
    let empty = RevenueStructure(customerRevenue: [], customerOrders: [], orderValues: [])
    #expect(empty.topDecileShare == 0 && empty.gini == 0 && empty.medianOrderValue == 0)
    let one = RevenueStructure(customerRevenue: [10], customerOrders: [1], orderValues: [10])
    #expect(one.topDecileShare == 1)
    #expect(one.gini == 0)
  }

  @Test(.fullData) func onlineRetailAgainstAnIndependentComputation() throws {
    let log = try OrderLog(contentsOf: try FullData.url("online-retail/online_retail.csv"), format: .onlineRetail)
    let structure = RevenueStructure(log: log)
    // Independent computation from the order columns, by a different route (a dictionary by id).
    var byCustomer: [String: (revenue: Double, orders: Int)] = [:]
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderCustomers[index] >= 0 {
      let id = log.customerIDs[Int(log.orderCustomers[index])]
      byCustomer[id, default: (0, 0)].revenue += log.orderNetAmounts[index]
      byCustomer[id, default: (0, 0)].orders += 1
    }
    let sorted = byCustomer.values.map(\.revenue).sorted(by: >)
    let total = sorted.reduce(0, +)
    let top10 = sorted.prefix(Int((Double(sorted.count) / 10).rounded(.up))).reduce(0, +) / total
    #expect(structure.customers == 4_338)
    #expect(structure.topDecileShare.isApproximatelyEqual(to: top10, relativeTolerance: 1e-9))
    let repeatShare = Double(byCustomer.values.filter { $0.orders >= 2 }.count) / Double(byCustomer.count)
    #expect(structure.repeatCustomerShare.isApproximatelyEqual(to: repeatShare, relativeTolerance: 1e-12))
  }
}

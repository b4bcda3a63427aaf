import Foundation
import Testing
import LTVMath

struct LTVMathSmokeTests {
  @Test func moduleReExportsTheOrderTypes() {
    let order = Order(id: "1", customer: CustomerReference(id: "a"), placedAt: .init(timeIntervalSince1970: 0))
    #expect(order.isPurchase)
  }
}

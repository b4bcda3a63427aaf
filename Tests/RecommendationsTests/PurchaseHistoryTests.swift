import Foundation
import Testing
import Recommendations

struct PurchaseHistoryTests {
  @Test func collectsTheTrainingPurchasesOfIdentifiedCustomers() throws {
    let history = try ShopFixture.training()
    let ids = history.products.map(\.id)
    #expect(ids == ["p1", "p2", "p3", "p4", "p5"])
    // Baskets before day 20: orders 1, 2, 3, 4, 7 (the cancelled and the guest order drop out).
    #expect(history.basketCount == 5)
    #expect(history.asOf == ShopFixture.split)
    let a = try #require(history.customerNumber(of: "A"))
    #expect(history.productsBought(byCustomerNumber: a) == [0, 1, 2])
    #expect((0..<5).map { history.basketCount(of: ProductNumber($0), forCustomerNumber: a) } == [2, 1, 1, 0, 0])
    // Buyers: p1 A,B; p2 A,B,C; p3 A,C; p4 D; p5 nobody before the split.
    let products = (0..<5).map { ProductNumber($0) }
    #expect(products.map(history.customerCount(of:)) == [2, 3, 2, 1, 0])
    #expect(products.map(history.repeatCustomerCount(of:)) == [1, 0, 0, 0, 0])
    #expect(products.map(history.basketCount(of:)) == [3, 3, 2, 1, 0])
    #expect(history.productNumber(of: "p4") == 3)
    #expect(history.productNumber(of: "nothing") == nil)
    #expect(history.purchasedProductCount == 4)
    #expect(history.productPrices[3] == 60)
    #expect(history.categories == ["coffee", "mugs", "shoes"])
  }

  @Test func anEmptyLogGivesAnEmptyHistory() throws {
    let history = PurchaseHistory(try OrderLog([Order]()))
    #expect(history.basketCount == 0)
    #expect(history.productCount == 0)
    #expect(history.customerCount == 0)
    #expect(PopularityRecommender(history).recommendations(forCustomer: "x").isEmpty)
    #expect(ItemToItemRecommender(history).recommendations(forCustomer: "x").isEmpty)
  }

  @Test func aCutoffBeforeEveryOrderKeepsNoBasket() throws {
    let history = PurchaseHistory(try ShopFixture.log(), before: ShopFixture.day(-1))
    #expect(history.basketCount == 0)
    #expect(history.customerCount == 5)
    #expect(RepeatPurchaseRecommender(history).recommendations(forCustomer: "A").isEmpty)
  }
}

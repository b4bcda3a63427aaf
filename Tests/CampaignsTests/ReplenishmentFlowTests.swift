import Foundation
import Testing
import _TestSupport
import Campaigns

/// Replenishment: a reminder 7 days before each run-out, never for postage, gift cards or
/// durable goods, never long past due.
///
/// Fixture (days from 2024-03-01 00:00 UTC, orders at 10:00). Coffee: F and G on days -90,
/// -60, -30 and H on days -60, -30 (five intervals of 30 days before day 0: the product median
/// is 30); A on days 0, 30, 60; B and C on days 0, 30; D on days 10, 40. Every coffee order also
/// holds postage (`POST`) and a gift card (`GC-25`, "Gift Card 25 EUR"), bought at the same
/// cadence. E buys a vase on days 0, 10, ..., 50 (five intervals, one buyer). A, B, C and D buy
/// a lamp on day 0. After day 30, A, B and C (one interval: the product median) run out on day
/// 60 and are reminded on day 53; D on day 63; after day 60 A's own median is 30 (two
/// intervals): run-out day 90, reminder day 83.
struct ReplenishmentFlowTests {
  typealias F = OrderFlowFixtures

  static func order(_ id: String, _ customer: String, day: Double, _ products: [(String, String)]) -> Order {
    Order(
      id: id, customer: CustomerReference(id: customer), placedAt: F.at(day: day, hour: 10),
      lines: products.map { LineItem(productID: $0.0, name: $0.1, unitPrice: 5) })
  }

  static let coffeeOrder = [("coffee", "Coffee beans 1 kg"), ("POST", "POSTAGE"), ("GC-25", "Gift Card 25 EUR")]

  static let orders: [Order] = {
    var orders: [Order] = []
    let days = [
      "A": [0.0, 30, 60], "B": [0, 30], "C": [0, 30], "D": [10, 40], "F": [-90, -60, -30], "G": [-90, -60, -30],
      "H": [-60, -30],
    ]
    for (customer, list) in days {
      for day in list { orders.append(order("\(customer)\(Int(day))", customer, day: day, coffeeOrder)) }
    }
    for customer in ["A", "B", "C", "D"] {
      orders.append(order("\(customer)-lamp", customer, day: 0, [("lamp", "Desk lamp")]))
    }
    for day in stride(from: 0.0, through: 50, by: 10) {
      orders.append(order("E\(Int(day))", "E", day: day, [("vase", "Vase")]))
    }
    return orders
  }()

  static func entries(
    from start: Double, to end: Double, _ trigger: ReplenishmentTrigger = ReplenishmentTrigger()
  ) throws -> [String] {
    trigger.entries(in: try F.context(orders: Self.orders, from: start, to: end)).map {
      "\($0.person) \($0.products[0])"
    }
  }

  @Test func remindsSevenDaysBeforeTheRunOutAndNotBefore() throws {
    let flow = Flow.replenishment()
    let due = FlowSchedule.dueSteps(flow, in: try F.context(orders: Self.orders, from: 83, to: 84))
    #expect(
      due == [
        DueStep(person: "A", step: 1, due: F.at(day: 83), key: "coffee:2024-04-30", content: "replenishment")
      ])
    #expect(FlowSchedule.dueSteps(flow, in: try F.context(orders: Self.orders, from: 82, to: 83)).isEmpty)
    #expect(try Self.entries(from: 53, to: 54) == ["A coffee", "B coffee", "C coffee"])
    #expect(try Self.entries(from: 63, to: 64) == ["D coffee"])
    #expect(try Self.entries(from: 80, to: 81, ReplenishmentTrigger(leadDays: 10)) == ["A coffee"])
    let entry = try #require(
      ReplenishmentTrigger().entries(in: try F.context(orders: Self.orders, from: 83, to: 84)).first)
    #expect(entry.reason.contains("runs out about 2024-05-30"))
    #expect(flow.steps.map(\.wait) == [0] && flow.exits == [.unsubscribed])
  }

  @Test func postageGiftCardsAndDurablesAreExcluded() throws {
    // Without exclusions, postage and the gift card (bought at coffee's cadence) and the vase
    // (one buyer's repeats) would be reminded of.
    #expect(
      try Self.entries(from: 53, to: 56, ReplenishmentTrigger(exclusions: .none)) == [
        "A GC-25", "A POST", "A coffee", "B GC-25", "B POST", "B coffee", "C GC-25", "C POST", "C coffee", "E vase",
      ])
    #expect(try Self.entries(from: 53, to: 56) == ["A coffee", "B coffee", "C coffee"])
    let reasons = ReplenishmentTrigger().excludedProducts(in: try OrderLog(Self.orders))
    #expect(
      reasons == [
        "POST": "id POST is not a product", "GC-25": "name has \"gift card\"",
        "vase": "bought on two or more days by 1 customer(s); 2 needed",
        "lamp": "bought on two or more days by 0 customer(s); 2 needed",
      ])
    // One repeat buyer is enough when the rule asks for one.
    var lenient = ReplenishmentExclusions.standard
    lenient.minimumRepeatBuyers = 1
    #expect(try Self.entries(from: 55, to: 56, ReplenishmentTrigger(exclusions: lenient)) == ["E vase"])
  }

  @Test func neverListsAReminderLongPastDue() throws {
    // On day 84 A's reminder (day 83) is due in the plan, but a day late: not listed.
    let late = try F.context(orders: Self.orders, from: 84, to: 85)
    let plan = ReplenishmentPlan(late.orders, asOf: late.asOf, timing: .daysBeforeRunOut(7))
    #expect(plan.due.contains { $0.customerID == "A" && $0.productID == "coffee" })
    #expect(ReplenishmentTrigger().entries(in: late).isEmpty)
    // Within the catch-up (one hour by default) it still goes.
    let halfHourLate = CampaignContext(
      events: EventLog([]), orders: try OrderLog(Self.orders), window: F.at(day: 83, hour: 0.5)..<F.at(day: 84))
    #expect(ReplenishmentTrigger().entries(in: halfHourLate).map(\.person) == ["A"])
    #expect(try Self.entries(from: 84, to: 85, ReplenishmentTrigger(catchUp: 25 * 3_600)) == ["A coffee"])
    // A season of daily runs lists each reminder once, on its day; each purchase moves the
    // next reminder (A, B and C bought on days 0 and 30, A again on day 60; D on days 10 and 40).
    var listed: [String] = []
    for day in 0..<120 { listed += try Self.entries(from: Double(day), to: Double(day + 1)).map { "\($0) day \(day)" } }
    #expect(
      listed == [
        "A coffee day 23", "B coffee day 23", "C coffee day 23", "D coffee day 33", "A coffee day 53",
        "B coffee day 53",
        "C coffee day 53", "D coffee day 63", "A coffee day 83",
      ])
  }

  @Test func aShortIntervalIsRemindedHalfwayAtTheEarliest() throws {
    // Tea lasts 8 days: 7 days before the run-out would be a day after the purchase; halfway is day 4.
    let tea = (0..<5).flatMap { customer in
      [0.0, 8].map { day in Self.order("t\(customer)-\(Int(day))", "T\(customer)", day: day, [("tea", "Tea")]) }
    }
    let context = try F.context(orders: tea, from: 12, to: 13)
    #expect(ReplenishmentTrigger().entries(in: context).map(\.person) == ["T0", "T1", "T2", "T3", "T4"])
    let early = try F.context(orders: tea, from: 9, to: 10)
    #expect(ReplenishmentTrigger().entries(in: early).isEmpty)
    #expect(ReplenishmentTrigger(earliestFraction: 0).entries(in: early).count == 5)
  }

  @Test func exclusionRulesByIdNameAndCategory() {
    let rules = ReplenishmentExclusions.standard
    func reason(_ id: String, _ name: String?, _ category: String? = nil) -> String? {
      rules.reasonForExcluding(OrderLog.Product(id: id, name: name, category: category))
    }
    // The non-product codes of UCI Online Retail.
    for (id, name) in [
      ("POST", "POSTAGE"), ("DOT", "DOTCOM POSTAGE"), ("C2", "CARRIAGE"), ("M", "Manual"), ("D", "Discount"),
      ("AMAZONFEE", "AMAZON FEE"), ("BANK CHARGES", "Bank Charges"),
      ("gift_0001_10", "Dotcomgiftshop Gift Voucher £10.00"),
      ("post", nil),
    ] {
      #expect(reason(id, name) != nil, "\(id) \(name ?? "")")
    }
    // Other shops' words, as whole words only.
    #expect(reason("SHIP-1", "Shipping") == "name has \"shipping\"")
    #expect(reason("X1", "Service fee") == "name has \"fee\"")
    #expect(reason("GC", "Gift Card 50") == "name has \"gift card\"")
    #expect(reason("85123A", "Coffee") == nil)
    #expect(reason("22423", "REGENCY CAKESTAND 3 TIER") == nil)
    #expect(reason("GIFT-BAG", "Gift bag birthday") == nil)
    var sofas = rules
    sofas.categories = ["Furniture"]
    #expect(
      sofas.reasonForExcluding(OrderLog.Product(id: "S1", name: "Sofa", category: "furniture"))
        == "category furniture is durable")
    var wrap = rules
    wrap.productIDs.insert("giftwrap")
    #expect(wrap.reasonForExcluding(OrderLog.Product(id: "GIFTWRAP")) == "id GIFTWRAP is not a product")
    #expect(ReplenishmentExclusions.none.reasonForExcluding(OrderLog.Product(id: "POST", name: "POSTAGE")) == nil)
  }

  /// UCI Online Retail (the bundled sample): postage, carriage, manual lines and fees are
  /// rebought like products, so without the exclusions they would get reminders.
  ///
  /// The rules are ``ReplenishmentExclusions``' (in `Recommendations`), the ones
  /// `ReplenishmentPlan` and `secondsale replenish` use.
  @Test func onlineRetailSampleGetsNoPostageOrFeeReminders() throws {
    let log = try OrderLog(contentsOf: TestData.onlineRetailSample, format: .onlineRetail)
    let start = Date(timeIntervalSince1970: 1_314_835_200)  // 2011-09-01
    let context = CampaignContext(
      events: EventLog([]), orders: log, window: start..<start.addingTimeInterval(100 * F.day))
    let nonProducts: Set<String> = ["POST", "DOT", "C2", "M", "D", "AMAZONFEE"]
    let all = ReplenishmentTrigger(exclusions: .none).entries(in: context)
    let kept = ReplenishmentTrigger().entries(in: context)
    #expect(kept.allSatisfy { !nonProducts.contains($0.products[0]) && !$0.products[0].hasPrefix("gift_") })
    // Measured: 916 reminders without the exclusions, 877 with. The 37 of excluded products
    // are 12 for postage and 25 for products too few customers had bought twice, by the data
    // rules on the orders known at the window's start; none is for unstable intervals: scaled
    // by the quantity elasticity, UCI's intervals are steadier than per unit (47 were left out
    // when the rule judged the per-unit intervals of wholesale quantities). The two plans
    // estimate their elasticity on the products each keeps, so a kept product's reminder may
    // fall in the window in one and not the other: the products are compared, not the reminders.
    let excluded = ReplenishmentTrigger().excludedProducts(in: log)
    let rulesAtStart = Dictionary(
      uniqueKeysWithValues: ReplenishmentPlan(log, asOf: context.asOf).excluded.map { ($0.productID, $0.rule) })
    let dropped = all.map { $0.products[0] }.filter { rulesAtStart[$0] != nil }
    #expect(kept.allSatisfy { rulesAtStart[$0.products[0]] == nil })
    #expect(all.count == 916 && kept.count == 877 && dropped.count == 37)
    #expect(dropped.filter { $0 == "POST" }.count == 12)
    #expect(dropped.filter { rulesAtStart[$0] == .tooFewRepeatBuyers }.count == 25)
    #expect(dropped.filter { rulesAtStart[$0] == .unstableInterval }.isEmpty)
    #expect(["POST", "DOT", "M"].allSatisfy { excluded[$0] != nil })
  }
}

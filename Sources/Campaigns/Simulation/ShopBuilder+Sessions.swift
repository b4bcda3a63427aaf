import Foundation
import RetentionCore

extension ShopBuilder {
  /// Appends an order of `customer` placed at `time` and worth `amount`: its lines, the browsing
  /// session before it and its deliveries.
  ///
  /// - Returns: The delivery time, or `nil` if the order arrives after the end of the history.
  @discardableResult
  mutating func appendOrder(customer: Int, id: String, at time: Int, amount: Double) -> Int? {
    let behaviour = simulator.behaviour
    let productCount = productIDs.count
    let wanted = min(10, productCount, 1 + random.poisson(mean: behaviour.linesPerOrder - 1))
    var products: [Int] = []
    var attempts = 0
    while products.count < wanted && attempts < 4 * wanted {
      let product = drawProduct(for: customer)
      if !products.contains(product) { products.append(product) }
      attempts += 1
    }
    // Split the amount into whole cents, at least one per line.
    let cents = Int((amount * 100).rounded())
    if products.count > cents { products.removeLast(products.count - cents) }
    let weights = products.map { _ in random.uniform() }
    let total = weights.reduce(0, +)
    let spare = cents - products.count
    var lineCents = weights.map { 1 + Int((Double(spare) * $0 / total).rounded(.down)) }
    lineCents[lineCents.count - 1] += cents - lineCents.reduce(0, +)
    let category = simulator.catalog.categories
    let lines = zip(products, lineCents).map { product, cents in
      LineItem(
        productID: productIDs[product], name: productNames[product], category: category[product / productsPerCategory],
        quantity: 1, unitPrice: Double(cents) / 100)
    }
    orderSeconds.append(time)
    orders.append(
      Order(
        id: id, customer: CustomerReference(id: histories[customer].id),
        placedAt: Date(timeIntervalSince1970: Double(time)), lines: lines, currency: simulator.currency))

    var session: [CustomerEvent.Kind] = []
    let browsed = min(20, random.poisson(mean: behaviour.extraViewsPerOrder))
    for _ in 0..<browsed { session.append(.productViewed(productID: productIDs[drawProduct(for: customer)])) }
    for product in products { session.append(.productViewed(productID: productIDs[product])) }
    for product in products { session.append(.addedToCart(productID: productIDs[product])) }
    session.append(.checkoutStarted(productIDs: products.map { productIDs[$0] }))
    appendSession(customer: customer, session, endingBefore: time)

    let orderID = id
    let shipped = time + Int(behaviour.shippingDays * 86_400) + random.index(8 * 3_600)
    append(customer, shipped, .shipped(orderID: orderID))
    var delivered = shipped + Int(behaviour.deliveryDays * 86_400) + random.index(8 * 3_600)
    if random.bernoulli(behaviour.delayShare) {
      append(customer, shipped + 86_400, .delayed(orderID: orderID))
      delivered += 2 * 86_400
    }
    append(customer, delivered, .delivered(orderID: orderID))
    return delivered <= endSecond ? delivered : nil
  }

  /// Appends a session's events one minute apart (each at a random second of its minute), the
  /// last in the minute before `end`.
  ///
  /// - Returns: The time of the last event.
  @discardableResult
  mutating func appendSession(customer: Int, _ session: [CustomerEvent.Kind], endingBefore end: Int) -> Int {
    var time = end
    for (slot, kind) in session.enumerated() {
      time = end - 60 * (session.count - slot) + random.index(60)
      append(customer, time, kind)
    }
    return time
  }

  /// Appends the customer's abandoned sessions: views only, views and a cart, or views, a cart
  /// and a checkout start, at uniform times from an hour after the first order to 60 days after
  /// the last organic order (or the end of the history).
  mutating func appendAbandonedSessions(customer: Int) {
    let behaviour = simulator.behaviour
    let times = histories[customer].organicOrderTimes
    let count = random.poisson(mean: behaviour.abandonedSessionsPerOrder * Double(times.count))
    guard count > 0 else { return }
    let from = times[0] + 3_600
    let to = min(endSecond, times[times.count - 1] + 60 * 86_400)
    guard to > from else { return }
    var checkouts: [Int] = []
    for _ in 0..<count {
      let time = from + random.index(to - from)
      let kind = random.uniform()
      var session: [CustomerEvent.Kind] = []
      let viewed = (0...random.poisson(mean: 0.5)).map { _ in drawProduct(for: customer) }
      for product in viewed { session.append(.productViewed(productID: productIDs[product])) }
      let wanted = productIDs[viewed[0]]
      if kind < behaviour.checkoutShareOfAbandoned + behaviour.cartShareOfAbandoned {
        session.append(.addedToCart(productID: wanted))
      }
      let reachesCheckout = kind < behaviour.checkoutShareOfAbandoned
      if reachesCheckout { session.append(.checkoutStarted(productIDs: [wanted])) }
      let last = appendSession(customer: customer, session, endingBefore: time + 60)
      if reachesCheckout { checkouts.append(last) }
    }
    histories[customer].abandonedCheckouts = checkouts.sorted()
  }
}

import Foundation
import RetentionCore
import RetentionModel

/// The state of one run of ``ShopSimulator``.
///
/// The orders and events made so far, and what the flows need to know of each customer's organic
/// history. Times are whole seconds since 1970.
struct ShopBuilder {
  /// What the flows need of one customer.
  struct History {
    var id: String
    /// Organic purchase times, the first order first.
    var organicOrderTimes: [Int] = []
    /// Times of abandoned checkouts (checkout starts with no order in that session), sorted.
    var abandonedCheckouts: [Int] = []
    /// When the customer subscribed to email and to text messages, if they did.
    var emailSince: Int? = nil
    var smsSince: Int? = nil
    /// When they unsubscribed from every channel, if they did.
    var unsubscribedAt: Int? = nil
    var spendScale = 1.0
    var favouriteCategory = 0
    /// Purchases caused by flows: time and flow index.
    var causedOrders: [(time: Int, flow: Int)] = []

    /// Whether the customer may get marketing on `channel` at `time`.
    func isSubscribed(to channel: Channel, at time: Int) -> Bool {
      let since: Int?
      switch channel {
      case .email: since = emailSince
      case .sms: since = smsSince
      case .phone, .push: since = nil
      }
      guard let since, since <= time else { return false }
      return unsubscribedAt.map { $0 > time } ?? true
    }
  }

  let simulator: ShopSimulator
  var random: SimulationRandom
  let startSecond: Int
  let endSecond: Int
  /// Seconds per period of the purchase model.
  let secondsPerPeriod: Double
  let productsPerCategory: Int
  let productIDs: [String]
  let productNames: [String]
  var orders: [Order] = []
  /// The orders' times in seconds, for sorting.
  var orderSeconds: [Int] = []
  var events: [CustomerEvent] = []
  /// The events' times in seconds, for sorting.
  var eventSeconds: [Int] = []
  var histories: [History] = []
  var customers: [SimulatedCustomer] = []

  init(simulator: ShopSimulator, seed: UInt64) {
    self.simulator = simulator
    random = SimulationRandom(seed: seed)
    startSecond = Int(simulator.start.timeIntervalSince1970.rounded(.down))
    endSecond = startSecond + Int((simulator.historyDays * 86_400).rounded(.down))
    secondsPerPeriod = simulator.purchases.unit.days * 86_400
    productsPerCategory = simulator.catalog.productsPerCategory
    let products = simulator.catalog.products
    productIDs = products.map(\.id)
    productNames = products.map { $0.name ?? $0.id }
    histories.reserveCapacity(simulator.customers)
    customers.reserveCapacity(simulator.customers)
  }

  /// Draws customer `index` (from 0): their traits, organic orders with their sessions and
  /// deliveries, abandoned sessions, account, consent and survey answer.
  mutating func simulateCustomer(_ index: Int) {
    let behaviour = simulator.behaviour
    let parameters = simulator.purchases.parameters
    var history = History(id: "c\(index + 1)")
    let acquisitionSeconds = simulator.acquisitionDays * 86_400 - 3_600
    let first = startSecond + 3_600 + Int((random.uniform() * acquisitionSeconds).rounded(.down))
    let rate = random.gamma(shape: parameters.r, rate: parameters.alpha)
    let dropout = random.beta(parameters.a, parameters.b)
    history.spendScale = simulator.orderValues.customerScale(using: &random)
    history.favouriteCategory = random.index(simulator.catalog.categories.count)

    // BG/NBD: Poisson purchases at `rate` per period; a drop-out coin after each repeat purchase.
    var times = [first]
    var isAlive = true
    if rate > 0 {
      var elapsed = 0.0
      let age = Double(endSecond - first) / secondsPerPeriod
      while true {
        elapsed += random.exponential(rate: rate)
        if elapsed > age { break }
        let time = first + Int((elapsed * secondsPerPeriod).rounded(.down))
        if time > times[times.count - 1] { times.append(time) }
        if random.bernoulli(dropout) {
          isAlive = false
          break
        }
      }
    }
    history.organicOrderTimes = times

    // The latent satisfaction: the normal score of the rate's rank, mixed with noise.
    let rank = regularizedGamma(parameters.r, parameters.alpha * rate)
    let clamp = 1e-10
    let score =
      rank.lower < 0.5
      ? standardNormalQuantile(max(clamp, rank.lower)) : -standardNormalQuantile(max(clamp, rank.upper))
    let rho = behaviour.satisfactionCorrelation
    let satisfaction = rho * score + (1 - rho * rho).squareRoot() * random.standardNormal()

    // Consent and account come with the first order.
    let hasAccount = random.bernoulli(behaviour.accountShare)
    if random.bernoulli(behaviour.emailSubscriptionShare) { history.emailSince = first - 1 }
    if random.bernoulli(behaviour.smsSubscriptionShare) { history.smsSince = first - 1 }
    if history.emailSince != nil || history.smsSince != nil, random.bernoulli(behaviour.unsubscribeShare) {
      history.unsubscribedAt =
        first + 1 + Int((random.uniform() * Double(max(1, endSecond - first - 1))).rounded(.down))
    }
    histories.append(history)
    let customer = histories.count - 1

    if hasAccount { append(customer, first - 3, .accountCreated) }
    if let since = history.emailSince { append(customer, since, .subscribed(channel: .email)) }
    if let since = history.smsSince { append(customer, since, .subscribed(channel: .sms)) }
    var firstDelivery: Int?
    for (number, time) in times.enumerated() {
      let amount = simulator.orderValues.orderValue(scale: history.spendScale, using: &random)
      let delivered = appendOrder(customer: customer, id: "\(history.id)-\(number + 1)", at: time, amount: amount)
      if number == 0 { firstDelivery = delivered }
    }
    appendAbandonedSessions(customer: customer)
    if let unsubscribed = history.unsubscribedAt, unsubscribed <= endSecond {
      if history.emailSince != nil { append(customer, unsubscribed, .unsubscribed(channel: .email)) }
      if history.smsSince != nil { append(customer, unsubscribed, .unsubscribed(channel: .sms)) }
    }
    if random.bernoulli(behaviour.surveyShare), let firstDelivery {
      let answer = Int((behaviour.surveyScoreMean + behaviour.surveyScoreSpread * satisfaction).rounded())
      let time = firstDelivery + Int(behaviour.surveyDelayDays * 86_400) + random.index(86_400)
      append(customer, time, .surveyAnswered(score: Double(min(10, max(0, answer)))))
    }
    customers.append(
      SimulatedCustomer(
        id: history.id, firstOrderAt: Date(timeIntervalSince1970: Double(first)), purchaseRate: rate,
        dropoutProbability: dropout, isAlive: isAlive,
        spendScale: simulator.orderValues.usesCustomerScale ? history.spendScale : nil,
        satisfaction: satisfaction, favouriteCategory: simulator.catalog.categories[history.favouriteCategory],
        organicOrders: times.count))
  }

  /// Appends an event of `customer` at `time` unless it is after the end of the history.
  mutating func append(_ customer: Int, _ time: Int, _ kind: CustomerEvent.Kind) {
    guard time <= endSecond else { return }
    eventSeconds.append(time)
    events.append(
      CustomerEvent(customerID: histories[customer].id, time: Date(timeIntervalSince1970: Double(time)), kind: kind))
  }

  /// A product index for `customer`: from the favourite category with the catalogue's share,
  /// otherwise from a uniform category.
  mutating func drawProduct(for customer: Int) -> Int {
    let catalog = simulator.catalog
    let category =
      random.bernoulli(catalog.favouriteShare)
      ? histories[customer].favouriteCategory : random.index(catalog.categories.count)
    return category * productsPerCategory + random.index(productsPerCategory)
  }

  /// The shop: orders and events sorted by time (ties in the order they were made), with the
  /// truth.
  mutating func finish(flows: [SimulationTruth.FlowTruth]) -> SimulatedShop {
    let eventOrder = Self.chronologicalOrder(eventSeconds)
    let orderOrder = Self.chronologicalOrder(orderSeconds)
    let behaviour = simulator.behaviour
    let (mean, spread) = (behaviour.surveyScoreMean, behaviour.surveyScoreSpread)
    let nps =
      1 - standardNormalDistribution((8.5 - mean) / spread) - standardNormalDistribution((6.5 - mean) / spread)
    return SimulatedShop(
      simulator: simulator, orders: orderOrder.map { orders[$0] }, events: eventOrder.map { events[$0] },
      truth: SimulationTruth(customers: customers, flows: flows, expectedNetPromoterScore: nps))
  }

  /// The positions of `seconds` sorted by time, ties by position.
  static func chronologicalOrder(_ seconds: [Int]) -> [Int] {
    guard let first = seconds.min(), let last = seconds.max() else { return [] }
    // Time and position packed into one integer sort much faster than a comparison closure.
    if UInt64(last - first) < 1 << 32 && UInt64(seconds.count) < 1 << 32 {
      var keys = seconds.enumerated().map { UInt64($0.element - first) << 32 | UInt64($0.offset) }
      keys.sort()
      return keys.map { Int($0 & 0xFFFF_FFFF) }
    }
    return seconds.indices.sorted { seconds[$0] != seconds[$1] ? seconds[$0] < seconds[$1] : $0 < $1 }
  }
}

import Foundation

/// The candidates of the learned ranker and their features, as of the end of a history.
///
/// The candidates of a customer are the products they bought, the products item-to-item
/// (cosine) scores highest for them and the most popular products of the last 90 days (the
/// "candidate generation + ranking" pattern of large recommenders). Each (customer, candidate)
/// pair gets the features named in ``names``: the customer's own basket count, share and
/// time-decayed frequency of the product (the personal frequency of Li et al. 2023 and Hu et al.
/// 2020), the days since they last bought it, its global and recent popularity, the item-to-item
/// score, how often its buyers rebuy it, and the customer's own habit of rebuying.
struct RankerFeatures: Sendable {
  /// The feature names, in order.
  static let names = [
    "bought", "log basket count", "basket share", "log decayed count", "log days since bought",
    "log popularity share", "log buyers 30 days", "log buyers 90 days", "log item-to-item score",
    "item-to-item score / best", "product repeat rate", "bought × product repeat rate",
    "bought × log customer baskets", "bought × customer repeat share", "grouped decayed frequency",
    "in the last basket", "bought × log popularity share", "item-to-item score / customer's products",
  ]
  /// The number of features.
  static var count: Int { names.count }
  /// The neighbours per product of the item-to-item scores (the item-kNN baseline's choice on
  /// both validation windows).
  static let similarityNeighbours = 20
  /// The half-life of the decayed count, in days (fixed).
  static let halfLifeDays = 90.0
  /// The grouping of the TIFU-KNN personal vector (Hu et al. 2020; m = 3, r_b = 0.9, r_g = 0.6,
  /// the values chosen for TIFU-KNN on the UCI validation window).
  static let grouping = (size: 3, withinGroupDecay: 0.9, acrossGroupDecay: 0.6)

  let history: PurchaseHistory
  let itemToItem: ItemToItemRecommender
  let recentBuyers30: [Int32]
  let recentBuyers90: [Int32]
  /// The popular candidates: the most popular products of the last 90 days (then of all time).
  let popularCandidates: [Int32]
  /// The item-to-item candidates per customer.
  let neighbourCandidateCount: Int
  /// The number of customers with a basket.
  let activeCustomers: Int

  /// Counts popularity and computes the item similarities of a history.
  ///
  /// - Parameters:
  ///   - history: The history; features are measured at its end.
  ///   - candidateCount: The popular candidates (at least 0).
  ///   - neighbourCandidateCount: The item-to-item candidates per customer (at least 0).
  ///   - similarity: Cosine similarities of `history` (``similarityNeighbours`` neighbours).
  init(_ history: PurchaseHistory, candidateCount: Int, neighbourCandidateCount: Int, similarity: ItemSimilarity) {
    self.history = history
    itemToItem = ItemToItemRecommender(history, similarity: similarity)
    let recent30 = PopularityRecommender(history, windowDays: 30, candidateCount: 1).buyers
    let recent90 = PopularityRecommender(history, windowDays: 90, candidateCount: 1).buyers
    recentBuyers30 = recent30
    recentBuyers90 = recent90
    let global = history.productCustomerCounts
    var all = (0..<Int32(history.productCount)).filter { global[Int($0)] > 0 }
    all.sort { a, b in
      let left = (recent90[Int(a)], global[Int(a)]), right = (recent90[Int(b)], global[Int(b)])
      return left != right ? left > right : a < b
    }
    popularCandidates = Array(all.prefix(candidateCount))
    self.neighbourCandidateCount = neighbourCandidateCount
    var active = 0
    for customer in 0..<history.customerCount
    where history.customerBasketStarts[customer + 1] > history.customerBasketStarts[customer] {
      active += 1
    }
    activeCustomers = active
  }

  /// Calls `body` once per candidate of a customer with its features, the item-to-item anchor
  /// (the customer's product behind its item-to-item score, or -1) and where it came from
  /// (0 bought before, 1 item-to-item, 2 popular).
  ///
  /// - Parameters:
  ///   - customer: The customer number, or `nil` for an unknown customer (popular candidates).
  ///   - scratch: Reused buffers (`personal`, `grouped`, `neighbours` reset on return; `seen` is the caller's).
  ///   - features: Reused storage for one feature vector.
  ///   - body: Receives the product, the features, the anchor and the source.
  /// - Complexity: O(*m* *n* + *c*), where *m* is the number of the customer's products, *n* the
  ///   item neighbours and *c* the candidates.
  func forEachCandidate(
    ofCustomer customer: Int?, scratch: inout RankerScratch, features: inout [Double],
    _ body: (Int32, [Double], Int32, Int8) -> Void
  ) {
    let now = history.asOf.timeIntervalSince1970
    var customerBaskets = 0.0
    var repeatShare = 0.0
    var personal: Range<Int> = 0..<0
    var lastBasket: ArraySlice<Int32> = []
    if let customer {
      let baskets = history.baskets(ofCustomerNumber: customer)
      customerBaskets = Double(baskets.count)
      let rate = -M_LN2 / (Self.halfLifeDays * 86_400)
      let count = baskets.count
      let groupSize = Self.grouping.size
      let groupCount = (count + groupSize - 1) / groupSize
      let oldestGroupSize = count - (groupCount - 1) * groupSize
      for (offset, basket) in baskets.enumerated() {
        let weight = exp(rate * Swift.max(0, now - history.basketTimes[Int(basket)]))
        // TIFU-KNN's personal vector (as in TimeDecayedVectors): group 0 is the oldest, short one.
        let group = offset < oldestGroupSize ? 0 : 1 + (offset - oldestGroupSize) / groupSize
        let size = group == 0 ? oldestGroupSize : groupSize
        let end = group == 0 ? oldestGroupSize : oldestGroupSize + group * groupSize
        let grouped =
          pow(Self.grouping.withinGroupDecay, Double(end - 1 - offset)) / Double(size)
          * pow(Self.grouping.acrossGroupDecay, Double(groupCount - 1 - group)) / Double(groupCount)
        for product in history.products(ofBasket: Int(basket)) {
          scratch.personal.add(weight, to: Int(product))
          scratch.grouped.add(grouped, to: Int(product))
        }
      }
      lastBasket = baskets.last.map { history.products(ofBasket: Int($0)) } ?? []
      personal = history.productRange(ofCustomerNumber: customer)
      var lines = 0.0, distinct = 0.0
      for position in personal {
        lines += Double(history.customerProductBaskets[position])
        distinct += 1
      }
      repeatShare = lines > 0 ? (lines - distinct) / lines : 0
      itemToItem.addScores(for: customer, into: &scratch.neighbours)
    }
    var bestNeighbour = 0.0
    for product in scratch.neighbours.touched {
      bestNeighbour = Swift.max(bestNeighbour, scratch.neighbours.values[Int(product)])
    }
    let logCustomerBaskets = log1p(customerBaskets)
    let logActive = log(Double(activeCustomers) + 1)
    let distinctProducts = Double(personal.count)

    func emit(_ product: Int32, source: Int8) {
      let index = Int(product)
      guard !scratch.seen.isTouched(index) else { return }
      let position = customer.flatMap { history.position(ofProduct: product, ofCustomerNumber: $0) }
      let count = position.map { Double(history.customerProductBaskets[$0]) } ?? 0
      let bought = count > 0 ? 1.0 : 0
      let neighbour = scratch.neighbours.values[index]
      let buyers = history.productCustomerCounts[index]
      let repeatRate = buyers > 0 ? Double(history.productRepeatCustomerCounts[index]) / Double(buyers) : 0
      features[0] = bought
      features[1] = log1p(count)
      features[2] = customerBaskets > 0 ? count / customerBaskets : 0
      features[3] = log1p(scratch.personal.values[index])
      features[4] = position.map { log1p(Swift.max(0, now - history.customerProductLastTimes[$0]) / 86_400) } ?? 0
      features[5] = log(Double(buyers) + 1) - logActive
      features[6] = log1p(Double(recentBuyers30[index]))
      features[7] = log1p(Double(recentBuyers90[index]))
      features[8] = log1p(neighbour)
      features[9] = bestNeighbour > 0 ? neighbour / bestNeighbour : 0
      features[10] = repeatRate
      features[11] = bought * repeatRate
      features[12] = bought * logCustomerBaskets
      features[13] = bought * repeatShare
      features[14] = scratch.grouped.values[index]
      features[15] = bought > 0 && lastBasket.sortedContains(product) ? 1 : 0
      features[16] = bought * features[5]
      features[17] = distinctProducts > 0 ? neighbour / distinctProducts : 0
      let anchor = neighbour > 0 ? scratch.neighbours.evidence[index] : -1
      scratch.seen.add(1, to: index)
      body(product, features, anchor, source)
    }

    for position in personal { emit(history.customerProducts[position], source: 0) }
    if neighbourCandidateCount > 0, !scratch.neighbours.touched.isEmpty {
      let values = scratch.neighbours.values
      let best = selectFirst(neighbourCandidateCount, of: scratch.neighbours.touched) {
        values[Int($0)] != values[Int($1)] ? values[Int($0)] > values[Int($1)] : $0 < $1
      }
      for product in best { emit(product, source: 1) }
    }
    for product in popularCandidates { emit(product, source: 2) }
    scratch.personal.reset()
    scratch.grouped.reset()
    scratch.neighbours.reset()
  }
}

/// Reused buffers for ``RankerFeatures/forEachCandidate(ofCustomer:scratch:features:_:)``.
struct RankerScratch: Sendable {
  /// The customer's decayed counts.
  var personal: ScoreBuffer
  /// The customer's TIFU-KNN personal vector.
  var grouped: ScoreBuffer
  /// The customer's item-to-item scores and anchors.
  var neighbours: ScoreBuffer
  /// The candidates emitted so far (reset by the caller).
  var seen: ScoreBuffer

  init(personal: ScoreBuffer, grouped: ScoreBuffer, neighbours: ScoreBuffer, seen: ScoreBuffer) {
    self.personal = personal
    self.grouped = grouped
    self.neighbours = neighbours
    self.seen = seen
  }

  init(productCount: Int) {
    personal = ScoreBuffer(productCount: productCount)
    grouped = ScoreBuffer(productCount: productCount)
    neighbours = ScoreBuffer(productCount: productCount)
    seen = ScoreBuffer(productCount: productCount)
  }
}

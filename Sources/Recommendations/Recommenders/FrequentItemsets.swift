/// Frequent itemsets of the baskets, found with Apriori (Agrawal & Srikant 1994).
///
/// An itemset is frequent when at least `minimumCount` baskets contain all of its products. The
/// search grows itemsets one product at a time (level *k* from the frequent sets of level
/// *k* − 1, keeping only candidates whose every (*k* − 1)-subset is frequent, the Apriori
/// property), up to `maximumSize` products. Baskets with more than `maximumBasketSize` distinct
/// products are left out of the counts (and of ``basketCount``): a wholesale order of 500
/// products would add 20 million triples.
///
/// ```swift
/// let itemsets = FrequentItemsets(history, minimumSupport: 0.001, maximumSize: 3)
/// let rules = itemsets.rules(minimumConfidence: 0.2)
/// ```
public struct FrequentItemsets: Sendable {
  /// One frequent itemset.
  public struct Itemset: Sendable, Hashable, Codable {
    /// The product numbers, ascending.
    public var products: [ProductNumber]
    /// The number of baskets containing every product.
    public var count: Int
  }

  /// The number of baskets counted.
  public let basketCount: Int
  /// The smallest count of a frequent itemset.
  public let minimumCount: Int
  /// The largest itemset size searched.
  public let maximumSize: Int
  /// The frequent itemsets, by size and then by products.
  public let itemsets: [Itemset]
  /// The count of every frequent itemset, by its products.
  let counts: [[Int32]: Int]

  /// Finds the frequent itemsets.
  ///
  /// - Parameters:
  ///   - history: The purchase history (its baskets).
  ///   - minimumSupport: The smallest share (`0...1`) of baskets an itemset must appear in; the
  ///     count threshold is `max(2, ceil(minimumSupport * baskets))`.
  ///   - maximumSize: The largest itemset (at least 1; default 3).
  ///   - maximumBasketSize: Leave out baskets with more distinct products (default 50), or `nil`.
  /// - Complexity: O(Σ C(*m*, *k*)) over baskets of *m* frequent products and sizes *k* ≤
  ///   `maximumSize`.
  public init(_ history: PurchaseHistory, minimumSupport: Double, maximumSize: Int = 3, maximumBasketSize: Int? = 50) {
    precondition((0...1).contains(minimumSupport), "the minimum support is a share in 0...1")
    precondition(maximumSize >= 1, "itemsets have at least one product")
    let limit = maximumBasketSize ?? Int.max
    var baskets: [[Int32]] = []
    for basket in 0..<history.basketCount {
      let products = history.products(ofBasket: basket)
      if !products.isEmpty && products.count <= limit { baskets.append(Array(products)) }
    }
    basketCount = baskets.count
    let threshold = Swift.max(2, Int((minimumSupport * Double(baskets.count)).rounded(.up)))
    minimumCount = threshold
    self.maximumSize = maximumSize

    var singles = [Int](repeating: 0, count: history.productCount)
    for basket in baskets { for product in basket { singles[Int(product)] += 1 } }
    var counts: [[Int32]: Int] = [:]
    var level: [[Int32]] = []
    for product in singles.indices where singles[product] >= threshold {
      level.append([Int32(product)])
      counts[[Int32(product)]] = singles[product]
    }
    var found = level
    var size = 1
    // Baskets reduced to their frequent products.
    var isFrequent = singles.map { $0 >= threshold }
    while size < maximumSize && !level.isEmpty {
      size += 1
      baskets = baskets.map { $0.filter { isFrequent[Int($0)] } }.filter { $0.count >= size }
      var levelCounts: [[Int32]: Int] = [:]
      if size == 2 {
        var pairs: [UInt64: Int32] = [:]
        for basket in baskets {
          for first in 0..<(basket.count - 1) {
            let high = UInt64(UInt32(bitPattern: basket[first])) << 32
            for second in (first + 1)..<basket.count {
              pairs[high | UInt64(UInt32(bitPattern: basket[second])), default: 0] += 1
            }
          }
        }
        for (key, count) in pairs where Int(count) >= threshold {
          levelCounts[[Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)]] = Int(count)
        }
      } else {
        let candidates = Self.candidates(from: level, frequent: counts)
        guard !candidates.isEmpty else { break }
        var candidateCounts = Dictionary(uniqueKeysWithValues: candidates.map { ($0, 0) })
        var subset = [Int32](repeating: 0, count: size)
        for basket in baskets {
          Self.forEachCombination(of: basket, size: size, into: &subset) { combination in
            if let count = candidateCounts[combination] { candidateCounts[combination] = count + 1 }
          }
        }
        for (itemset, count) in candidateCounts where count >= threshold { levelCounts[itemset] = count }
      }
      level = levelCounts.keys.sorted { $0.lexicographicallyPrecedes($1) }
      for itemset in level { counts[itemset] = levelCounts[itemset] }
      found.append(contentsOf: level)
      isFrequent = [Bool](repeating: false, count: history.productCount)
      for itemset in level { for product in itemset { isFrequent[Int(product)] = true } }
    }
    self.counts = counts
    itemsets = found.map { Itemset(products: $0.map { ProductNumber(column: $0) }, count: counts[$0] ?? 0) }
  }

  /// The count of an itemset (its products in any order), or 0 when it is not frequent.
  ///
  /// - Parameter products: Product numbers.
  public func count(of products: [ProductNumber]) -> Int {
    counts[products.sorted().map { Int32($0.rawValue) }] ?? 0
  }

  /// Candidates of size *k* from the frequent sets of size *k* − 1 sharing their first *k* − 2
  /// products, pruned by the Apriori property.
  static func candidates(from level: [[Int32]], frequent: [[Int32]: Int]) -> [[Int32]] {
    var result: [[Int32]] = []
    var start = 0
    while start < level.count {
      var end = start + 1
      while end < level.count && level[end].dropLast() == level[start].dropLast() { end += 1 }
      for first in start..<end {
        for second in (first + 1)..<end {
          guard let last = level[second].last else { continue }
          let candidate = level[first] + [last]
          var isPruned = false
          for removed in 0..<(candidate.count - 2) {
            var subset = candidate
            subset.remove(at: removed)
            if frequent[subset] == nil {
              isPruned = true
              break
            }
          }
          if !isPruned { result.append(candidate) }
        }
      }
      start = end
    }
    return result
  }

  /// Calls `body` with every `size`-combination of `items` (ascending), reusing `subset`.
  static func forEachCombination(of items: [Int32], size: Int, into subset: inout [Int32], _ body: ([Int32]) -> Void) {
    var indices = Array(0..<size)
    let count = items.count
    guard count >= size else { return }
    while true {
      for position in 0..<size { subset[position] = items[indices[position]] }
      body(subset)
      var position = size - 1
      while position >= 0 && indices[position] == count - size + position { position -= 1 }
      guard position >= 0 else { return }
      indices[position] += 1
      for next in (position + 1)..<size { indices[next] = indices[next - 1] + 1 }
    }
  }

  /// The rules *X* → *y* with a single consequent drawn from the frequent itemsets.
  ///
  /// For an itemset *S* = *X* ∪ {*y*} with support s(*S*) (the share of baskets containing it):
  /// confidence = s(*S*) / s(*X*), lift = confidence / s(*y*), leverage = s(*S*) − s(*X*) s(*y*),
  /// conviction = (1 − s(*y*)) / (1 − confidence) (infinite when the confidence is 1).
  ///
  /// - Parameters:
  ///   - minimumConfidence: The smallest confidence kept (`0...1`; default 0.1).
  ///   - minimumLift: The smallest lift kept (default 1: no worse than chance).
  /// - Returns: The rules, by descending confidence, then lift, then antecedent and consequent.
  /// - Complexity: O(*s* *k*), where *s* is the number of itemsets and *k* their size.
  public func rules(minimumConfidence: Double = 0.1, minimumLift: Double = 1) -> [AssociationRule] {
    precondition((0...1).contains(minimumConfidence), "the confidence is a share in 0...1")
    let total = Double(basketCount)
    var result: [AssociationRule] = []
    for itemset in itemsets where itemset.products.count >= 2 {
      let key = itemset.products.map { Int32($0.rawValue) }
      let support = Double(itemset.count) / total
      for (position, consequent) in key.enumerated() {
        var antecedent = key
        antecedent.remove(at: position)
        guard let antecedentCount = counts[antecedent], let consequentCount = counts[[consequent]] else { continue }
        let confidence = Double(itemset.count) / Double(antecedentCount)
        let consequentSupport = Double(consequentCount) / total
        let lift = confidence / consequentSupport
        guard confidence >= minimumConfidence, lift >= minimumLift else { continue }
        result.append(
          AssociationRule(
            antecedent: antecedent.map { ProductNumber(column: $0) }, consequent: ProductNumber(column: consequent), count: itemset.count, support: support,
            confidence: confidence, lift: lift,
            leverage: support - Double(antecedentCount) / total * consequentSupport,
            conviction: confidence >= 1 ? .infinity : (1 - consequentSupport) / (1 - confidence)))
      }
    }
    result.sort { a, b in
      if a.confidence != b.confidence { return a.confidence > b.confidence }
      if a.lift != b.lift { return a.lift > b.lift }
      if a.antecedent != b.antecedent { return a.antecedent.lexicographicallyPrecedes(b.antecedent) }
      return a.consequent < b.consequent
    }
    return result
  }
}

/// An association rule *X* → *y*: baskets with every product of *X* also hold *y*.
public struct AssociationRule: Sendable, Hashable, Codable {
  /// The antecedent's product numbers, ascending.
  public var antecedent: [ProductNumber]
  /// The consequent's product number.
  public var consequent: ProductNumber
  /// The number of baskets with *X* ∪ {*y*}.
  public var count: Int
  /// s(*X* ∪ {*y*}): the share of baskets with all of them.
  public var support: Double
  /// s(*X* ∪ {*y*}) / s(*X*).
  public var confidence: Double
  /// confidence / s(*y*).
  public var lift: Double
  /// s(*X* ∪ {*y*}) − s(*X*) s(*y*).
  public var leverage: Double
  /// (1 − s(*y*)) / (1 − confidence); infinite at confidence 1.
  public var conviction: Double
}

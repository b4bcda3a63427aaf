/// "Frequently bought together": recommends the consequents of association rules whose
/// antecedent the customer has bought.
///
/// A product's score is the largest confidence of a matching rule *X* → *y* (Agrawal & Srikant
/// 1994), *X* ⊆ the customer's purchased products (or, with ``Basis/lastBasket``, the products
/// of the customer's most recent basket). The reason quotes the rule.
///
/// ```swift
/// let rules = FrequentItemsets(history, minimumSupport: 0.002).rules(minimumConfidence: 0.1)
/// let together = AssociationRuleRecommender(history, rules: rules)
/// ```
public struct AssociationRuleRecommender: Recommender, BufferedRecommender {
  /// Which of the customer's products rules may start from.
  public enum Basis: String, Sendable, Hashable, Codable {
    /// Everything the customer bought.
    case allPurchases
    /// The products of the customer's most recent basket.
    case lastBasket
  }

  /// The training history.
  public let history: PurchaseHistory
  /// The rules, as given.
  public let rules: [AssociationRule]
  /// The basis.
  public let basis: Basis
  /// Rule indices grouped by the smallest product of their antecedent.
  private let ruleStarts: [Int32]
  private let ruleOrder: [Int32]
  /// The consequent and confidence of each rule of ``ruleOrder``, and the other products of its
  /// antecedent (`antecedentStarts` into `antecedentRest`), as plain columns for scoring.
  private let orderedConsequents: [Int32]
  private let orderedConfidences: [Double]
  private let antecedentStarts: [Int32]
  private let antecedentRest: [Int32]

  /// Creates the recommender from rules mined on the same history.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - rules: Association rules (from ``FrequentItemsets/rules(minimumConfidence:minimumLift:)``).
  ///   - basis: All purchases (default) or the last basket.
  /// - Complexity: O(*r* + *p*), where *r* is the number of rules and *p* of products.
  public init(_ history: PurchaseHistory, rules: [AssociationRule], basis: Basis = .allPurchases) {
    self.history = history
    self.rules = rules
    self.basis = basis
    var counts = [Int32](repeating: 0, count: history.productCount + 1)
    for rule in rules {
      precondition(
        rule.consequent.rawValue < history.productCount && rule.antecedent.allSatisfy { $0.rawValue < history.productCount },
        "the rules belong to another history")
      counts[rule.antecedent.min()!.rawValue + 1] += 1
    }
    for product in 0..<history.productCount { counts[product + 1] += counts[product] }
    var fill = Array(counts.dropLast())
    var order = [Int32](repeating: 0, count: rules.count)
    for (index, rule) in rules.enumerated() {
      let first = rule.antecedent.min()!.rawValue
      order[Int(fill[first])] = Int32(index)
      fill[first] += 1
    }
    ruleStarts = counts
    ruleOrder = order
    var consequents: [Int32] = []
    var confidences: [Double] = []
    var starts: [Int32] = [0]
    var rest: [Int32] = []
    consequents.reserveCapacity(order.count)
    confidences.reserveCapacity(order.count)
    starts.reserveCapacity(order.count + 1)
    for index in order {
      let rule = rules[Int(index)]
      consequents.append(Int32(rule.consequent.rawValue))
      confidences.append(rule.confidence)
      let first = rule.antecedent.map(\.rawValue).min() ?? -1
      for product in rule.antecedent where product.rawValue != first { rest.append(Int32(product.rawValue)) }
      starts.append(Int32(rest.count))
    }
    orderedConsequents = consequents
    orderedConfidences = confidences
    antecedentStarts = starts
    antecedentRest = rest
  }

  /// Mines the rules and creates the recommender.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - minimumSupport: The smallest share of baskets of a frequent itemset (default 0.001).
  ///   - minimumConfidence: The smallest confidence of a rule (default 0.05).
  ///   - maximumItemsetSize: The largest itemset (default 2: pair rules).
  ///   - maximumBasketSize: Leave out larger baskets (default 50).
  ///   - basis: All purchases (default) or the last basket.
  /// - Complexity: That of ``FrequentItemsets/init(_:minimumSupport:maximumSize:maximumBasketSize:)``.
  public init(
    _ history: PurchaseHistory, minimumSupport: Double = 0.001, minimumConfidence: Double = 0.05,
    maximumItemsetSize: Int = 2, maximumBasketSize: Int? = 50, basis: Basis = .allPurchases
  ) {
    let itemsets = FrequentItemsets(
      history, minimumSupport: minimumSupport, maximumSize: maximumItemsetSize, maximumBasketSize: maximumBasketSize)
    self.init(history, rules: itemsets.rules(minimumConfidence: minimumConfidence), basis: basis)
  }

  /// `association rules`.
  public var description: String { "association rules" }

  /// For every consequent, the largest confidence of a matching rule, with the evidence
  /// ``Evidence/associationRule(_:)``.
  ///
  /// - Complexity: O(*m* *r*), where *m* is the number of the customer's products and *r* the
  ///   rules starting from each.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    guard let customer else { return }
    let owned: ArraySlice<Int32>
    switch basis {
    case .allPurchases: owned = history.products(ofCustomerNumber: customer)
    case .lastBasket:
      guard let last = history.baskets(ofCustomerNumber: customer).last else { return }
      owned = history.products(ofBasket: Int(last))
    }
    // The largest confidence per consequent, the first such rule kept (strictly larger replaces):
    // the spare buffer's strongest contribution and its evidence.
    var best = scores.takeSpare()
    for product in owned {
      for position in Int(ruleStarts[Int(product)])..<Int(ruleStarts[Int(product) + 1]) {
        var matches = true
        for other in Int(antecedentStarts[position])..<Int(antecedentStarts[position + 1])
        where !owned.sortedContains(antecedentRest[other]) {
          matches = false
          break
        }
        guard matches else { continue }
        best.add(orderedConfidences[position], to: Int(orderedConsequents[position]), evidence: ruleOrder[position])
      }
    }
    // In product order, as scored before (the order of `ProductScores.products`).
    for product in best.touched.sorted() {
      scores.add(best.strongest[Int(product)], to: Int(product), evidence: best.evidence[Int(product)])
    }
    best.reset()
    scores.returnSpare(best)
  }

  func evidence(ofProduct product: Int, code rule: Int32, source: Int8, customer: Int?) -> Evidence? {
    guard rule >= 0, Int(rule) < rules.count else { return nil }
    return .associationRule(rules[Int(rule)])
  }
}

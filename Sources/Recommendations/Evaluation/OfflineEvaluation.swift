public import Foundation
import _RetentionSupport

/// A time-based split of an order log for comparing recommenders offline.
///
/// Orders before the split train the recommenders (``training``); the products each customer
/// bought at or after the split (up to `end`) are the targets. A customer is evaluated when they
/// bought something before the split and something after it; everyone's list is ranked by the
/// recommender, the metrics (``RankingMetrics``) averaged over the evaluated customers, and the
/// catalogue coverage is the share of products bought in training that appear in at least one
/// evaluated customer's top-*k* list. Each result also splits the accuracy into repeat items
/// (targets the customer bought before the split) and new items (``EvaluationSlice``), as Li et
/// al. ("A Next Basket Recommendation Reality Check", TOIS 2023) do.
///
/// ```swift
/// let evaluation = try OfflineEvaluation(log: log, split: splitDate)
/// let popular = PopularityRecommender(evaluation.training)
/// let personal = RepeatPurchaseRecommender(evaluation.training)
/// for result in evaluation.compare([popular, personal], k: 10) {
///   print(result.name, result.ndcgAtK, result.hitRateAtK)
/// }
/// ```
public struct OfflineEvaluation: Sendable {
  /// The split: training orders are placed before it.
  public let split: Date
  /// The purchases before the split.
  public let training: PurchaseHistory
  /// The evaluated customers' numbers, ascending.
  let evaluatedCustomers: [Int32]
  /// The start of each evaluated customer's targets in ``targetProducts``.
  let targetStarts: [Int32]
  /// The distinct products each evaluated customer bought at or after the split, ascending.
  let targetProducts: [Int32]

  /// Splits a log.
  ///
  /// - Parameters:
  ///   - log: The order log.
  ///   - split: Orders before this instant train; orders at or after it are the test period.
  ///   - end: The end of the test period (excluded), or `nil` for the end of the log.
  /// - Throws: ``RecommendationsError`` (`.insufficientData`) when the split leaves no training
  ///   purchases or no customer to evaluate.
  /// - Complexity: O(*n* + *l*), where *n* is the number of orders and *l* the number of lines.
  public init(log: OrderLog, split: Date, end: Date? = nil) throws {
    self.split = split
    training = PurchaseHistory(log, before: split)
    guard training.basketCount > 0 else {
      throw RecommendationsError(.insufficientData, reason: "the split leaves no training purchases")
    }
    let splitTime = split.timeIntervalSince1970
    let endTime = end?.timeIntervalSince1970 ?? .infinity
    var customers: [Int32] = []
    var starts: [Int32] = [0]
    var products: [Int32] = []
    var seen = [Bool](repeating: false, count: log.products.count)
    var scratch: [Int32] = []
    for customer in 0..<log.customerCount where !training.products(ofCustomerNumber: customer).isEmpty {
      scratch.removeAll(keepingCapacity: true)
      for orderIndex in log.orderIndices(ofCustomerNumber: customer) {
        let order = Int(orderIndex)
        let time = log.orderTimes[order]
        guard log.orderIsPurchase[order], time >= splitTime, time < endTime else { continue }
        for line in Int(log.orderLineStarts[order])..<Int(log.orderLineStarts[order + 1])
        where log.lineQuantities[line] > 0 {
          let product = log.lineProducts[line]
          if !seen[Int(product)] {
            seen[Int(product)] = true
            scratch.append(product)
          }
        }
      }
      guard !scratch.isEmpty else { continue }
      for product in scratch { seen[Int(product)] = false }
      scratch.sort()
      customers.append(Int32(customer))
      products.append(contentsOf: scratch)
      starts.append(Int32(products.count))
    }
    guard !customers.isEmpty else {
      throw RecommendationsError(.insufficientData, reason: "no customer bought both before and after the split")
    }
    evaluatedCustomers = customers
    targetStarts = starts
    targetProducts = products
  }

  /// The targets of the evaluated customer at a position of ``evaluatedCustomers``.
  func targets(at position: Int) -> ArraySlice<Int32> {
    targetProducts[Int(targetStarts[position])..<Int(targetStarts[position + 1])]
  }

  /// The numbers (in ``training``) of the evaluated customers, ascending.
  ///
  /// - Complexity: O(*c*), where *c* is the number of evaluated customers.
  public var evaluatedCustomerNumbers: [Int] { evaluatedCustomers.map(Int.init) }

  /// The distinct products an evaluated customer bought at or after the split, ascending.
  ///
  /// - Parameter position: A position in ``evaluatedCustomerNumbers``.
  /// - Complexity: O(*m*), where *m* is the number of the customer's targets.
  public func targetProducts(at position: Int) -> [ProductNumber] {
    targets(at: position).map { ProductNumber(column: $0) }
  }

  /// Evaluates one recommender.
  ///
  /// - Parameters:
  ///   - recommender: A recommender trained on ``training``.
  ///   - k: The list length and metric cut-off (at least 0).
  ///   - filter: The business rules applied to every list (none by default).
  /// - Returns: The mean metrics over the evaluated customers, the coverage, and the seconds spent
  ///   ranking.
  /// - Complexity: O(*c* *w*), where *c* is the number of evaluated customers and *w* the ranking
  ///   work per customer; run in parallel chunks whose results do not depend on the thread count.
  public func evaluate(_ recommender: some Recommender, k: Int = 10, filter: RecommendationFilter = .none)
    -> EvaluationResult
  {
    precondition(k >= 0, "k must not be negative")
    precondition(recommender.history.productCount == training.productCount, "train the recommender on `training`")
    let clock = ContinuousClock()
    let start = clock.now
    let compiled = CompiledFilter(filter, history: training)
    let chunks = ParallelWork.chunks(of: evaluatedCustomers.count, count: 16, minimumSize: 64)
    let partials = ParallelWork.map(chunks) { range -> EvaluationPartial in
      var partial = EvaluationPartial()
      var workspace = RankingWorkspace(recommender)
      var isTarget = [Bool](repeating: false, count: training.productCount)
      var isRecommended = [Bool](repeating: false, count: training.productCount)
      var wasBought = [Bool](repeating: false, count: training.productCount)
      for position in range {
        let customer = Int(evaluatedCustomers[position])
        let list = recommender.topProducts(
          forCustomerNumber: customer, count: k, filter: compiled, workspace: &workspace)
        let targets = self.targets(at: position)
        let bought = training.products(ofCustomerNumber: customer)
        for product in targets { isTarget[Int(product)] = true }
        for product in bought { wasBought[Int(product)] = true }
        let repeatCount = targets.reduce(0) { $0 + (wasBought[Int($1)] ? 1 : 0) }
        let metrics = RankingMetrics(k: k, relevantCount: targets.count) { visit in
          for product in list { visit(isTarget[Int(product)]) }
        }
        partial.sums[0] += metrics.precision
        partial.sums[1] += metrics.recall
        partial.sums[2] += metrics.hitRate
        partial.sums[3] += metrics.averagePrecision
        partial.sums[4] += metrics.ndcg
        // Repeat and new items (Li et al. 2023): the same list against the targets the customer
        // had bought before the split, and against the others.
        for slice in 0..<2 {
          let isRepeat = slice == 0
          let relevant = isRepeat ? repeatCount : targets.count - repeatCount
          guard relevant > 0 else { continue }
          let sliceMetrics = RankingMetrics(k: k, relevantCount: relevant) { visit in
            for product in list { visit(isTarget[Int(product)] && wasBought[Int(product)] == isRepeat) }
          }
          partial.sliceCustomers[slice] += 1
          partial.sliceSums[3 * slice] += sliceMetrics.hitRate
          partial.sliceSums[3 * slice + 1] += sliceMetrics.recall
          partial.sliceSums[3 * slice + 2] += sliceMetrics.ndcg
        }
        for product in targets { isTarget[Int(product)] = false }
        for product in bought { wasBought[Int(product)] = false }
        for product in list where !isRecommended[Int(product)] {
          isRecommended[Int(product)] = true
          partial.recommended.append(product)
        }
      }
      return partial
    }
    var sums = [Double](repeating: 0, count: 5)
    var sliceSums = [Double](repeating: 0, count: 6)
    var sliceCustomers = [0, 0]
    var covered = [Bool](repeating: false, count: training.productCount)
    for partial in partials {
      for index in 0..<5 { sums[index] += partial.sums[index] }
      for index in 0..<6 { sliceSums[index] += partial.sliceSums[index] }
      for index in 0..<2 { sliceCustomers[index] += partial.sliceCustomers[index] }
      for product in partial.recommended { covered[Int(product)] = true }
    }
    let catalogue = training.purchasedProductCount
    var coveredCount = 0
    for product in 0..<training.productCount where covered[product] && training.productBasketCounts[product] > 0 {
      coveredCount += 1
    }
    let elapsed = clock.now - start
    let customers = Double(evaluatedCustomers.count)
    return EvaluationResult(
      name: recommender.name, customers: evaluatedCustomers.count, k: k,
      precisionAtK: sums[0] / customers, recallAtK: sums[1] / customers, hitRateAtK: sums[2] / customers,
      mapAtK: sums[3] / customers, ndcgAtK: sums[4] / customers,
      coverage: catalogue > 0 ? Double(coveredCount) / Double(catalogue) : 0,
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
      repeatItems: EvaluationSlice(customers: sliceCustomers[0], sums: sliceSums[0..<3]),
      newItems: EvaluationSlice(customers: sliceCustomers[1], sums: sliceSums[3..<6]))
  }

  /// Evaluates several recommenders side by side, in the given order.
  ///
  /// - Parameters:
  ///   - recommenders: Recommenders trained on ``training``.
  ///   - k: The list length and metric cut-off.
  ///   - filter: The business rules.
  /// - Returns: One result per recommender.
  /// - Complexity: The sum of the recommenders' ``evaluate(_:k:filter:)``.
  public func compare(_ recommenders: [any Recommender], k: Int = 10, filter: RecommendationFilter = .none)
    -> [EvaluationResult]
  {
    recommenders.map { evaluate($0, k: k, filter: filter) }
  }
}

/// One chunk's sums of the five metrics, and the products it recommended.
struct EvaluationPartial: Sendable {
  var sums = [Double](repeating: 0, count: 5)
  /// Hit rate, recall and NDCG sums of the repeat items, then of the new items.
  var sliceSums = [Double](repeating: 0, count: 6)
  /// The customers with repeat targets and with new targets.
  var sliceCustomers = [0, 0]
  var recommended: [Int32] = []
}

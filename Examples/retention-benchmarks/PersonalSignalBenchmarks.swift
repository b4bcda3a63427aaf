import Foundation
import RetentionCore
import Recommendations

/// Issue 21 (the +5 % item): every recommender variant tried, with its validation and its test
/// NDCG@10; the best NDCG@10 any non-personal list can reach on the test split (found by
/// peeking, a bound only); and a permutation test of the personal signal (training baskets
/// shuffled among the customers who shopped on the same day).
func personalSignalBenchmarks(_ runner: inout BenchmarkRunner) {
  // Twenty permutations of Groceries (2 s each); five of UCI (10 s each), where the drop is large.
  let cases: [(name: String, path: String, format: OrderFileFormat, split: Date, permutations: UInt64)] = [
    ("Groceries", "groceries/Groceries_dataset.csv", .groceries, utcDate(2015, 7, 1), 20),
    ("UCI Online Retail", "online-retail/online_retail.csv", .onlineRetail, utcDate(2011, 9, 1), 5),
  ]
  for item in cases {
    let names = [
      "variants tried", "non-personal bound", "permutation test", "validate with and without the shrunk frequency",
    ].map { "recommend: \(item.name) \($0)" }
    guard names.contains(where: runner.wants) else { continue }
    guard let url = sharedDataURL(item.path), let log = try? OrderLog(contentsOf: url, format: item.format),
      let evaluation = try? ValidatedEvaluation(log: log, split: item.split)
    else {
      print("shared data not found: skipping the \(item.name) personal-signal benchmarks")
      continue
    }
    if runner.wants(names[0]) {
      runner.measure(names[0], repeats: 1, warmUp: false) {
        for family in variantsTried { printVariants(of: family, on: evaluation) }
        return "\(variantsTried.count) families"
      }
    }
    if runner.wants(names[3]) {
      // The validated comparison with and without the shrunk frequency, interleaved in one
      // process: wall and process CPU time (all threads) of each run, the split included.
      let twelve = TunableRecommender.standard
      let eleven = twelve.filter { $0.name != "shrunk frequency" }
      var times: [[(wall: Double, cpu: Double)]] = [[], []]
      let clock = ContinuousClock()
      for run in 0..<(2 * runner.repeats + 2) {
        let families = run % 2 == 0 ? twelve : eleven
        let cpu = processCPUSeconds()
        let start = clock.now
        guard let evaluation = try? ValidatedEvaluation(log: log, split: item.split),
          (try? evaluation.compare(families, k: 10)) != nil
        else { break }
        let wall = clock.now - start
        // The first run of each is a warm-up.
        if run >= 2 {
          times[run % 2].append(
            (Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18, processCPUSeconds() - cpu))
        }
      }
      for (index, label) in ["twelve families", "eleven (no shrunk frequency)"].enumerated() {
        let walls = times[index].map(\.wall).sorted(), cpus = times[index].map(\.cpu).sorted()
        guard !walls.isEmpty else { continue }
        print(
          "    \(label): median wall \(String(format: "%.3f", walls[walls.count / 2])) s, median CPU "
            + "\(String(format: "%.3f", cpus[cpus.count / 2])) s (\(walls.count) runs; CPU "
            + cpus.map { String(format: "%.2f", $0) }.joined(separator: ", ") + ")")
      }
    }
    if runner.wants(names[1]) {
      runner.measure(names[1], repeats: 1, warmUp: false) {
        print("    PEEKING (bounds only), from the test period's own purchases:")
        let single = evaluation.test.evaluate(NonPersonalBound(evaluation.test, k: 10), k: 10)
        print("      the best single list for every test customer: " + figures(single))
        let groups = activityGroups(log, before: item.split)
        let grouped = evaluation.test.evaluate(
          NonPersonalBound(evaluation.test, k: 10, groupOfCustomer: groups, label: "per activity group"), k: 10)
        print(
          "      the best list per group of customers by orders before the split (1, 2, 3, 4-5, 6-9, 10+): "
            + figures(grouped))
        return "\(single.customers) customers"
      }
    }
    if runner.wants(names[2]) {
      runner.measure(names[2], repeats: 1, warmUp: false) {
        permutationTest(log, split: item.split, seeds: 1...item.permutations)
        return "\(item.permutations) permutations"
      }
    }
  }
}

/// The recommender families whose every grid point is reported, in the order they were tried.
let variantsTried: [TunableRecommender] = [
  // Written down before the first run: 1. the shrunk personal frequency as it went into
  // `TunableRecommender.standard`; 2. the same with a half-life; 3. TIFU-KNN shrunk toward
  // recent popularity; 4. user-kNN.
  TunableRecommender.shrunkFrequency,
  TunableRecommender.shrunkFrequency(priors: [0.5, 2, 8, 32, 128], windows: [90], halfLives: [90, 365]),
  TunableRecommender.shrunkTIFUKNN,
  TunableRecommender.userKNN,
  // Added after the first run: on Groceries the validation window chose β = 128, the edge of the
  // grid, with the validation NDCG still rising; larger priors tend to the popularity list.
  TunableRecommender.shrunkFrequency(priors: [128, 512, 2_048], windows: [30, 90]),
]

/// NDCG, hit rate and recall at 10, and the repeat and new splits, on one line.
func figures(_ result: EvaluationResult) -> String {
  String(
    format: "NDCG %.4f HR %.4f R %.4f | rep NDCG %.4f HR %.4f R %.4f (%d) | new NDCG %.4f HR %.4f R %.4f (%d)",
    result.ndcgAtK, result.hitRateAtK, result.recallAtK, result.repeatItems.ndcgAtK, result.repeatItems.hitRateAtK,
    result.repeatItems.recallAtK, result.repeatItems.customers, result.newItems.ndcgAtK, result.newItems.hitRateAtK,
    result.newItems.recallAtK, result.newItems.customers)
}

/// Prints every grid point's validation NDCG@10 (trained before the validation window) and test
/// figures (trained before the test split), then the point the validation window chooses.
func printVariants(of family: TunableRecommender, on evaluation: ValidatedEvaluation) {
  guard let validation = try? family.recommenders(trainedOn: evaluation.validation.training),
    let test = try? family.recommenders(trainedOn: evaluation.test.training)
  else {
    print("    \(family.name): could not be trained")
    return
  }
  print("    \(family.name):")
  var best = (index: 0, ndcg: -Double.infinity)
  for (index, point) in family.grid.enumerated() {
    let validated = evaluation.validation.evaluate(validation[index], k: 10).ndcgAtK
    if validated > best.ndcg { best = (index, validated) }
    let parameters = point.keys.sorted().map { "\($0) \(shortNumber(point[$0] ?? 0))" }.joined(separator: ", ")
    print(
      "      " + parameters.padding(toLength: 58, withPad: " ", startingAt: 0)
        + String(format: "val NDCG %.4f | test ", validated) + figures(evaluation.test.evaluate(test[index], k: 10)))
  }
  let chosen = family.grid[best.index].keys.sorted().map { "\($0) \(shortNumber(family.grid[best.index][$0] ?? 0))" }
  print("      chosen on validation: " + chosen.joined(separator: ", "))
}

private func shortNumber(_ value: Double) -> String {
  value == value.rounded() ? String(Int(value)) : String(value)
}

/// PEEKING, a bound only: one list for every customer (or for every group of customers), ordered
/// by Σ over the group's test customers who bought the product in the test period of 1 / IDCG@k
/// of that customer. A list's summed NDCG@k over a group is Σ_rank (1 / log2(rank + 1)) × (that
/// sum of its product at the rank), so by the rearrangement inequality no list that is the same
/// for every customer of a group (popularity of any window, any seasonal or trend model of it)
/// reaches a higher mean NDCG@k on this test split.
struct NonPersonalBound: Recommender {
  let history: PurchaseHistory
  let groupOfCustomer: [Int]
  let weights: [[Double]]
  let label: String

  /// - Parameter groupOfCustomer: The group of each customer number (one group when `nil`).
  init(_ evaluation: OfflineEvaluation, k: Int, groupOfCustomer: [Int]? = nil, label: String = "one list") {
    history = evaluation.training
    let groups = groupOfCustomer ?? [Int](repeating: 0, count: evaluation.training.customerCount)
    var weights = [[Double]](
      repeating: [Double](repeating: 0, count: evaluation.training.productCount), count: (groups.max() ?? 0) + 1)
    for (position, customer) in evaluation.evaluatedCustomerNumbers.enumerated() {
      let targets = evaluation.targetProducts(at: position)
      var ideal = 0.0
      for rank in 1...max(1, min(k, targets.count)) { ideal += 1 / log2(Double(rank) + 1) }
      for product in targets { weights[groups[customer]][product.rawValue] += 1 / ideal }
    }
    self.groupOfCustomer = groups
    self.weights = weights
    self.label = label
  }

  var description: String { "non-personal bound (peeking, \(label))" }

  func scores(for customer: Int?) -> ProductScores {
    var scores = ProductScores()
    let group = customer.map { groupOfCustomer[$0] } ?? 0
    for (product, weight) in weights[group].enumerated() where weight > 0 {
      scores.add(weight, to: ProductNumber(product))
    }
    return scores
  }
}

/// Each customer's group by the number of purchase orders before `split`: 1, 2, 3, 4-5, 6-9, 10+
/// (0 for none).
func activityGroups(_ log: OrderLog, before split: Date) -> [Int] {
  let splitTime = split.timeIntervalSince1970
  return log.customerIDs.map { id in
    let count = log.orderIndices(ofCustomer: id).filter { log.orderIsPurchase[$0] && log.orderTimes[$0] < splitTime }
      .count
    switch count {
    case 0...3: return count
    case 4...5: return 4
    case 6...9: return 5
    default: return 6
    }
  }
}

/// The log with the customers of its purchases before `split` shuffled among the purchases of
/// the same UTC day: every basket keeps its products and date, every customer keeps the number
/// and the days of their baskets, but which products a customer bought before the split is
/// random. The test period is untouched.
func permuted(_ log: OrderLog, before split: Date, seed: UInt64) -> OrderLog {
  var generator = SeededRandomNumberGenerator(seed: seed)
  var ordersOfDay: [Int: [Int]] = [:]
  let splitTime = split.timeIntervalSince1970
  for order in 0..<log.orderCount
  where log.orderTimes[order] < splitTime && log.orderIsPurchase[order] && log.orderCustomers[order] >= 0 {
    ordersOfDay[Int((log.orderTimes[order] / 86_400).rounded(.down)), default: []].append(order)
  }
  var customers = log.orderCustomers
  for (_, orders) in ordersOfDay.sorted(by: { $0.key < $1.key }) {
    let shuffled = orders.map { log.orderCustomers[$0] }.shuffled(using: &generator)
    for (order, customer) in zip(orders, shuffled) { customers[order] = customer }
  }
  return OrderLog(relabeling: log, customerOfOrder: customers, customerIDs: log.customerIDs)
}

/// The one-sided permutation p-value of an original statistic: (1 + the permutations at or above
/// it) / (1 + the permutations) (Phipson & Smyth, "Permutation P-values Should Never Be Zero",
/// Statistical Applications in Genetics and Molecular Biology 9(1), 2010).
func pValue(_ original: Double, _ permuted: [Double]) -> Double {
  Double(1 + permuted.filter { $0 >= original }.count) / Double(1 + permuted.count)
}

/// Runs the validated comparison of ``TunableRecommender/standard`` on the log and on permuted
/// logs, and prints each family's test figures side by side.
func permutationTest(_ log: OrderLog, split: Date, seeds: ClosedRange<UInt64>) {
  guard let original = try? ValidatedEvaluation(log: log, split: split).compare(TunableRecommender.standard, k: 10)
  else {
    print("    no evaluation")
    return
  }
  var runs: [[TunedEvaluationResult]] = []
  for seed in seeds {
    guard
      let results = try? ValidatedEvaluation(log: permuted(log, before: split, seed: seed), split: split)
        .compare(TunableRecommender.standard, k: 10)
    else { continue }
    runs.append(results)
  }
  print(
    "    test NDCG@10 (repeat NDCG; customers with repeat targets): original | \(runs.count) permutations:"
      + " mean (min-max) (repeat NDCG mean; customers with repeat targets mean, min-max) | one-sided p")
  let rebuyers = runs.map { Double($0.first?.test.repeatItems.customers ?? 0) }
  let originalRebuyers = Double(original.first?.test.repeatItems.customers ?? 0)
  print(
    String(
      format: "      customers with repeat targets: %.0f | permutations %.0f-%.0f | p %.3f", originalRebuyers,
      rebuyers.min() ?? .nan, rebuyers.max() ?? .nan, pValue(originalRebuyers, rebuyers)))
  for (index, result) in original.enumerated() {
    let ndcgs = runs.map { $0[index].test.ndcgAtK }
    let repeats = runs.map { $0[index].test.repeatItems.ndcgAtK }
    let repeatCustomers = runs.map { Double($0[index].test.repeatItems.customers) }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }
    let chosen = runs.map { run in
      run[index].parameters.keys.sorted().map { "\($0) \(shortNumber(run[index].parameters[$0] ?? 0))" }
        .joined(separator: " ")
    }
    print(
      "      " + result.recommender.padding(toLength: 42, withPad: " ", startingAt: 0)
        + String(
          format: "%.4f (rep %.4f; %d) | %.4f (%.4f-%.4f) (rep %.4f; %.1f, %.0f-%.0f) | p %.3f", result.test.ndcgAtK,
          result.test.repeatItems.ndcgAtK, result.test.repeatItems.customers, mean(ndcgs), ndcgs.min() ?? .nan,
          ndcgs.max() ?? .nan, mean(repeats), mean(repeatCustomers), repeatCustomers.min() ?? .nan,
          repeatCustomers.max() ?? .nan, pValue(result.test.ndcgAtK, ndcgs))
        + (chosen.first?.isEmpty == false ? " | chosen: " + chosen.joined(separator: "; ") : ""))
  }
}

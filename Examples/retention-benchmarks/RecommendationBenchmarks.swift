import Foundation
import Recommendations

func recommendationBenchmarks(_ runner: inout BenchmarkRunner) {
  let cases: [(name: String, path: String, format: OrderFileFormat, split: Date)] = [
    ("Groceries", "groceries/Groceries_dataset.csv", .groceries, utcDate(2015, 7, 1)),
    ("UCI Online Retail", "online-retail/online_retail.csv", .onlineRetail, utcDate(2011, 9, 1)),
  ]
  for item in cases {
    let names = [
      "item similarities (cosine)", "top-10 for every customer", "train + evaluate all recommenders",
      "validate, refit + evaluate all recommenders", "learned ranker variants",
    ].map {
      "recommend: \(item.name) \($0)"
    }
    guard names.contains(where: runner.wants) else { continue }
    guard let url = sharedDataURL(item.path), let log = try? OrderLog(contentsOf: url, format: item.format) else {
      print("shared data not found: skipping the \(item.name) recommendation benchmarks")
      continue
    }
    let history = PurchaseHistory(log)
    runner.measure("recommend: \(item.name) item similarities (cosine)") {
      let similarity = ItemSimilarity(history, measure: .cosine)
      return "\(similarity.keptNeighbourCount) neighbours of \(similarity.productCount) products"
    }
    if runner.wants(names[0]) {
      // The wall-clock median depends on what else runs on the machine; the process CPU time
      // per run (all threads) does much less.
      let runs = 5
      let before = processCPUSeconds()
      for _ in 0..<runs { _ = ItemSimilarity(history, measure: .cosine) }
      print(
        "    "
          + String(
            format: "CPU time per run of the item similarities: %.4f s (all threads)",
            (processCPUSeconds() - before) / Double(runs)))
    }
    let recommender = ItemToItemRecommender(history, measure: .cosine)
    runner.measure("recommend: \(item.name) top-10 for every customer") {
      let lists = recommender.topProductsForEveryCustomer(count: 10, filter: .init(excludesPurchasedProducts: true))
      return "\(lists.count) customers"
    }
    if runner.wants(names[2]), let evaluation = try? OfflineEvaluation(log: log, split: item.split) {
      var results: [EvaluationResult] = []
      runner.measure(names[2]) {
        let recommenders = evaluation.training.standardRecommenders()
        results = evaluation.compare(recommenders, k: 10)
        return "\(recommenders.count) recommenders, \(evaluation.evaluatedCustomerNumbers.count) customers"
      }
      for result in results {
        print(
          "    " + result.name.padding(toLength: 40, withPad: " ", startingAt: 0)
            + String(
              format: "NDCG@10 %.4f  HR@10 %.4f  P@10 %.4f  R@10 %.4f  MAP@10 %.4f  coverage %.3f",
              result.ndcgAtK, result.hitRateAtK, result.precisionAtK, result.recallAtK, result.mapAtK, result.coverage))
      }
    }
    if runner.wants(names[3]) {
      // Includes the split itself: the validation and test evaluations are built inside the timing.
      var tuned: [TunedEvaluationResult] = []
      runner.measure(names[3]) {
        guard let evaluation = try? ValidatedEvaluation(log: log, split: item.split),
          let results = try? evaluation.compare(TunableRecommender.standard, k: 10)
        else { return "no evaluation" }
        tuned = results
        return "\(results.count) families, \(evaluation.test.evaluatedCustomerNumbers.count) test customers"
      }
      print("    test figures (parameters chosen on the 60 days before the split):")
      for result in tuned {
        let test = result.test
        let parameters = result.parameters.keys.sorted().map { "\($0) \(result.parameters[$0] ?? 0)" }
        print(
          "    " + result.recommender.padding(toLength: 42, withPad: " ", startingAt: 0)
            + String(
              format: "NDCG %.4f HR %.4f R %.4f | rep NDCG %.4f HR %.4f R %.4f (%d) | new NDCG %.4f HR %.4f R %.4f (%d) | val NDCG %.4f | %.2f s | ",
              test.ndcgAtK, test.hitRateAtK, test.recallAtK, test.repeatItems.ndcgAtK, test.repeatItems.hitRateAtK,
              test.repeatItems.recallAtK, test.repeatItems.customers, test.newItems.ndcgAtK, test.newItems.hitRateAtK,
              test.newItems.recallAtK, test.newItems.customers, result.validationNDCGAtK ?? .nan, result.seconds)
            + parameters.joined(separator: ", "))
      }
    }
    if runner.wants(names[4]), let evaluation = try? ValidatedEvaluation(log: log, split: item.split) {
      rankerVariants(evaluation, name: names[4], runner: &runner)
    }
  }
}

/// Every variant of the learned ranker tried, with its validation and its test NDCG@10 (so that a
/// reader can judge whether the reported variant was chosen on the test split).
func rankerVariants(_ evaluation: ValidatedEvaluation, name: String, runner: inout BenchmarkRunner) {
  var grid: [TunableRecommender.Parameters] = []
  for labelDays in [60.0, 120] {
    for l2 in [1.0, 1_000] { grid.append(["labelDays": labelDays, "l2": l2]) }
  }
  let variants = TunableRecommender("learned ranker", grid: grid) { history, point in
    LearnedRankerRecommender(history, labelDays: point["labelDays"] ?? 60, l2: point["l2"] ?? 1)
  }
  var lines: [String] = []
  runner.measure(name, repeats: 1, warmUp: false) {
    lines = []
    guard let validation = try? variants.recommenders(trainedOn: evaluation.validation.training),
      let test = try? variants.recommenders(trainedOn: evaluation.test.training)
    else { return "no variants" }
    for (index, point) in grid.enumerated() {
      let validated = evaluation.validation.evaluate(validation[index], k: 10)
      let tested = evaluation.test.evaluate(test[index], k: 10)
      lines.append(
        String(
          format: "    label window %3.0f days, L2 %6.0f: val NDCG %.4f | test NDCG %.4f HR %.4f R %.4f | rep %.4f new %.4f",
          point["labelDays"] ?? 0, point["l2"] ?? 0, validated.ndcgAtK, tested.ndcgAtK, tested.hitRateAtK,
          tested.recallAtK, tested.repeatItems.ndcgAtK, tested.newItems.ndcgAtK))
    }
    return "\(grid.count) variants"
  }
  for line in lines { print(line) }
}

/// The CPU seconds the process has used so far, all threads together.
func processCPUSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

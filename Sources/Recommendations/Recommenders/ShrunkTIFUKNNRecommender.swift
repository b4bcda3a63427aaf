import Foundation

/// TIFU-KNN's prediction as a share of the customer's baskets, shrunk toward recent popularity
/// with the customer's number of baskets as the sample size.
///
/// score(c, i) = (n_c P_ci / W_c + β p_i) / (n_c + β), where P_ci is TIFU-KNN's prediction
/// (``TIFUKNNRecommender``; Hu et al., SIGIR 2020), W_c the sum of the customer's own basket
/// weights in TIFU-KNN's vector (so that P_ci / W_c is a recency-weighted share of baskets for
/// α = 1), n_c the customer's number of baskets and p_i the share of recent baskets with *i*:
/// the beta-binomial posterior mean of ``ShrunkFrequencyRecommender`` with TIFU-KNN's estimate
/// in place of the plain frequency. Tried for issue 21 (see `Benchmarks/RESULTS.md`); not in
/// ``TunableRecommender/standard``.
struct ShrunkTIFUKNNRecommender: Recommender, BufferedRecommender {
  let history: PurchaseHistory
  let tifu: TIFUKNNRecommender
  let prior: Double
  let popularity: RecentBasketShares

  var description: String { "shrunk \(tifu.description), prior \(formatted(prior)) baskets" }

  func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    let shares = popularity.shares
    var baskets = 0.0
    if let customer {
      baskets = Double(history.baskets(ofCustomerNumber: customer).count)
      let weightSum = tifu.vectors.weightSums[customer]
      var spare = scores.takeSpare()
      tifu.addScores(for: customer, into: &spare)
      if weightSum > 0 {
        let scale = baskets / (weightSum * (baskets + prior))
        let priorWeight = prior / (baskets + prior)
        for product in spare.touched {
          let index = Int(product)
          var value = spare.values[index] * scale
          if !popularity.isCandidate(product) { value += priorWeight * shares[index] }
          scores.add(value, to: index)
        }
      }
      spare.reset()
      scores.returnSpare(spare)
    }
    let priorWeight = prior / (baskets + prior)
    for product in popularity.ranked { scores.add(priorWeight * shares[Int(product)], to: Int(product)) }
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    if let customer, let position = history.position(ofProduct: Int32(product), ofCustomerNumber: customer) {
      return .boughtBefore(
        orders: Int(history.customerProductBaskets[position]),
        lastOn: Date(timeIntervalSince1970: history.customerProductLastTimes[position]))
    }
    return .popular(buyers: Int(popularity.buyers[product]), isRecent: popularity.isRecent, category: nil)
  }
}

extension TunableRecommender {
  /// TIFU-KNN shrunk toward recent popularity (``ShrunkTIFUKNNRecommender``), for the benchmarks'
  /// record of variants tried: group size 3 and 7, K 150, α 0.6 and 0.8 (r_b 0.9, r_g 0.6, as
  /// ``tifuKNN``), β 1, 4 and 16 baskets, popularity of the last 90 days.
  package static var shrunkTIFUKNN: TunableRecommender {
    var grid: [Parameters] = []
    for groupSize in [3.0, 7] {
      for alpha in [0.6, 0.8] {
        for prior in [1.0, 4, 16] { grid.append(["groupSize": groupSize, "alpha": alpha, "prior": prior]) }
      }
    }
    return TunableRecommender("shrunk TIFU-KNN", grid: grid) { history, points in
      let popularity = RecentBasketShares(history, windowDays: 90, candidateCount: 100)
      var vectors: [Double: TimeDecayedVectors] = [:]
      return points.map { point in
        let groupSize = point["groupSize"] ?? 7
        let shared =
          vectors[groupSize]
          ?? TimeDecayedVectors(
            history, groupSize: Int(groupSize), withinGroupDecay: 0.9, acrossGroupDecay: 0.6, neighbourCount: 150)
        vectors[groupSize] = shared
        let tifu = TIFUKNNRecommender(history, vectors: shared, neighbourCount: 150, alpha: point["alpha"] ?? 0.8)
        return ShrunkTIFUKNNRecommender(
          history: history, tifu: tifu, prior: point["prior"] ?? 4, popularity: popularity)
      }
    }
  }

  /// User-kNN, for the benchmarks' record of variants tried: TIFU-KNN with α = 0 (the mean
  /// time-decayed vector of the *K* most similar customers), K 50, 150 and 300, group size 7.
  package static var userKNN: TunableRecommender {
    TunableRecommender("user-kNN (TIFU-KNN, alpha 0)", grid: [50.0, 150, 300].map { ["neighbours": $0] }) {
      history, points in
      let vectors = TimeDecayedVectors(
        history, groupSize: 7, withinGroupDecay: 0.9, acrossGroupDecay: 0.6, neighbourCount: 300)
      return points.map { point in
        TIFUKNNRecommender(history, vectors: vectors, neighbourCount: Int(point["neighbours"] ?? 150), alpha: 0)
      }
    }
  }
}

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
    popularity.evidence(ofProduct: product, customer: customer, in: history)
  }
}

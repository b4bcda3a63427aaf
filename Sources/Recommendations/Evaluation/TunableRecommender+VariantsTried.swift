/// Recommender families tried for issue 21 but not part of ``TunableRecommender/standard``; the
/// benchmark program (`retention-benchmarks --filter "variants tried"`) reports every grid point
/// of them with its validation and its test figures.
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

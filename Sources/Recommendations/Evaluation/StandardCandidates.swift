import _RetentionSupport

extension TunableRecommender {
  /// The baselines and recommenders the CLI and the benchmarks compare, each with the grid its
  /// hyper-parameters are chosen from on the validation window.
  ///
  /// The baselines come first: personal top-frequency, global popularity, recent popularity
  /// (window 30 or 90 days) and item-kNN (item-to-item cosine, 20, 50 or 100 neighbours); then
  /// association rules, the repeat-purchase scorer (half-life 30 to 365 days), three blends
  /// (half-lives and weights on small grids), the personal frequency shrunk toward recent
  /// popularity (prior strength and window), TIFU-KNN (group size, neighbours and α) and the
  /// learned ranker (one point fixed a priori). The families of one `standard` list compute the
  /// cosine item similarities of each history once and share them. Use them with
  /// ``ValidatedEvaluation``:
  ///
  /// ```swift
  /// let results = try ValidatedEvaluation(log: log, split: splitDate).compare(TunableRecommender.standard)
  /// ```
  public static var standard: [TunableRecommender] {
    let cache = SimilarityCache()
    return baselines(sharing: cache) + sdkRecommenders(sharing: cache)
  }

  /// The four baselines of ``standard``: personal top-frequency, global popularity, recent
  /// popularity and item-kNN.
  public static var baselines: [TunableRecommender] { baselines(sharing: SimilarityCache()) }

  /// The baselines, with the item similarities of each history computed once in `cache`.
  static func baselines(sharing cache: SimilarityCache) -> [TunableRecommender] {
    [
      TunableRecommender("personal top-frequency") { history, _ in PersonalTopFrequencyRecommender(history) },
      TunableRecommender("popularity") { history, _ in PopularityRecommender(history) },
      TunableRecommender("recent popularity", grid: [["windowDays": 30], ["windowDays": 90]]) { history, point in
        PopularityRecommender(history, windowDays: point["windowDays"] ?? 30)
      },
      TunableRecommender("item-kNN (cosine)", grid: [20, 50, 100].map { ["neighbours": Double($0)] }) {
        history, points in
        points.map { point in
          ItemToItemRecommender(
            history, similarity: cache.cosine(history, neighbourCount: Int(point["neighbours"] ?? 50)))
        }
      },
    ]
  }

  /// The SDK's recommenders of ``standard`` (everything but the baselines).
  public static var sdkRecommenders: [TunableRecommender] { sdkRecommenders(sharing: SimilarityCache()) }

  /// The SDK's recommenders, with the item similarities of each history computed once in `cache`.
  static func sdkRecommenders(sharing cache: SimilarityCache) -> [TunableRecommender] {
    let halfLives: [Double] = [30, 90, 180, 365]
    return [
      TunableRecommender("association rules") { history, _ in AssociationRuleRecommender(history) },
      TunableRecommender("repeat purchase", grid: halfLives.map { ["halfLifeDays": $0] }) { history, point in
        RepeatPurchaseRecommender(history, halfLifeDays: point["halfLifeDays"] ?? 90)
      },
      TunableRecommender(
        "blend: repeat + popularity",
        grid: [90, 365].flatMap { halfLife in [0.1, 0.5].map { ["halfLifeDays": halfLife, "popularity": $0] } }
      ) { history, point in
        try BlendedRecommender(
          [
            (RepeatPurchaseRecommender(history, halfLifeDays: point["halfLifeDays"] ?? 90), 1),
            (PopularityRecommender(history), point["popularity"] ?? 0.5),
          ], name: "blend: repeat + popularity")
      },
      TunableRecommender(
        "blend: repeat + item-to-item + popularity",
        grid: [0.25, 0.5].map { ["itemToItem": $0, "popularity": 0.5] }
      ) { history, points in
        let personal = RepeatPurchaseRecommender(history)
        let cosine = ItemToItemRecommender(history, similarity: cache.cosine(history, neighbourCount: 50))
        let popular = PopularityRecommender(history)
        return try points.map { point in
          try BlendedRecommender(
            [(personal, 1), (cosine, point["itemToItem"] ?? 0.5), (popular, point["popularity"] ?? 0.5)],
            name: "blend: repeat + item-to-item + popularity")
        }
      },
      TunableRecommender("blend: recent popularity + repeat", grid: [["repeat": 0.05], ["repeat": 0.2]]) {
        history, points in
        let recent = PopularityRecommender(history, windowDays: 90)
        let popular = PopularityRecommender(history)
        let personal = RepeatPurchaseRecommender(history)
        return try points.map { point in
          try BlendedRecommender(
            [(recent, 1), (popular, 0.5), (personal, point["repeat"] ?? 0.05)],
            name: "blend: recent popularity + repeat")
        }
      },
      shrunkFrequency,
      tifuKNN,
      learnedRanker(sharing: cache),
    ]
  }

  /// The learned ranker (``LearnedRankerRecommender``) with its parameters fixed a priori: the
  /// label window of 60 days (the length of the default validation window), λ = 1 on
  /// standardised features, 100 popular and 50 item-to-item candidates. With one point nothing is
  /// chosen on validation (`Examples/retention-benchmarks` reports the other variants tried).
  public static var learnedRanker: TunableRecommender { learnedRanker(sharing: SimilarityCache()) }

  static func learnedRanker(sharing cache: SimilarityCache) -> TunableRecommender {
    TunableRecommender("learned ranker", grid: [["labelDays": 60, "l2": 1]]) { history, points in
      let candidates = 100, neighbours = 50
      let similarity = { (history: PurchaseHistory) in
        cache.cosine(history, neighbourCount: RankerFeatures.similarityNeighbours)
      }
      let features = RankerFeatures(
        history, candidateCount: candidates, neighbourCandidateCount: neighbours, similarity: similarity(history))
      var rowsByWindow: [Double: RankerTrainingRows] = [:]
      return points.map { point in
        let days = point["labelDays"] ?? 60
        let rows =
          rowsByWindow[days]
          ?? LearnedRankerRecommender.trainingRows(
            history, labelDays: days, candidateCount: candidates, neighbourCandidateCount: neighbours,
            similarity: similarity)
        rowsByWindow[days] = rows
        return LearnedRankerRecommender(
          history, features: features, rows: rows, labelDays: days, l2: point["l2"] ?? 1, candidateCount: candidates,
          neighbourCandidateCount: neighbours)
      }
    }
  }

  /// TIFU-KNN on a grid of group sizes (3, 7), neighbour counts (50, 150) and α (0.6, 0.8), with
  /// within-group decay 0.9 and across-group decay 0.6; the vectors and neighbours are computed
  /// once per group size.
  ///
  /// The across-group decay was the value chosen on both validation windows (Groceries and UCI
  /// Online Retail) from 0.6 and 0.9; fixing it halves the evaluation time.
  public static var tifuKNN: TunableRecommender {
    var grid: [Parameters] = []
    for groupSize in [3.0, 7] {
      for neighbours in [50.0, 150] {
        for alpha in [0.6, 0.8] {
          grid.append([
            "groupSize": groupSize, "withinGroupDecay": 0.9, "acrossGroupDecay": 0.6, "neighbours": neighbours,
            "alpha": alpha,
          ])
        }
      }
    }
    return TunableRecommender("TIFU-KNN", grid: grid) { history, points in
      var shared: [[Double]: TimeDecayedVectors] = [:]
      var sharedSums: [[Double]: LockedCache<Int, NeighbourSum>] = [:]
      func sumsKeyOf(_ point: Parameters) -> [Double] {
        [
          point["groupSize"] ?? 7, point["withinGroupDecay"] ?? 0.9, point["acrossGroupDecay"] ?? 0.7,
          Double(Int(point["neighbours"] ?? 300)),
        ]
      }
      return points.map { point in
        let key = [point["groupSize"] ?? 7, point["withinGroupDecay"] ?? 0.9, point["acrossGroupDecay"] ?? 0.7]
        let neighbours = Int(point["neighbours"] ?? 300)
        let vectors: TimeDecayedVectors
        if let existing = shared[key] {
          vectors = existing
        } else {
          let widest =
            points.filter {
              [$0["groupSize"] ?? 7, $0["withinGroupDecay"] ?? 0.9, $0["acrossGroupDecay"] ?? 0.7] == key
            }.compactMap { $0["neighbours"] }.max() ?? 300
          vectors = TimeDecayedVectors(
            history, groupSize: Swift.max(1, Int(key[0])), withinGroupDecay: key[1], acrossGroupDecay: key[2],
            neighbourCount: Int(widest))
          shared[key] = vectors
        }
        // Points that differ in α only share the neighbour sums.
        let sumsKey = key + [Double(neighbours)]
        var sums = sharedSums[sumsKey]
        if sums == nil, points.filter({ sumsKeyOf($0) == sumsKey }).count > 1 {
          sums = LockedCache<Int, NeighbourSum>()
          sharedSums[sumsKey] = sums
        }
        return TIFUKNNRecommender(
          history, vectors: vectors, neighbourCount: neighbours, alpha: point["alpha"] ?? 0.9, sharing: sums)
      }
    }
  }
}

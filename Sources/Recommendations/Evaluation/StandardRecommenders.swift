extension PurchaseHistory {
  /// The recommenders the CLI and the benchmarks compare, global popularity first.
  ///
  /// Popularity (global and over the last 90 days), item-to-item cosine, association rules on
  /// pairs, the repeat-purchase scorer (half-life 90 days), three blends (repeat with
  /// popularity, repeat with item-to-item and popularity, and recent popularity with a small
  /// repeat bonus), then the personal top-frequency baseline, popularity over the last 30 days
  /// and TIFU-KNN with its default parameters. These are fixed parameters; to choose them on a
  /// validation window before the test split use ``TunableRecommender/standard`` with
  /// ``ValidatedEvaluation``.
  ///
  /// ```swift
  /// let results = evaluation.compare(evaluation.training.standardRecommenders())
  /// ```
  ///
  /// - Returns: The trained recommenders.
  /// - Complexity: Dominated by the item similarities and the frequent-itemset search.
  public func standardRecommenders() -> [any Recommender] {
    let popular = PopularityRecommender(self)
    let recent = PopularityRecommender(self, windowDays: 90)
    let cosine = ItemToItemRecommender(self, measure: .cosine)
    let rules = AssociationRuleRecommender(self)
    let personal = RepeatPurchaseRecommender(self)
    var list: [any Recommender] = [popular, recent, cosine, rules, personal]
    let blends: [(name: String, components: [(recommender: any Recommender, weight: Double)])] = [
      ("blend: repeat + popularity", [(personal, 1), (popular, 0.5)]),
      ("blend: repeat + item-to-item + popularity", [(personal, 1), (cosine, 0.5), (popular, 0.5)]),
      ("blend: recent popularity + repeat", [(recent, 1), (popular, 0.5), (personal, 0.05)]),
    ]
    for blend in blends {
      // The components share this history and have positive weights, so the blend cannot fail.
      if let recommender = try? BlendedRecommender(blend.components, name: blend.name) { list.append(recommender) }
    }
    list.append(PersonalTopFrequencyRecommender(self))
    list.append(PopularityRecommender(self, windowDays: 30))
    list.append(TIFUKNNRecommender(self))
    return list
  }
}

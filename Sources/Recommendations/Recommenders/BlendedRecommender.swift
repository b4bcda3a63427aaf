/// A weighted blend of recommenders: each component's scores are scaled to `0...1` for the
/// customer (divided by its best score) and added with the component's weight.
///
/// The reason is the reason of the component that contributed most. Blending a personal
/// recommender with popularity gives every customer a full list (cold start included):
///
/// ```swift
/// let blend = BlendedRecommender([
///   (RepeatPurchaseRecommender(history), 1.0),
///   (ItemToItemRecommender(history), 0.5),
///   (PopularityRecommender(history), 0.3),
/// ])
/// ```
public struct BlendedRecommender: Recommender, BufferedRecommender {
  /// The components and their weights (> 0).
  public let components: [(recommender: any Recommender, weight: Double)]
  /// The training history (that of the first component).
  public let history: PurchaseHistory
  private let customName: String?
  /// How each component fills a buffer, found once.
  private let sources: [ScoreSource]

  /// Creates a blend.
  ///
  /// - Parameters:
  ///   - components: Recommenders trained on the same history, with positive weights (at most
  ///     127 components).
  ///   - name: A name for reports, or `nil` for `blend(a 1, b 0.5)`.
  /// - Throws: ``RecommendationsError`` (`.invalidArgument`) without components, with a
  ///   non-positive or non-finite weight, or with components trained on different catalogues.
  public init(_ components: [(recommender: any Recommender, weight: Double)], name: String? = nil) throws {
    guard let first = components.first else {
      throw RecommendationsError(.invalidArgument, reason: "a blend needs at least one component")
    }
    guard components.count <= Int(Int8.max) else {
      throw RecommendationsError(.invalidArgument, reason: "a blend takes at most 127 components")
    }
    for component in components {
      guard component.weight > 0, component.weight.isFinite else {
        throw RecommendationsError(
          .invalidArgument, reason: "the weight of \(component.recommender.name) is not positive: \(component.weight)")
      }
      guard component.recommender.history.productCount == first.recommender.history.productCount,
        component.recommender.history.customerCount == first.recommender.history.customerCount
      else {
        throw RecommendationsError(
          .invalidArgument, reason: "\(component.recommender.name) was trained on another history")
      }
    }
    self.components = components
    history = first.recommender.history
    customName = name
    sources = components.map { ScoreSource($0.recommender) }
  }

  /// The given name, or `blend(repeat purchase 1, popularity 0.3)`.
  public var description: String {
    customName ?? "blend(" + components.map { "\($0.recommender.name) \(formatted($0.weight))" }.joined(separator: ", ")
      + ")"
  }

  /// Each component's scores divided by its best score for the customer, times its weight, added
  /// up; the evidence is that of the component that contributed most.
  ///
  /// - Complexity: The sum of the components' scoring.
  public func scores(for customer: Int?) -> ProductScores { bufferedScores(for: customer) }

  func addScores(for customer: Int?, into scores: inout ScoreBuffer) {
    var spare = scores.takeSpare()
    for (index, component) in components.enumerated() {
      spare.reset()
      _ = sources[index].addScores(for: customer, into: &spare)
      var best = 0.0
      for product in spare.touched { best = Swift.max(best, spare.values[Int(product)]) }
      guard best > 0, best.isFinite else { continue }
      let scale = component.weight / best
      for product in spare.touched {
        let value = spare.values[Int(product)]
        guard value > 0, value.isFinite else { continue }
        scores.add(value * scale, to: Int(product), evidence: spare.evidence[Int(product)], source: Int8(index))
      }
    }
    spare.reset()
    scores.returnSpare(spare)
  }

  func evidence(ofProduct product: Int, code: Int32, source: Int8, customer: Int?) -> Evidence? {
    switch sources[Swift.min(Swift.max(0, Int(source)), components.count - 1)] {
    case .buffered(let component):
      return component.evidence(ofProduct: product, code: code, source: 0, customer: customer)
    case .external(let component):
      return component.scores(for: customer).evidence(of: ProductNumber(product))
    }
  }
}

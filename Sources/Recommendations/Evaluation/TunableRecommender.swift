/// A family of recommenders with a grid of hyper-parameters to choose from on a validation split.
///
/// Each point of ``grid`` names its parameters (half-lives in days, blend weights,
/// neighbourhood sizes); ``ValidatedEvaluation`` trains every point on the data before the
/// validation window, keeps the point with the best NDCG@k on the window, refits it on
/// everything before the test split and reports the test figures once. A family without
/// parameters has a grid of one empty point.
///
/// ```swift
/// let repeatPurchase = TunableRecommender("repeat purchase", grid: [["halfLifeDays": 30], ["halfLifeDays": 90]]) {
///   history, parameters in RepeatPurchaseRecommender(history, halfLifeDays: parameters["halfLifeDays"] ?? 90)
/// }
/// ```
public struct TunableRecommender: Sendable {
  /// Named hyper-parameter values.
  public typealias Parameters = [String: Double]

  /// The family's name for reports.
  public let name: String
  /// The parameter points to choose from (at least one).
  public let grid: [Parameters]
  private let build: @Sendable (PurchaseHistory, [Parameters]) throws -> [any Recommender]

  /// Creates a family that trains one recommender per point.
  ///
  /// - Parameters:
  ///   - name: The family's name.
  ///   - grid: The parameter points (at least one; default: one empty point).
  ///   - make: Trains the recommender of a point on a history.
  public init(
    _ name: String, grid: [Parameters] = [[:]],
    make: @escaping @Sendable (PurchaseHistory, Parameters) throws -> any Recommender
  ) {
    self.init(name, grid: grid) { history, points in try points.map { try make(history, $0) } }
  }

  /// Creates a family that trains all the points it is asked for at once, so that they can share
  /// work (one similarity computation for several neighbourhood sizes or blend weights).
  ///
  /// - Parameters:
  ///   - name: The family's name.
  ///   - grid: The parameter points (at least one).
  ///   - makeAll: Trains one recommender per given point, in order.
  public init(
    _ name: String, grid: [Parameters],
    makeAll: @escaping @Sendable (PurchaseHistory, [Parameters]) throws -> [any Recommender]
  ) {
    precondition(!grid.isEmpty, "the grid needs at least one point")
    self.name = name
    self.grid = grid
    build = makeAll
  }

  /// The recommenders of the given points trained on a history.
  ///
  /// - Parameters:
  ///   - history: The training history.
  ///   - points: Points of ``grid`` (default: all of them).
  /// - Returns: One recommender per point, in order.
  /// - Throws: What the family's builder throws (a ``RecommendationsError`` for a bad blend).
  /// - Complexity: The training of the points.
  public func recommenders(trainedOn history: PurchaseHistory, points: [Parameters]? = nil) throws
    -> [any Recommender]
  {
    let wanted = points ?? grid
    let trained = try build(history, wanted)
    guard trained.count == wanted.count else {
      throw RecommendationsError(
        .invalidArgument, reason: "\(name) trained \(trained.count) recommenders for \(wanted.count) parameter points")
    }
    return trained
  }
}

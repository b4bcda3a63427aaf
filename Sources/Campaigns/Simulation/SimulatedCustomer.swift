public import Foundation

/// One simulated customer's hidden traits: what a real shop never sees, for checking estimates
/// against the truth (P(alive), the spend model, satisfaction).
///
/// ```swift
/// let ada = shop.truth.customers[0]
/// print(ada.id, ada.purchaseRate, ada.dropoutProbability, ada.isAlive)
/// ```
public struct SimulatedCustomer: Sendable, Hashable, Codable {
  /// The customer id, `c1`, `c2`, ...
  public var id: String
  /// The first order's time.
  public var firstOrderAt: Date
  /// λ, the BG/NBD purchase rate while alive, per period of the purchase model's unit.
  public var purchaseRate: Double
  /// p, the chance of dropping out after each repeat purchase.
  public var dropoutProbability: Double
  /// Whether the customer is still alive at the end of the history (never dropped out).
  public var isAlive: Bool
  /// The customer's gamma-gamma scale ν (mean order value p/ν), or `nil` for log-normal values.
  public var spendScale: Double?
  /// The latent satisfaction S, standard normal (see ``ShopperBehaviour``).
  public var satisfaction: Double
  /// The favourite category.
  public var favouriteCategory: String
  /// The organic purchases (orders the messages did not cause), the first included.
  public var organicOrders: Int

  /// Creates a customer record.
  ///
  /// - Parameters:
  ///   - id: The customer id.
  ///   - firstOrderAt: The first order's time.
  ///   - purchaseRate: λ per period.
  ///   - dropoutProbability: p.
  ///   - isAlive: Alive at the end.
  ///   - spendScale: ν, or `nil`.
  ///   - satisfaction: S.
  ///   - favouriteCategory: The favourite category.
  ///   - organicOrders: Organic purchases.
  public init(
    id: String, firstOrderAt: Date, purchaseRate: Double, dropoutProbability: Double, isAlive: Bool,
    spendScale: Double?, satisfaction: Double, favouriteCategory: String, organicOrders: Int
  ) {
    self.id = id
    self.firstOrderAt = firstOrderAt
    self.purchaseRate = purchaseRate
    self.dropoutProbability = dropoutProbability
    self.isAlive = isAlive
    self.spendScale = spendScale
    self.satisfaction = satisfaction
    self.favouriteCategory = favouriteCategory
    self.organicOrders = organicOrders
  }
}

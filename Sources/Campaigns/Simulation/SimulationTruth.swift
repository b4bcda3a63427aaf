/// What the simulator knows and a shop never does: every customer's hidden traits, the true
/// effect of every flow, and the expected Net Promoter Score.
///
/// **How a flow's truth is defined.** For every entrant i of a flow, treated or held out, the
/// simulator knows both potential outcomes. Y0ᵢ = 1 when i places a purchase within the conversion
/// window after their entry (from the entry instant s to s + window, both included, as
/// ``ControlGroupComparison`` counts) other than the one this flow causes: their organic orders
/// and orders other flows caused. Y1ᵢ = max(Y0ᵢ, Eᵢ), with Eᵢ the flow's caused purchase (see
/// ``SimulatedFlow``). The true conversion uplift is the mean of Y1ᵢ − Y0ᵢ = Eᵢ(1 − Y0ᵢ) over the
/// entrants: the difference an experiment on exactly these people measures on average over the
/// random split. It is smaller than the caused-purchase probability q, by the share of people
/// who would have converted anyway: its expectation is q(1 − P(Y0 = 1)). The revenue uplift per
/// entrant is the mean of Eᵢaᵢ (aᵢ the caused order's value); the incremental revenue is the
/// sum of Eᵢaᵢ over the treated, what the sent messages really added.
///
/// ```swift
/// let truth = shop.truth.flows[0]
/// print(truth.flow, truth.conversionUplift, truth.incrementalRevenue)
/// ```
public struct SimulationTruth: Sendable, Hashable, Codable {
  /// The true effect of one flow on its entrants.
  public struct FlowTruth: Sendable, Hashable, Codable {
    /// The flow's name.
    public var flow: String
    /// The people who entered.
    public var entrants: Int
    /// The entrants who got the message.
    public var treated: Int
    /// The entrants held out.
    public var heldOut: Int
    /// The configured caused-purchase probability q.
    public var causedPurchaseProbability: Double
    /// The mean of Y0 over the entrants: their conversion without the message.
    public var conversionWithoutMessage: Double
    /// The true conversion uplift: the mean of Y1 − Y0 over the entrants (absolute, in `0...1`).
    public var conversionUplift: Double
    /// The true revenue uplift per entrant, in the shop's currency: the mean of Eᵢaᵢ.
    public var revenueUpliftPerPerson: Double
    /// The orders the flow caused (treated people with E = 1).
    public var causedOrders: Int
    /// The value of those orders: the revenue the sent messages added.
    public var incrementalRevenue: Double

    /// Creates a flow truth.
    ///
    /// - Parameters:
    ///   - flow: The flow's name.
    ///   - entrants: The entrants.
    ///   - treated: The treated entrants.
    ///   - heldOut: The held-out entrants.
    ///   - causedPurchaseProbability: q.
    ///   - conversionWithoutMessage: The mean of Y0.
    ///   - conversionUplift: The mean of Y1 − Y0.
    ///   - revenueUpliftPerPerson: The mean of Eᵢaᵢ.
    ///   - causedOrders: The caused orders.
    ///   - incrementalRevenue: Their value.
    public init(
      flow: String, entrants: Int, treated: Int, heldOut: Int, causedPurchaseProbability: Double,
      conversionWithoutMessage: Double, conversionUplift: Double, revenueUpliftPerPerson: Double, causedOrders: Int,
      incrementalRevenue: Double
    ) {
      self.flow = flow
      self.entrants = entrants
      self.treated = treated
      self.heldOut = heldOut
      self.causedPurchaseProbability = causedPurchaseProbability
      self.conversionWithoutMessage = conversionWithoutMessage
      self.conversionUplift = conversionUplift
      self.revenueUpliftPerPerson = revenueUpliftPerPerson
      self.causedOrders = causedOrders
      self.incrementalRevenue = incrementalRevenue
    }
  }

  /// Every customer's hidden traits, in id order (`c1`, `c2`, ...).
  public var customers: [SimulatedCustomer]
  /// The truth of each flow, in the order of ``ShopSimulator/flows``.
  public var flows: [FlowTruth]
  /// The expected Net Promoter Score of an answer (share of promoters minus share of detractors,
  /// in −1...1): 1 − Φ((8.5 − m)/s) − Φ((6.5 − m)/s), for the behaviour's score mean m and
  /// spread s.
  public var expectedNetPromoterScore: Double

  /// Creates a truth.
  ///
  /// - Parameters:
  ///   - customers: The customers.
  ///   - flows: The flows' truths.
  ///   - expectedNetPromoterScore: The expected NPS.
  public init(customers: [SimulatedCustomer], flows: [FlowTruth], expectedNetPromoterScore: Double) {
    self.customers = customers
    self.flows = flows
    self.expectedNetPromoterScore = expectedNetPromoterScore
  }

  /// The truth of the flow with this name, or `nil`.
  ///
  /// - Parameter name: The flow's name.
  /// - Complexity: O(*f*), where *f* is the number of flows.
  public func flow(named name: String) -> FlowTruth? {
    flows.first { $0.flow == name }
  }
}

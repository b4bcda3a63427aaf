/// What the simulated customers do besides buying: browsing, abandoned carts and checkouts,
/// accounts, consent, deliveries and survey answers.
///
/// Every order comes with a session before it: a product view and a cart addition for each of
/// its products, ``extraViewsPerOrder`` views of other products on average (Poisson), and a
/// checkout start, all within the half hour before the order. Besides, each customer has
/// abandoned sessions, as many as ``abandonedSessionsPerOrder`` times their organic orders on
/// average (Poisson), at uniform times between their first order and 60 days after their last
/// (or the end of the history): of those, ``checkoutShareOfAbandoned`` reach the checkout, a
/// further ``cartShareOfAbandoned`` end at the cart, and the rest are views only.
///
/// At their first order a customer creates an account with probability ``accountShare``,
/// subscribes to email with ``emailSubscriptionShare`` and to text messages with
/// ``smsSubscriptionShare``; a subscriber unsubscribes with probability ``unsubscribeShare``, at
/// a uniform time before the end of the history. Orders ship after ``shippingDays`` days and
/// arrive ``deliveryDays`` days later (each plus up to 8 hours); a share ``delayShare`` is
/// delayed by two days, with a `delayed` event a day after shipping.
///
/// **Survey answers and repeat buying.** Each customer has a latent satisfaction S, a standard
/// normal variable that shares a factor with their purchase rate λ: with U = F(λ) the rank of the
/// rate in its gamma distribution (uniform on 0...1) and Z = Φ⁻¹(U) standard normal,
/// S = ρZ + √(1 − ρ²)·ε with ε independent standard normal and ρ = ``satisfactionCorrelation``.
/// The rates themselves are the BG/NBD's, unchanged, so the purchases follow the model exactly,
/// and more satisfied customers buy more often: corr(S, Z) = ρ. A share ``surveyShare`` of the
/// customers answers a survey ``surveyDelayDays`` after their first order arrives, with the score
/// round(``surveyScoreMean`` + ``surveyScoreSpread`` · S) clipped to 0...10. The expected share of
/// promoters (9-10) is then 1 − Φ((8.5 − m)/s) and of detractors (0-6) Φ((6.5 − m)/s) exactly
/// (``SimulationTruth/expectedNetPromoterScore``).
///
/// ```swift
/// var behaviour = ShopperBehaviour()
/// behaviour.emailSubscriptionShare = 0.8
/// behaviour.satisfactionCorrelation = 0.9   // scores that predict repeat buying strongly
/// ```
public struct ShopperBehaviour: Sendable, Hashable, Codable {
  /// Mean views of products not bought, per order (Poisson), at least 0.
  public var extraViewsPerOrder: Double
  /// Mean abandoned sessions per organic order (Poisson), at least 0.
  public var abandonedSessionsPerOrder: Double
  /// The share of abandoned sessions that reach the checkout, in `0...1`.
  public var checkoutShareOfAbandoned: Double
  /// The share of abandoned sessions that end at the cart, in `0...1`, with the checkout share at
  /// most 1.
  public var cartShareOfAbandoned: Double
  /// Mean lines per order: 1 plus a Poisson number with mean `linesPerOrder − 1`, at most the
  /// number of products; at least 1.
  public var linesPerOrder: Double
  /// The chance of creating an account at the first order, in `0...1`.
  public var accountShare: Double
  /// The chance of subscribing to email at the first order, in `0...1`.
  public var emailSubscriptionShare: Double
  /// The chance of subscribing to text messages at the first order, in `0...1`.
  public var smsSubscriptionShare: Double
  /// The chance that a subscriber unsubscribes (from every channel) before the end, in `0...1`.
  public var unsubscribeShare: Double
  /// Days from an order to its shipping, at least 0.
  public var shippingDays: Double
  /// Days from shipping to delivery, at least 0.
  public var deliveryDays: Double
  /// The share of orders delayed by two days, in `0...1`.
  public var delayShare: Double
  /// The share of customers who answer the satisfaction survey, in `0...1`.
  public var surveyShare: Double
  /// Days from the first order's delivery to the survey answer, at least 0.
  public var surveyDelayDays: Double
  /// ρ, the correlation of the latent satisfaction with the normal score of the purchase rate,
  /// in `0...1`.
  public var satisfactionCorrelation: Double
  /// The score of a customer of average satisfaction, before rounding (in `0...10`).
  public var surveyScoreMean: Double
  /// How far one standard deviation of satisfaction moves the score, positive.
  public var surveyScoreSpread: Double

  /// Creates a behaviour; every parameter has a default.
  ///
  /// - Parameters:
  ///   - extraViewsPerOrder: Default 1.
  ///   - abandonedSessionsPerOrder: Default 0.5.
  ///   - checkoutShareOfAbandoned: Default 0.3.
  ///   - cartShareOfAbandoned: Default 0.3.
  ///   - linesPerOrder: Default 1.5.
  ///   - accountShare: Default 0.6.
  ///   - emailSubscriptionShare: Default 0.6.
  ///   - smsSubscriptionShare: Default 0.1.
  ///   - unsubscribeShare: Default 0.1.
  ///   - shippingDays: Default 1.
  ///   - deliveryDays: Default 2.
  ///   - delayShare: Default 0.05.
  ///   - surveyShare: Default 0.3.
  ///   - surveyDelayDays: Default 14.
  ///   - satisfactionCorrelation: Default 0.7.
  ///   - surveyScoreMean: Default 8.
  ///   - surveyScoreSpread: Default 2.
  public init(
    extraViewsPerOrder: Double = 1, abandonedSessionsPerOrder: Double = 0.5, checkoutShareOfAbandoned: Double = 0.3,
    cartShareOfAbandoned: Double = 0.3, linesPerOrder: Double = 1.5, accountShare: Double = 0.6,
    emailSubscriptionShare: Double = 0.6, smsSubscriptionShare: Double = 0.1, unsubscribeShare: Double = 0.1,
    shippingDays: Double = 1, deliveryDays: Double = 2, delayShare: Double = 0.05, surveyShare: Double = 0.3,
    surveyDelayDays: Double = 14, satisfactionCorrelation: Double = 0.7, surveyScoreMean: Double = 8,
    surveyScoreSpread: Double = 2
  ) {
    self.extraViewsPerOrder = extraViewsPerOrder
    self.abandonedSessionsPerOrder = abandonedSessionsPerOrder
    self.checkoutShareOfAbandoned = checkoutShareOfAbandoned
    self.cartShareOfAbandoned = cartShareOfAbandoned
    self.linesPerOrder = linesPerOrder
    self.accountShare = accountShare
    self.emailSubscriptionShare = emailSubscriptionShare
    self.smsSubscriptionShare = smsSubscriptionShare
    self.unsubscribeShare = unsubscribeShare
    self.shippingDays = shippingDays
    self.deliveryDays = deliveryDays
    self.delayShare = delayShare
    self.surveyShare = surveyShare
    self.surveyDelayDays = surveyDelayDays
    self.satisfactionCorrelation = satisfactionCorrelation
    self.surveyScoreMean = surveyScoreMean
    self.surveyScoreSpread = surveyScoreSpread
  }

  /// Why the behaviour is out of range, or `nil` when every parameter is in range.
  var invalidReason: String? {
    let fractions: [(String, Double)] = [
      ("checkoutShareOfAbandoned", checkoutShareOfAbandoned), ("cartShareOfAbandoned", cartShareOfAbandoned),
      ("accountShare", accountShare), ("emailSubscriptionShare", emailSubscriptionShare),
      ("smsSubscriptionShare", smsSubscriptionShare), ("unsubscribeShare", unsubscribeShare),
      ("delayShare", delayShare), ("surveyShare", surveyShare), ("satisfactionCorrelation", satisfactionCorrelation),
    ]
    if let bad = fractions.first(where: { !(0...1).contains($0.1) }) { return "\(bad.0) must be in 0...1" }
    if checkoutShareOfAbandoned + cartShareOfAbandoned > 1 {
      return "checkoutShareOfAbandoned + cartShareOfAbandoned must be at most 1"
    }
    let nonNegative: [(String, Double)] = [
      ("extraViewsPerOrder", extraViewsPerOrder), ("abandonedSessionsPerOrder", abandonedSessionsPerOrder),
      ("shippingDays", shippingDays), ("deliveryDays", deliveryDays), ("surveyDelayDays", surveyDelayDays),
    ]
    if let bad = nonNegative.first(where: { !($0.1 >= 0 && $0.1.isFinite) }) { return "\(bad.0) must be finite, >= 0" }
    if !(linesPerOrder >= 1 && linesPerOrder.isFinite) { return "linesPerOrder must be finite, >= 1" }
    if !(0...10).contains(surveyScoreMean) { return "surveyScoreMean must be in 0...10" }
    if !(surveyScoreSpread > 0 && surveyScoreSpread.isFinite) { return "surveyScoreSpread must be positive" }
    return nil
  }
}

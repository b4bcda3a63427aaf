/// The products that never get a replenishment reminder: what customers do not rebuy.
///
/// A product is left out when **any** of these holds:
/// 1. **Not a product**: its id is one of ``productIDs`` or starts with one of
///    ``productIDPrefixes`` (both compared without regard to case), or its name or id contains
///    one of ``namePhrases`` as whole words (case ignored; words are runs of letters and
///    digits, so `fee` matches `AMAZON FEE` but not `Coffee`). The defaults catch postage,
///    carriage, fees, manual adjustments, discounts and gift cards or vouchers, by the codes of
///    UCI Online Retail (`POST`, `DOT` = DOTCOM POSTAGE, `C2` = CARRIAGE, `M` = Manual, `D` =
///    Discount, `AMAZONFEE`, `BANK CHARGES`, `gift_0001_10`, ...) and the usual words of other
///    shops (`Shipping`, `Gift Card`, `Service fee`).
/// 2. **A durable category**: its category is one of ``categories`` (compared without regard to
///    case), for shops that know which departments sell durable goods.
/// 3. **No evidence of rebuying** (the data rules, on the orders, see
///    ``excludedProducts(_:quantityElasticity:)``):
///    - fewer than ``minimumRepeatBuyers`` customers bought it on two or more days (default 2:
///      one customer's repeats are not enough evidence, a reseller restocking a lamp);
///    - its rebuy lift (``RepurchaseIntervals/Rebuying/lift``) is below ``minimumRebuyLift``
///      (default 1.3): its buyers buy it again no more often than other customers buy it at
///      all, as with a kettle or a grinder that turns up in any basket. In the synthetic
///      Shopify export the consumables measure 1.6 to 2.0 and the durables and the gift card
///      1.0 to 1.1. A product in so many baskets that it cannot reach the lift
///      (``RepurchaseIntervals/Rebuying/maximumLift``, a shop that sells one product) is kept;
///    - it has fewer than ``RepurchaseIntervals/Options/minimumSampleSize`` intervals (no
///      distribution to time a run-out with);
///    - its intervals are not stable: their coefficient of variation exceeds
///      ``maximumIntervalVariation`` (default 1.5; exponential gaps, no cadence at all, measure 1),
///      each interval scaled to the product's typical quantity by the ``QuantityElasticity`` the
///      plan uses (per unit when the elasticity is 1).
///
/// One rule set serves the CLI (`secondsale replenish`), ``ReplenishmentPlan`` and the
/// campaign replenishment flow.
///
/// ```swift
/// var exclusions = ReplenishmentExclusions.standard
/// exclusions.productIDs.insert("GIFTWRAP")
/// exclusions.categories = ["Furniture", "Electronics"]
/// let plan = ReplenishmentPlan(log, asOf: today, exclusions: exclusions)
/// for product in plan.excluded { print(product.productID, product.reason) }
/// ```
public struct ReplenishmentExclusions: Sendable, Hashable, Codable {
  /// Product ids that are not products (postage, fees), compared without regard to case.
  public var productIDs: Set<String>
  /// Id prefixes of such products (gift vouchers `gift_0001_10`), compared without regard to case.
  public var productIDPrefixes: [String]
  /// Phrases that mark such products when their words occur in the name or the id.
  public var namePhrases: [String]
  /// Categories of durable goods, compared without regard to case.
  public var categories: Set<String>
  /// The fewest customers who must have bought a product on two or more days (at least 0; 0
  /// turns the data rule off).
  public var minimumRepeatBuyers: Int
  /// The lowest rebuy lift (``RepurchaseIntervals/Rebuying/lift``) of a product that gets
  /// reminders (at least 0; 0 turns the rule off).
  public var minimumRebuyLift: Double
  /// The largest coefficient of variation of a product's intervals (`.infinity` turns the rule off).
  public var maximumIntervalVariation: Double

  /// Creates exclusions; the defaults are ``standard``'s.
  ///
  /// - Parameters:
  ///   - productIDs: Product ids that are not products.
  ///   - productIDPrefixes: Id prefixes of such products.
  ///   - namePhrases: Phrases that mark them in names and ids.
  ///   - categories: Categories of durable goods.
  ///   - minimumRepeatBuyers: The fewest customers who bought a product on two or more days (default 2).
  ///   - minimumRebuyLift: The lowest rebuy lift (default 1.3).
  ///   - maximumIntervalVariation: The largest coefficient of variation of the intervals (default 1.5).
  public init(
    productIDs: Set<String> = Self.standardProductIDs, productIDPrefixes: [String] = ["gift_"],
    namePhrases: [String] = Self.standardNamePhrases, categories: Set<String> = [], minimumRepeatBuyers: Int = 2,
    minimumRebuyLift: Double = 1.3, maximumIntervalVariation: Double = 1.5
  ) {
    precondition(minimumRepeatBuyers >= 0, "the minimum number of repeat buyers must not be negative")
    precondition(minimumRebuyLift >= 0, "the minimum rebuy lift must not be negative")
    precondition(maximumIntervalVariation >= 0, "the maximum interval variation must not be negative")
    self.minimumRebuyLift = minimumRebuyLift
    self.maximumIntervalVariation = maximumIntervalVariation
    self.productIDs = productIDs
    self.productIDPrefixes = productIDPrefixes
    self.namePhrases = namePhrases
    self.categories = categories
    self.minimumRepeatBuyers = minimumRepeatBuyers
  }

  /// The default rules.
  public static let standard = ReplenishmentExclusions()

  /// No rule: every product with a repurchase interval distribution gets reminders.
  public static let none = ReplenishmentExclusions(
    productIDs: [], productIDPrefixes: [], namePhrases: [], categories: [], minimumRepeatBuyers: 0,
    minimumRebuyLift: 0, maximumIntervalVariation: .infinity)

  /// The non-product codes of UCI Online Retail and their like: `POST`, `DOT`, `C2`, `M`, `D`,
  /// `S`, `B`, `CRUK`, `PADS`, `AMAZONFEE`, `BANK CHARGES`.
  public static let standardProductIDs: Set<String> = [
    "POST", "DOT", "C2", "M", "D", "S", "B", "CRUK", "PADS", "AMAZONFEE", "BANK CHARGES",
  ]

  /// Postage, carriage, shipping, fees and charges, manual adjustments, discounts, samples,
  /// deposits, gift cards, vouchers and certificates.
  public static let standardNamePhrases: [String] = [
    "postage", "carriage", "shipping", "fee", "fees", "charge", "charges", "commission", "manual", "adjust",
    "adjustment", "discount", "samples", "deposit", "gift card", "gift voucher", "gift certificate", "voucher",
  ]

  /// Why the rules 1 and 2 (ids, names, categories) leave a product out, or `nil` when they
  /// keep it; the data rules need the orders (see ``excludedProducts(_:quantityElasticity:)``).
  ///
  /// - Parameter product: The product.
  /// - Returns: The reason, for example `name has "gift card"`.
  /// - Complexity: O(*r* + *w* · *p*), where *r* is the number of ids, prefixes and categories,
  ///   *w* the number of words of the name and id and *p* the number of phrases.
  public func reasonForExcluding(_ product: OrderLog.Product) -> String? {
    let id = product.id.uppercased()
    if productIDs.contains(where: { $0.uppercased() == id }) { return "id \(product.id) is not a product" }
    if let prefix = productIDPrefixes.first(where: { id.hasPrefix($0.uppercased()) }) {
      return "id starts with \(prefix)"
    }
    if let category = product.category?.lowercased(), categories.contains(where: { $0.lowercased() == category }) {
      return "category \(product.category ?? category) is durable"
    }
    let words = Self.words(of: (product.name ?? "") + " " + product.id)
    for phrase in namePhrases {
      let wanted = Self.words(of: phrase)
      guard !wanted.isEmpty, wanted.count <= words.count else { continue }
      for start in 0...(words.count - wanted.count) where Array(words[start..<start + wanted.count]) == wanted {
        return "name has \"\(phrase)\""
      }
    }
    return nil
  }

  /// The lower-cased runs of letters and digits of a text.
  static func words(of text: String) -> [Substring] {
    text.lowercased().split { !($0.isLetter || $0.isNumber) }
  }
}

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
/// 3. **No evidence of rebuying** (the data rule): fewer than ``minimumRepeatBuyers`` customers
///    bought it on two or more days. A product nobody bought twice is a durable good (or a
///    one-off) for this shop, whatever its name; one customer's repeats are not enough evidence
///    by default (a reseller restocking a lamp), two are.
///
/// ```swift
/// var exclusions = ReplenishmentExclusions.standard
/// exclusions.productIDs.insert("GIFTWRAP")
/// exclusions.categories = ["Furniture", "Electronics"]
/// let trigger = ReplenishmentTrigger(exclusions: exclusions)
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

  /// Creates exclusions; the defaults are ``standard``'s.
  ///
  /// - Parameters:
  ///   - productIDs: Product ids that are not products.
  ///   - productIDPrefixes: Id prefixes of such products.
  ///   - namePhrases: Phrases that mark them in names and ids.
  ///   - categories: Categories of durable goods.
  ///   - minimumRepeatBuyers: The fewest customers who bought a product on two or more days.
  public init(
    productIDs: Set<String> = Self.standardProductIDs, productIDPrefixes: [String] = ["gift_"],
    namePhrases: [String] = Self.standardNamePhrases, categories: Set<String> = [], minimumRepeatBuyers: Int = 2
  ) {
    precondition(minimumRepeatBuyers >= 0, "the minimum number of repeat buyers must not be negative")
    self.productIDs = productIDs
    self.productIDPrefixes = productIDPrefixes
    self.namePhrases = namePhrases
    self.categories = categories
    self.minimumRepeatBuyers = minimumRepeatBuyers
  }

  /// The default rules.
  public static let standard = ReplenishmentExclusions()

  /// No rule: every product with a repurchase interval gets reminders.
  public static let none = ReplenishmentExclusions(
    productIDs: [], productIDPrefixes: [], namePhrases: [], categories: [], minimumRepeatBuyers: 0)

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
  /// keep it; the data rule needs the orders (see ``ReplenishmentTrigger``).
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

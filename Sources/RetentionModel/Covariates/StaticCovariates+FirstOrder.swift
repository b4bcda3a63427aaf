import Foundation

extension StaticCovariates {
  /// A property of a customer's first purchase that can serve as a covariate.
  public enum FirstOrderAttribute: String, Sendable, Hashable, Codable, CaseIterable {
    /// The order's sales channel or source (``Order/channel``; Shopify's `Source`).
    case source
    /// The category of the order's first line's product (``LineItem/category``).
    case category
    /// The country of the order's customer address (Shopify's `Billing Country`, else the
    /// shipping country).
    case country
    /// Whether the customer accepted marketing on the order (``Order/acceptsMarketing``).
    case marketing
    /// Whether the order held more than one unit (the sum of its lines' quantities above 1).
    case multipleItems
    /// Whether the order used a discount code (``Order/discountCodes``; Shopify's
    /// `Discount Code`): the column `discount=yes` is 1 when it did, against the reference `no`.
    case discount
  }

  /// Covariates from every customer's first purchase: each attribute as 0/1 dummies against a
  /// named reference level.
  ///
  /// For each attribute, every customer with a purchase gets the level of their first purchase
  /// (cancelled and voided orders do not count); a missing value is the level `unknown`,
  /// Booleans are `yes` and `no`. Levels of fewer than `minimumCustomersPerLevel` customers are
  /// pooled into the level `other`, so that every dummy rests on enough customers to estimate.
  /// The most frequent level is the reference (ties by name); every other level is a column
  /// named `attribute=level` whose value is 1 for the customers at that level. The dummies of
  /// one attribute form one ``Block``.
  ///
  /// ```swift
  /// let covariates = try StaticCovariates.firstOrder(of: log, attributes: [.source, .country])
  /// // columns such as "source=instagram", "source=pos", "country=DE"; reference "source=web"
  /// ```
  ///
  /// The reference of ``FirstOrderAttribute/discount`` is always `no` (no code used), so that its
  /// dummy says whether the first order used a code; a log whose orders do not say whether they
  /// used one (``OrderLog/discountCodes(ofOrder:)`` `nil` everywhere, as in CDNOW or an export
  /// without a Discount Code column) is an error.
  ///
  /// - Parameters:
  ///   - log: The order log (keyed by person for people).
  ///   - attributes: The attributes, at least one, each once.
  ///   - minimumCustomersPerLevel: The fewest customers a level needs to stand on its own; 30 by
  ///     default.
  /// - Returns: One row per customer with a purchase, in the log's customer order.
  /// - Throws: ``RetentionModelError`` `.invalidArgument` without attributes or with one given
  ///   twice; `.emptyData` when no customer has a purchase; `.invalidData` when an attribute has
  ///   only one level (nothing to compare) or when no first order says whether it used a
  ///   discount code.
  /// - Complexity: O(*n* + *c* · *a*), for *n* orders, *c* customers and *a* attributes.
  public static func firstOrder(
    of log: OrderLog, attributes: [FirstOrderAttribute], minimumCustomersPerLevel: Int = 30
  ) throws -> StaticCovariates {
    guard !attributes.isEmpty else {
      throw RetentionModelError(.invalidArgument, reason: "no first-order attribute given")
    }
    guard Set(attributes).count == attributes.count else {
      throw RetentionModelError(.invalidArgument, reason: "a first-order attribute is given twice: \(attributes)")
    }
    var customers: [String] = []
    var firstOrders: [Int] = []
    for number in 0..<log.customerCount {
      guard let first = log.orderIndices(ofCustomerNumber: number).first(where: { log.orderIsPurchase[Int($0)] })
      else { continue }
      customers.append(log.customerIDs[number])
      firstOrders.append(Int(first))
    }
    guard !customers.isEmpty else { throw RetentionModelError(.emptyData, reason: "no customer has a purchase") }
    var columnNames: [String] = []
    var blocks: [Block] = []
    var columns: [[Double]] = []
    for attribute in attributes {
      let raw = firstOrders.map { level(of: attribute, order: $0, in: log) }
      var counts: [String: Int] = [:]
      for value in raw { counts[value, default: 0] += 1 }
      let levels = raw.map { counts[$0, default: 0] >= minimumCustomersPerLevel ? $0 : "other" }
      counts = [:]
      for value in levels { counts[value, default: 0] += 1 }
      if attribute == .discount && counts["unknown"] == levels.count {
        throw RetentionModelError(
          .invalidData,
          reason:
            "no first order says whether it used a discount code (the log carries no discount codes: import a Shopify export with its Discount Code column, or give a discount column in a covariate CSV)"
        )
      }
      var ranked = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
      // The discount dummy says whether a code was used: its reference is "no" whenever present.
      if attribute == .discount, let no = ranked.firstIndex(of: "no") { ranked.insert(ranked.remove(at: no), at: 0) }
      guard ranked.count > 1, let reference = ranked.first else {
        throw RetentionModelError(
          .invalidData,
          reason: "every first order has the same \(attribute.rawValue) ('\(ranked.first ?? "")'): nothing to compare")
      }
      let others = ranked.dropFirst().sorted()
      let names = others.map { "\(attribute.rawValue)=\($0)" }
      columnNames += names
      blocks.append(Block(name: attribute.rawValue, columns: names, referenceLevel: reference))
      for level in others { columns.append(levels.map { $0 == level ? 1 : 0 }) }
    }
    let rows = customers.indices.map { row in columns.map { $0[row] } }
    return try StaticCovariates(columnNames: columnNames, customerIDs: customers, rows: rows, blocks: blocks)
  }

  private static func level(of attribute: FirstOrderAttribute, order: Int, in log: OrderLog) -> String {
    func named(_ text: String?) -> String {
      let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
      return trimmed.isEmpty ? "unknown" : trimmed
    }
    switch attribute {
    case .source: return named(log.channel(ofOrder: order))
    case .category: return named(log.lines(ofOrder: order).first?.category)
    case .country: return named(log.customerReference(ofOrder: order).address?.country)
    case .marketing: return log.acceptsMarketing(ofOrder: order).map { $0 ? "yes" : "no" } ?? "unknown"
    case .multipleItems: return log.lines(ofOrder: order).reduce(0) { $0 + $1.quantity } > 1 ? "yes" : "no"
    case .discount: return log.discountCodes(ofOrder: order).map { $0.isEmpty ? "no" : "yes" } ?? "unknown"
    }
  }
}

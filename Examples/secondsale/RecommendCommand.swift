import Foundation
import Recommendations
import _CommandLineSupport

/// The JSON printed by `secondsale recommend --json`.
struct RecommendOutput: Encodable {
  /// Who counts as one customer: `people` (identity resolution) or `customer-id`.
  var identity: String
  var customer: String
  /// The id the customer was found under (after the importers' normalisation), or `nil` when unknown.
  var matchedCustomer: String?
  var isKnownCustomer: Bool
  /// The categories recommendations may come from: `any`, `category` or `category-tree`.
  var affinity: String
  var recommender: String
  var recommendations: [Recommendation]
}

/// The recommenders `recommend` can use, by option value.
func namedRecommender(_ name: String, history: PurchaseHistory) throws -> any Recommender {
  switch name {
  case "popularity": return PopularityRecommender(history)
  case "recent-popularity": return PopularityRecommender(history, windowDays: 90)
  case "category-popularity": return PopularityRecommender(history, scope: .customerCategories)
  case "item-to-item", "cosine": return ItemToItemRecommender(history, measure: .cosine)
  case "jaccard": return ItemToItemRecommender(history, measure: .jaccard)
  case "lift": return ItemToItemRecommender(history, measure: .lift, minimumSupport: 5)
  case "rules": return AssociationRuleRecommender(history)
  case "repeat": return RepeatPurchaseRecommender(history)
  case "blend":
    return try BlendedRecommender(
      [
        (RepeatPurchaseRecommender(history), 1), (ItemToItemRecommender(history), 0.5),
        (PopularityRecommender(history), 0.5),
      ],
      name: "blend: repeat + item-to-item + popularity")
  default:
    throw CommandLineError(
      "--recommender: unknown recommender '\(name)' (use popularity, recent-popularity, category-popularity, item-to-item, jaccard, lift, rules, repeat or blend)"
    )
  }
}

/// The data options `secondsale recommend` uses.
let recommendDataOptions: DataOptions.Features = [.fileFormat, .timeZone, .json, .identity]

let recommendCommand = Command(
  name: "recommend",
  abstract: "top-k products for a customer, with scores and reasons",
  dataOptions: recommendDataOptions,
  valueOptions: ["customer", "k", "recommender", "affinity"],
  flags: ["exclude-purchased", "exclude-durables", "allow-unknown"],
  help: """
    usage: secondsale recommend FILE --customer ID [options]

    Ranks products for one customer from the whole order history and says why each is there.
    The id is matched as the importers normalise ids (trimmed; emails lower-cased; UCI ids
    without the .0 of 17850.0). An id that names no customer is an error, unless
    --allow-unknown asks for the cold-start list (popularity, through the blend).

    options:
      --customer ID         the customer id (required)
      --k N                 how many products (default 10)
      --recommender R       popularity | recent-popularity | category-popularity | item-to-item |
                            jaccard | lift | rules | repeat | blend (default blend)
      --exclude-purchased   leave out everything the customer bought
      --exclude-durables    leave out purchased products that are rarely bought again
      --affinity A          any | category (only the categories the customer bought from) |
                            category-tree (only their top levels, "Men > Shoes" → "Men")
                            (default any)
      --allow-unknown       give an unknown customer the cold-start list instead of an error
    \(DataOptions.help(for: recommendDataOptions))
    """,
  run: { arguments in
    let options = try DataOptions(arguments, features: recommendDataOptions)
    guard let customer = arguments.value("customer") else {
      throw CommandLineError("missing --customer ID (see --help)")
    }
    let k = try arguments.integer("k", default: 10)
    guard k >= 0 else { throw CommandLineError("--k must not be negative") }
    let keyed = try options.loadKeyed()
    let log = keyed.log
    let affinityName = arguments.value("affinity") ?? "any"
    let affinity: RecommendationFilter.CategoryAffinity
    switch affinityName {
    case "any": affinity = .any
    case "category": affinity = .purchasedCategories
    case "category-tree": affinity = .purchasedCategoryTrees()
    default:
      throw CommandLineError("--affinity: unknown affinity '\(affinityName)' (use any, category or category-tree)")
    }
    // A shop customer id names the person who placed its orders.
    let known = keyed.knownCustomer(typed: customer)
    if known == nil && !arguments.flag("allow-unknown") {
      throw CommandLineError(
        "--customer \(customer): no customer with this id in the orders (tried "
          + IdentityKeyedLog.customerIDCandidates(of: customer).map { "'\($0)'" }.joined(separator: ", ")
          + "); --allow-unknown gives the cold-start list")
    }
    let customerKey = known?.key ?? customer
    let history = PurchaseHistory(log)
    let recommender = try namedRecommender(arguments.value("recommender") ?? "blend", history: history)
    let filter = RecommendationFilter(
      excludesPurchasedDurables: arguments.flag("exclude-durables"),
      excludesPurchasedProducts: arguments.flag("exclude-purchased"), categoryAffinity: affinity)
    let output = RecommendOutput(
      identity: options.identity.rawValue,
      customer: customer, matchedCustomer: known?.matched,
      isKnownCustomer: history.customerNumber(of: customerKey) != nil,
      affinity: affinityName, recommender: recommender.name,
      recommendations: recommender.recommendations(forCustomer: customerKey, count: k, filter: filter))
    if options.json {
      print(try jsonText(output))
      return
    }
    let who =
      !output.isKnownCustomer
      ? "\(customer) (unknown customer: cold start)"
      : (known?.matched == customer ? customer : "\(customer) (customer \(known?.matched ?? customer))")
    print("\(output.recommender) for \(who)\(affinityName == "any" ? "" : ", affinity \(affinityName)"):")
    for (rank, item) in output.recommendations.enumerated() {
      let label = item.name.map { "\(item.productID) \($0)" } ?? item.productID
      print(
        String(format: "%3d. ", rank + 1) + label.padding(toLength: 44, withPad: " ", startingAt: 0)
          + String(format: " %8.3f  ", item.score) + item.reason)
    }
    if output.recommendations.isEmpty {
      print("  (nothing to recommend)")
      // Say why an empty rule list is empty: support, confidence and lift of what was mined.
      if recommender is AssociationRuleRecommender {
        print("  association rules: \(AssociationRuleSummary(history).explanation)")
      }
    }
  })

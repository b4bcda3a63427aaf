/// A model of how much customers spend per purchase.
///
/// Amounts are in the currency of the data the model was fitted on; "frequency" is the number
/// of repeat purchases x and "monetary value" the mean value z̄ of those purchases, as in
/// ``CustomerSummary``.
public protocol SpendModel: Sendable {
  /// E[M | x, z̄]: the expected value of a future purchase of a customer with `frequency`
  /// repeat purchases of mean value `monetaryValue`.
  ///
  /// - Parameters:
  ///   - frequency: x, the number of repeat purchases (0 for none).
  ///   - monetaryValue: z̄, their mean value (ignored when x = 0).
  func expectedAverageOrderValue(frequency: Double, monetaryValue: Double) -> Double

  /// E[M]: the expected value of a purchase of a customer about whom nothing is known.
  var populationMeanOrderValue: Double { get }
}

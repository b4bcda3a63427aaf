/// A product's measured repurchase intervals: what the replenishment lists are ordered by.
protocol MeasuredProduct {
  /// The product id.
  var productID: String { get }
  /// The number of intervals measured.
  var sampleSize: Int { get }
}

extension RepurchaseIntervals.Distribution: MeasuredProduct {}
extension QuantityElasticity.ProductIntervals: MeasuredProduct {}

extension Sequence where Element: MeasuredProduct {
  /// The products by descending sample size, ties by product id: the order of every list of
  /// measured products.
  ///
  /// - Complexity: O(*n* log *n*) for *n* products.
  func sortedBySampleSize() -> [Element] {
    sorted { $0.sampleSize != $1.sampleSize ? $0.sampleSize > $1.sampleSize : $0.productID < $1.productID }
  }
}

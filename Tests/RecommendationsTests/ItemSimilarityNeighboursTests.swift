import Testing
import _TestSupport
import Recommendations

/// Truncating a wide neighbourhood equals computing the narrow one.
struct ItemSimilarityNeighboursTests {
  @Test(arguments: 0..<20 as Range<UInt64>)
  func keepingNeighboursEqualsComputingFewer(seed: UInt64) throws {
    let history = PurchaseHistory(try RecommenderPropertyTests.randomLog(seed: seed))
    let wide = ItemSimilarity(history, measure: .cosine, minimumSupport: 1, neighbourCount: 100)
    for count in [1, 2, 5] {
      let truncated = wide.keepingNeighbours(count)
      let direct = ItemSimilarity(history, measure: .cosine, minimumSupport: 1, neighbourCount: count)
      #expect(truncated.keptNeighbourCount == direct.keptNeighbourCount)
      for product in 0..<history.productCount {
        #expect(truncated.neighbours(of: ProductNumber(product)) == direct.neighbours(of: ProductNumber(product)))
      }
    }
  }
}

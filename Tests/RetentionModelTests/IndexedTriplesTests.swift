import RetentionCore
import Testing
@testable import RetentionModel

/// ``IndexedTriples`` numbers each column's distinct values in order of first appearance.
struct IndexedTriplesTests {
  @Test func indexedTriplesNumberTheirColumnsByFirstAppearance() throws {
    let data = FrequencyRecencyData(
      frequency: [0, 2, 2, 5], recency: [0, 3, 1.5, 3], age: [4, 4, 3, 6], unit: .weeks, count: [7, 1, 2, 3])
    let triples = try IndexedTriples(data)
    // The data sort the triples by (x, t_x, T): (0, 0, 4), (2, 1.5, 3), (2, 3, 4), (5, 3, 6).
    #expect(triples.frequencyValues == [0, 2, 5])
    #expect(triples.timeValues == [0, 4, 1.5, 3, 6])
    #expect(triples.frequencyIndex == [0, 1, 1, 2])
    #expect(triples.recencyIndex == [0, 2, 3, 3])
    #expect(triples.ageIndex == [1, 3, 1, 4])
    #expect(triples.customers == 13)
  }
}

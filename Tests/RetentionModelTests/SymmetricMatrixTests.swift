import Foundation
import Testing
import _TestSupport
@testable import RetentionModel

/// The small symmetric linear algebra of the fits: the eigen decomposition that FitDiagnostics
/// reads the Hessian's condition and flat directions from.
struct SymmetricMatrixTests {
  @Test func eigenvaluesOfAHandMadeMatrix() throws {
    // [[2, 1, 0], [1, 2, 0], [0, 0, 5]] has eigenvalues 1, 3 (vectors (1, -1, 0)/√2 and
    // (1, 1, 0)/√2) and 5 (vector (0, 0, 1)), by hand.
    let (values, vectors) = try #require(SymmetricMatrix.eigen([[2, 1, 0], [1, 2, 0], [0, 0, 5]]))
    for (value, expected) in zip(values, [1.0, 3, 5]) {
      #expect(value.isApproximatelyEqual(to: expected, absoluteTolerance: 1e-14))
    }
    #expect(abs(vectors[0][0] + vectors[0][1]).isApproximatelyEqual(to: 0, absoluteTolerance: 1e-14))
    #expect(abs(vectors[2][2]).isApproximatelyEqual(to: 1, absoluteTolerance: 1e-14))
  }

  @Test(arguments: 0..<20 as Range<UInt64>)
  func eigenpairsSatisfyTheirDefinition(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let n = Int.random(in: 1...5, using: &generator)
    var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in 0...i {
        let value = Double.random(in: -3...3, using: &generator)
        matrix[i][j] = value
        matrix[j][i] = value
      }
    }
    let (values, vectors) = try #require(SymmetricMatrix.eigen(matrix))
    #expect(values == values.sorted())
    // The trace is the sum of the eigenvalues; A v = λ v; the vectors are orthonormal.
    let trace = (0..<n).reduce(0) { $0 + matrix[$1][$1] }
    #expect(values.reduce(0, +).isApproximatelyEqual(to: trace, absoluteTolerance: 1e-12))
    for k in 0..<n {
      for i in 0..<n {
        let product = (0..<n).reduce(0) { $0 + matrix[i][$1] * vectors[k][$1] }
        #expect(product.isApproximatelyEqual(to: values[k] * vectors[k][i], absoluteTolerance: 1e-12))
      }
      for l in 0..<n {
        let dot = (0..<n).reduce(0) { $0 + vectors[k][$1] * vectors[l][$1] }
        #expect(dot.isApproximatelyEqual(to: k == l ? 1 : 0, absoluteTolerance: 1e-12))
      }
    }
  }

  @Test func nonFiniteEntriesHaveNoDecomposition() {
    #expect(SymmetricMatrix.eigen([[1, .nan], [.nan, 1]]) == nil)
    #expect(SymmetricMatrix.eigen([[1, 2]]) == nil)
  }
}

import Testing
import _RetentionSupport
import _TestSupport

/// `UnionFind` against sets merged by hand: the same partition, each set's root its smallest
/// element.
struct UnionFindTests {
  @Test(arguments: 0..<6 as Range<UInt64>)
  func joinsLikeMergingSets(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let count = 1 + Int(generator.next() % 200)
    var forest = UnionFind(count: count)
    var setOf = (0..<count).map { Set([$0]) }
    for _ in 0..<(count / 2) {
      let a = Int32(generator.next() % UInt64(count)), b = Int32(generator.next() % UInt64(count))
      let root = forest.join(forest.root(of: a), forest.root(of: b))
      let union = setOf[Int(a)].union(setOf[Int(b)])
      for element in union { setOf[element] = union }
      #expect(Int(root) == union.min())
    }
    for element in 0..<count {
      #expect(Int(forest.rootWithoutCompressing(of: Int32(element))) == setOf[element].min())
      #expect(Int(forest.root(of: Int32(element))) == setOf[element].min())
    }
  }
}

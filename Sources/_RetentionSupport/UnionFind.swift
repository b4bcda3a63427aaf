/// Disjoint sets of the elements `0..<count` (a union-find forest) in which the smaller root
/// always wins, so that each set's root is its smallest element.
///
/// ```swift
/// var sets = UnionFind(count: 4)
/// sets.join(sets.root(of: 3), sets.root(of: 1))  // 1: {1, 3}
/// sets.root(of: 3)  // 1
/// ```
///
/// Public (in a module that is not a product) so that its `@inlinable` members inline into the
/// linking loops of other modules, which `@inlinable package` members do not.
public struct UnionFind: Sendable {
  @usableFromInline var parent: [Int32]

  /// `count` sets of one element each.
  public init(count: Int) { parent = (0..<count).map { Int32($0) } }

  /// The number of elements.
  @inlinable public var count: Int { parent.count }

  /// The root of an element's set (its smallest element), halving the path on the way.
  ///
  /// - Complexity: Amortised O(α(*n*)).
  @inlinable public mutating func root(of element: Int32) -> Int32 {
    var node = Int(element)
    while parent[node] != Int32(node) {
      let grandparent = parent[Int(parent[node])]
      parent[node] = grandparent
      node = Int(grandparent)
    }
    return Int32(node)
  }

  /// The root of an element's set, without changing the forest (so that parallel tasks can read
  /// one forest).
  @inlinable public func rootWithoutCompressing(of element: Int32) -> Int32 {
    var node = Int(element)
    while parent[node] != Int32(node) { node = Int(parent[node]) }
    return Int32(node)
  }

  /// Joins the sets of two roots and returns the root of the union, the smaller of the two.
  @discardableResult
  @inlinable public mutating func join(_ root: Int32, _ other: Int32) -> Int32 {
    precondition(parent[Int(root)] == root && parent[Int(other)] == other, "join takes roots")
    if root < other {
      parent[Int(other)] = root
      return root
    }
    parent[Int(root)] = other
    return other
  }
}

/// The distinct (x, t_x, T) triples of a base, ordered by (x, T, t_x) so that triples sharing
/// (x, T) are adjacent, with the customers of each triple.
struct TripleTable: Sendable {
  /// x of each distinct triple.
  var frequency: [Double] = []
  /// t_x of each distinct triple.
  var recency: [Double] = []
  /// T of each distinct triple.
  var age: [Double] = []
  /// The customers of triple `u` are `customers[starts[u]..<starts[u + 1]]`, in summary order.
  var starts: [Int] = [0]
  /// Customer positions grouped by triple.
  var customers: [Int] = []

  /// The number of distinct triples.
  var count: Int { frequency.count }

  /// Groups customers by their triple.
  ///
  /// - Complexity: O(*n* + *u* log *u*) for *n* customers and *u* distinct triples.
  init(frequency x: [Double], recency tx: [Double], age t: [Double]) {
    var numbers: [SIMD3<Double>: Int] = [:]
    var keys: [SIMD3<Double>] = []
    var tripleOfCustomer = [Int](repeating: 0, count: x.count)
    for index in x.indices {
      let key = SIMD3(x[index], t[index], tx[index])
      if let known = numbers[key] {
        tripleOfCustomer[index] = known
      } else {
        numbers[key] = keys.count
        tripleOfCustomer[index] = keys.count
        keys.append(key)
      }
    }
    let order = keys.indices.sorted { a, b in
      let (p, q) = (keys[a], keys[b])
      return (p.x, p.y, p.z) < (q.x, q.y, q.z)
    }
    var rank = [Int](repeating: 0, count: keys.count)
    for (position, number) in order.enumerated() { rank[number] = position }
    var counts = [Int](repeating: 0, count: keys.count)
    for number in tripleOfCustomer { counts[rank[number]] += 1 }
    for position in order.indices {
      let key = keys[order[position]]
      frequency.append(key.x)
      age.append(key.y)
      recency.append(key.z)
      starts.append(starts[position] + counts[position])
    }
    var next = Array(starts.dropLast())
    customers = [Int](repeating: 0, count: x.count)
    for index in x.indices {
      let position = rank[tripleOfCustomer[index]]
      customers[next[position]] = index
      next[position] += 1
    }
  }
}

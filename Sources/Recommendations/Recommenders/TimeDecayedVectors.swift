import Foundation
import _RetentionSupport

/// TIFU-KNN's customer vectors and each customer's nearest neighbours (Hu, He, Li, Zhang, Liu &
/// Zhang, "Modeling Personalized Item Frequency Information for Next-basket Recommendation",
/// SIGIR 2020, Sections 3.2-3.4).
///
/// A customer's baskets B_1 … B_n (oldest first, each a 0/1 product vector) are cut into groups
/// of `groupSize` consecutive baskets counted back from the newest (the oldest group may be
/// smaller). A group g of |g| baskets has the vector (1 / |g|) Σ_j r_b^(|g| − j) B_j (within-group
/// decay r_b, the newest basket of the group weighs 1); the customer's vector over *G* groups is
/// (1 / *G*) Σ_i r_g^(*G* − i) g_i (across-group decay r_g). Neighbours are the customers whose
/// vectors have the largest cosine similarity (the paper uses Euclidean distance; cosine keeps
/// customers with tiny vectors from being everyone's neighbour), ties by customer number.
struct TimeDecayedVectors: Sendable {
  /// The grouping and decays.
  let groupSize: Int
  let withinGroupDecay: Double
  let acrossGroupDecay: Double
  /// The start of each customer's entries; `starts[customerCount]` is their number.
  let starts: [Int32]
  /// The products of each customer's vector, ascending within a customer.
  let products: [Int32]
  /// The vector's values, parallel to ``products``.
  let values: [Double]
  /// The sum of each customer's basket weights (a product in every basket would have this value).
  let weightSums: [Double]
  /// The start of each customer's neighbours in ``neighbours``.
  let neighbourStarts: [Int32]
  /// The neighbours of each customer, most similar first.
  let neighbours: [Int32]

  /// Computes the vectors of every customer of a history and up to `neighbourCount` neighbours.
  ///
  /// - Complexity: O(*l* + Σ_p *n_p*²), where *l* is the number of basket lines and *n_p* the
  ///   number of customers who bought product *p*; the neighbour search runs in parallel chunks.
  init(
    _ history: PurchaseHistory, groupSize: Int, withinGroupDecay: Double, acrossGroupDecay: Double, neighbourCount: Int
  ) {
    self.groupSize = groupSize
    self.withinGroupDecay = withinGroupDecay
    self.acrossGroupDecay = acrossGroupDecay
    let customerCount = history.customerCount
    var starts: [Int32] = [0]
    starts.reserveCapacity(customerCount + 1)
    var products: [Int32] = []
    var values: [Double] = []
    var dense = [Double](repeating: 0, count: history.productCount)
    var touched: [Int32] = []
    var weightSums = [Double](repeating: 0, count: customerCount)
    for customer in 0..<customerCount {
      let baskets = history.baskets(ofCustomerNumber: customer)
      let count = baskets.count
      if count > 0 {
        let groupCount = (count + groupSize - 1) / groupSize
        let oldestGroupSize = count - (groupCount - 1) * groupSize
        for (offset, basket) in baskets.enumerated() {
          // Group 0 is the oldest (possibly smaller) group.
          let group = offset < oldestGroupSize ? 0 : 1 + (offset - oldestGroupSize) / groupSize
          let size = group == 0 ? oldestGroupSize : groupSize
          let end = group == 0 ? oldestGroupSize : oldestGroupSize + group * groupSize
          let withinAge = end - 1 - offset
          let weight =
            pow(withinGroupDecay, Double(withinAge)) / Double(size) * pow(acrossGroupDecay, Double(groupCount - 1 - group))
            / Double(groupCount)
          guard weight > 0 else { continue }
          weightSums[customer] += weight
          for product in history.products(ofBasket: Int(basket)) {
            if dense[Int(product)] == 0 { touched.append(product) }
            dense[Int(product)] += weight
          }
        }
        touched.sort()
        for product in touched {
          products.append(product)
          values.append(dense[Int(product)])
          dense[Int(product)] = 0
        }
        touched.removeAll(keepingCapacity: true)
      }
      starts.append(Int32(products.count))
    }
    self.starts = starts
    self.products = products
    self.values = values
    self.weightSums = weightSums
    (neighbourStarts, neighbours) = Self.nearestNeighbours(
      starts: starts, products: products, values: values, productCount: history.productCount,
      neighbourCount: neighbourCount)
  }

  /// The range of a customer's entries.
  func entries(ofCustomer customer: Int) -> Range<Int> { Int(starts[customer])..<Int(starts[customer + 1]) }

  /// The neighbours of a customer, most similar first.
  func neighbours(ofCustomer customer: Int) -> ArraySlice<Int32> {
    neighbours[Int(neighbourStarts[customer])..<Int(neighbourStarts[customer + 1])]
  }

  /// Every customer's most cosine-similar customers, through an inverted index of products.
  private static func nearestNeighbours(
    starts: [Int32], products: [Int32], values: [Double], productCount: Int, neighbourCount: Int
  ) -> (starts: [Int32], neighbours: [Int32]) {
    let customerCount = starts.count - 1
    var norms = [Double](repeating: 0, count: customerCount)
    var postingStarts = [Int32](repeating: 0, count: productCount + 1)
    for customer in 0..<customerCount {
      var sum = 0.0
      for entry in Int(starts[customer])..<Int(starts[customer + 1]) {
        sum += values[entry] * values[entry]
        postingStarts[Int(products[entry]) + 1] += 1
      }
      norms[customer] = sum.squareRoot()
    }
    for product in 0..<productCount { postingStarts[product + 1] += postingStarts[product] }
    var fill = Array(postingStarts.dropLast())
    var postingCustomers = [Int32](repeating: 0, count: products.count)
    var postingValues = [Double](repeating: 0, count: products.count)
    for customer in 0..<customerCount {
      for entry in Int(starts[customer])..<Int(starts[customer + 1]) {
        let slot = Int(fill[Int(products[entry])])
        fill[Int(products[entry])] += 1
        postingCustomers[slot] = Int32(customer)
        postingValues[slot] = values[entry]
      }
    }
    let index = (postingStarts, postingCustomers, postingValues, norms)
    let chunks = ParallelWork.map(ParallelWork.chunks(of: customerCount, count: 16, minimumSize: 64)) {
      range -> (counts: [Int32], neighbours: [Int32]) in
      let (postingStarts, postingCustomers, postingValues, norms) = index
      var dots = [Double](repeating: 0, count: customerCount)
      var isTouched = [Bool](repeating: false, count: customerCount)
      var touched: [Int32] = []
      var counts: [Int32] = []
      var found: [Int32] = []
      for customer in range {
        for entry in Int(starts[customer])..<Int(starts[customer + 1]) {
          let value = values[entry]
          let product = Int(products[entry])
          for posting in Int(postingStarts[product])..<Int(postingStarts[product + 1]) {
            let other = Int(postingCustomers[posting])
            guard other != customer else { continue }
            if !isTouched[other] {
              isTouched[other] = true
              touched.append(Int32(other))
            }
            dots[other] += value * postingValues[posting]
          }
        }
        let norm = norms[customer]
        let candidates = touched.map { (customer: $0, similarity: dots[Int($0)] / (norm * norms[Int($0)])) }
        for other in touched {
          dots[Int(other)] = 0
          isTouched[Int(other)] = false
        }
        touched.removeAll(keepingCapacity: true)
        let best = selectFirst(neighbourCount, of: candidates) {
          $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.customer < $1.customer
        }
        counts.append(Int32(best.count))
        found.append(contentsOf: best.map(\.customer))
      }
      return (counts, found)
    }
    var neighbourStarts: [Int32] = [0]
    neighbourStarts.reserveCapacity(customerCount + 1)
    var neighbours: [Int32] = []
    for chunk in chunks {
      for count in chunk.counts { neighbourStarts.append(neighbourStarts[neighbourStarts.count - 1] + count) }
      neighbours.append(contentsOf: chunk.neighbours)
    }
    return (neighbourStarts, neighbours)
  }
}

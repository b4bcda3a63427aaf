import Foundation

extension PurchaseHistory {
  /// The same history without the baskets placed at or after a cut-off: what the history
  /// looked like then.
  ///
  /// Equal to ``init(_:before:)`` on the log with the earlier cut-off, except that
  /// ``productPrices`` stay those of the whole history. The learned ranker uses it to compute
  /// features as of the start of its label window.
  ///
  /// - Parameter cutoff: Baskets at or after this instant are left out; ``asOf`` becomes it.
  /// - Returns: The truncated history.
  /// - Complexity: O(*l* + *c*), where *l* is the number of basket lines and *c* the number of
  ///   customers.
  func truncated(before cutoff: Date) -> PurchaseHistory {
    let time = cutoff.timeIntervalSince1970
    // Baskets are numbered oldest first.
    let kept = basketTimes.partitionIndex { $0 < time }
    return PurchaseHistory(truncating: self, basketCount: kept, asOf: cutoff)
  }

  private init(truncating source: PurchaseHistory, basketCount kept: Int, asOf: Date) {
    self.asOf = asOf
    customerIDs = source.customerIDs
    customerNumbers = source.customerNumbers
    products = source.products
    productPrices = source.productPrices
    productCategories = source.productCategories
    categories = source.categories
    basketStarts = Array(source.basketStarts[0...kept])
    basketProducts = Array(source.basketProducts[0..<Int(source.basketStarts[kept])])
    basketCustomers = Array(source.basketCustomers[0..<kept])
    basketTimes = Array(source.basketTimes[0..<kept])

    let productCount = source.productCount
    var basketsByCustomer: [Int32] = []
    var basketStartsByCustomer: [Int32] = [0]
    var productStarts: [Int32] = [0]
    var distinct: [Int32] = []
    var counts: [Int32] = []
    var lastTimes: [Double] = []
    var slot = [Int32](repeating: -1, count: productCount)
    var productBaskets = [Int32](repeating: 0, count: productCount)
    var productCustomers = [Int32](repeating: 0, count: productCount)
    var productRepeaters = [Int32](repeating: 0, count: productCount)
    var touched: [Int32] = []
    for customer in 0..<source.customerCount {
      let first = distinct.count
      for basket in source.baskets(ofCustomerNumber: customer) where Int(basket) < kept {
        basketsByCustomer.append(basket)
        let time = source.basketTimes[Int(basket)]
        for product in source.products(ofBasket: Int(basket)) {
          productBaskets[Int(product)] += 1
          let existing = slot[Int(product)]
          if existing >= 0 {
            counts[Int(existing)] += 1
            lastTimes[Int(existing)] = time
          } else {
            slot[Int(product)] = Int32(distinct.count)
            distinct.append(product)
            touched.append(product)
            counts.append(1)
            lastTimes.append(time)
          }
        }
      }
      // This customer's products ascending, the parallel columns aligned.
      touched.sort()
      var sortedCounts: [Int32] = []
      var sortedTimes: [Double] = []
      sortedCounts.reserveCapacity(touched.count)
      sortedTimes.reserveCapacity(touched.count)
      for product in touched {
        let position = Int(slot[Int(product)])
        sortedCounts.append(counts[position])
        sortedTimes.append(lastTimes[position])
      }
      for (offset, product) in touched.enumerated() {
        distinct[first + offset] = product
        counts[first + offset] = sortedCounts[offset]
        lastTimes[first + offset] = sortedTimes[offset]
        slot[Int(product)] = -1
        productCustomers[Int(product)] += 1
        if sortedCounts[offset] >= 2 { productRepeaters[Int(product)] += 1 }
      }
      touched.removeAll(keepingCapacity: true)
      productStarts.append(Int32(distinct.count))
      basketStartsByCustomer.append(Int32(basketsByCustomer.count))
    }
    customerProductStarts = productStarts
    customerProducts = distinct
    customerProductBaskets = counts
    customerProductLastTimes = lastTimes
    customerBasketStarts = basketStartsByCustomer
    customerBaskets = basketsByCustomer
    productBasketCounts = productBaskets
    productCustomerCounts = productCustomers
    productRepeatCustomerCounts = productRepeaters
  }
}

extension PurchaseHistory {
  /// A 64-bit FNV-1a hash of the baskets (their products, customers and times) and the catalogue
  /// size: equal histories have equal fingerprints, different ones almost surely not.
  ///
  /// - Complexity: O(*l*), where *l* is the number of basket lines.
  var fingerprint: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
      hash = (hash ^ value) &* 0x0000_0100_0000_01b3
    }
    mix(UInt64(productCount))
    mix(UInt64(customerCount))
    for value in basketStarts { mix(UInt64(UInt32(bitPattern: value))) }
    for value in basketProducts { mix(UInt64(UInt32(bitPattern: value))) }
    for value in basketCustomers { mix(UInt64(UInt32(bitPattern: value))) }
    for value in basketTimes { mix(value.bitPattern) }
    return hash
  }
}

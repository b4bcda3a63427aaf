import _RetentionSupport

extension CustomerProfiles {
  /// The median line quantity of each product over the purchase lines up to a time (1 for a
  /// product without any).
  ///
  /// Quantities are nearly always small whole numbers, so each product's are counted in a
  /// histogram of whole numbers below 32 in one pass; only products with other quantities have
  /// their quantities collected and selected from.
  static func medianLineQuantities(_ log: OrderLog, upTo end: Double) -> [Double] {
    let productCount = log.products.count
    let bins = productCount <= 1 << 16 ? 32 : 0
    var histogram = [Int32](repeating: 0, count: productCount * bins)
    var irregular = [Bool](repeating: bins == 0, count: productCount)
    var lineCounts = [Int](repeating: 0, count: productCount)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
        let product = Int(log.lineProducts[line]), quantity = log.lineQuantities[line]
        lineCounts[product] += 1
        if quantity >= 0 && quantity < Double(bins) && quantity == quantity.rounded(.towardZero) {
          histogram[product * bins + Int(quantity)] += 1
        } else {
          irregular[product] = true
        }
      }
    }
    // The k-th smallest (0-based) of a product's counted quantities.
    func counted(_ product: Int, _ k: Int) -> Double {
      var seen = 0
      for bin in 0..<bins {
        seen += Int(histogram[product * bins + bin])
        if seen > k { return Double(bin) }
      }
      preconditionFailure("k is below the product's line count")
    }
    var medians = (0..<productCount).map { product -> Double in
      let n = lineCounts[product]
      guard n > 0, !irregular[product] else { return 1 }
      return n % 2 == 1 ? counted(product, n / 2) : (counted(product, n / 2 - 1) + counted(product, n / 2)) / 2
    }
    let slots = irregular.indices.filter { irregular[$0] && lineCounts[$0] > 0 }
    guard !slots.isEmpty else { return medians }
    var slotOfProduct = [Int](repeating: -1, count: productCount)
    for (slot, product) in slots.enumerated() { slotOfProduct[product] = slot }
    var quantities = [[Double]](repeating: [], count: slots.count)
    for index in 0..<log.orderCount where log.orderIsPurchase[index] && log.orderTimes[index] <= end {
      for line in Int(log.orderLineStarts[index])..<Int(log.orderLineStarts[index + 1]) {
        let slot = slotOfProduct[Int(log.lineProducts[line])]
        if slot >= 0 { quantities[slot].append(log.lineQuantities[line]) }
      }
    }
    for (slot, product) in slots.enumerated() { medians[product] = median(&quantities[slot]) ?? 1 }
    return medians
  }
}

/// Merges stored compactly: per merge its identifier kind, its value's UTF-8 bytes and its
/// orders' indices into a table of order ids (the log's, shared).
struct MergeStore: Sendable {
  var identifiers: [String] = []
  var identifierOfMerge: [UInt8] = []
  var valueBytes: [UInt8] = []
  var valueStarts: [Int32] = [0]
  var orderStarts: [Int32] = [0]
  var orders: [Int32] = []
  var orderIDs: [String] = []

  var count: Int { identifierOfMerge.count }

  init(identifiers: [String], orderIDs: [String]) {
    self.identifiers = identifiers
    self.orderIDs = orderIDs
  }

  /// Merges given as values.
  init(_ merges: [IdentityResolution.Merge]) {
    for merge in merges {
      let identifier = identifiers.firstIndex(of: merge.identifier) ?? {
        identifiers.append(merge.identifier)
        return identifiers.count - 1
      }()
      let first = Int32(orderIDs.count)
      orderIDs.append(contentsOf: merge.orders)
      append(identifier: identifier, value: Array(merge.value.utf8), orders: (first..<Int32(orderIDs.count)))
    }
  }

  /// Appends a merge.
  mutating func append(identifier: Int, value: some Collection<UInt8>, orders: some Collection<Int32>) {
    identifierOfMerge.append(UInt8(identifier))
    valueBytes.append(contentsOf: value)
    valueStarts.append(Int32(valueBytes.count))
    self.orders.append(contentsOf: orders)
    orderStarts.append(Int32(self.orders.count))
  }

  /// Appends the merges of another store with the same identifiers and order ids.
  mutating func append(contentsOf other: MergeStore) {
    let valueOffset = Int32(valueBytes.count), orderOffset = Int32(orders.count)
    identifierOfMerge.append(contentsOf: other.identifierOfMerge)
    valueBytes.append(contentsOf: other.valueBytes)
    valueStarts.append(contentsOf: other.valueStarts.dropFirst().lazy.map { $0 + valueOffset })
    orders.append(contentsOf: other.orders)
    orderStarts.append(contentsOf: other.orderStarts.dropFirst().lazy.map { $0 + orderOffset })
  }

  /// The merge at a position, spelled out.
  func merge(at position: Int) -> IdentityResolution.Merge {
    IdentityResolution.Merge(
      identifier: identifiers[Int(identifierOfMerge[position])],
      value: String(decoding: valueBytes[Int(valueStarts[position])..<Int(valueStarts[position + 1])], as: UTF8.self),
      orders: orders[Int(orderStarts[position])..<Int(orderStarts[position + 1])].map { orderIDs[Int($0)] })
  }
}
